import { foldMarks } from '../../../core/vn-text.js';
import type { Level } from '../../../graph-schema/index.js';
import { escapeRe } from '../text/regex.js';

/**
 * What an agency mention means: its canonical name, whether it is a collective, whether it is a
 * national body, and its level. The words as written stay with the mention (alias, edge `raw`);
 * the canonical name is what the node is called and what its id is made of, so every spelling of
 * one body maps to one node:
 *
 *  - abbreviations are expanded (KH&CN, KHCN → Khoa học và Công nghệ; UBND → Ủy ban nhân dân;
 *    HĐND; TT&TT; KH&ĐT; LĐTB&XH; VH,TT&DL; GD&ĐT; NN&PTNT; TN&MT; MTTQ; CT-XH; …);
 *  - old tone placement is modernised (hoá → hóa, uỷ → ủy) and the casing of known phrases fixed
 *    ("Sở Khoa học và công nghệ" → "Sở Khoa học và Công nghệ");
 *  - a department's trailing "tỉnh (…)" is dropped ("Sở Tài chính tỉnh" = "Sở Tài chính"), as is
 *    the province's own name after "tỉnh" ("Ủy ban nhân dân tỉnh Bình Thuận" = "… tỉnh");
 *  - "Mặt trận Tổ quốc" is always "Mặt trận Tổ quốc Việt Nam";
 *  - collectives are named by what they cover (see `collectiveName`).
 * Ids are slugs of the canonical name (graph-schema/ids.ts), so case and tone marks never split one
 * body into two.
 */

export interface ResolvedAgency {
  name: string;
  collective: boolean;
  /** A body of the central state or Party, shared by every province (`agencyId(name, null)`). */
  national: boolean;
  level: Level;
}

export interface NameContext {
  level: Level;
  province: string | null;
}

// ---------------------------------------------------------------------------------------------
// Spelling

const TONE_MOVES: Record<string, string> = {
  oá: 'óa', oà: 'òa', oả: 'ỏa', oã: 'õa', oạ: 'ọa',
  oé: 'óe', oè: 'òe', oẻ: 'ỏe', oẽ: 'õe', oẹ: 'ọe',
  uý: 'úy', uỳ: 'ùy', uỷ: 'ủy', uỹ: 'ũy', uỵ: 'ụy',
  Oá: 'Óa', Oà: 'Òa', Oả: 'Ỏa', Oã: 'Õa', Oạ: 'Ọa',
  Uý: 'Úy', Uỳ: 'Ùy', Uỷ: 'Ủy', Uỹ: 'Ũy', Uỵ: 'Ụy',
};

/** "hoá" → "hóa", "Uỷ" → "Ủy" (open syllables only; "quý" stays). Keeps the string's length. */
export function modernTones(s: string): string {
  return s.normalize('NFC').replace(/(?<![qQ])([oOuU][áàảãạéèẻẽẹýỳỷỹỵ])(?!\p{L})/gu, (m) => TONE_MOVES[m] ?? m);
}

/** Lower-case, tone-modernised shadow of `s` with the same length, for position-based matching. */
export function shadowOf(s: string): string {
  const low = modernTones(s).toLowerCase();
  return low.length === s.length ? low : s.toLowerCase();
}

const B = '(?<![\\p{L}\\p{N}&])';
const E = '(?![\\p{L}\\p{N}&])';

/** Abbreviation → expansion; longest first. Matched as whole words. */
const ABBREVIATIONS: [string[], string][] = [
  [['MTTQVN', 'MTTQ VN', 'MTTQ Việt Nam'], 'Mặt trận Tổ quốc Việt Nam'],
  [['MTTQ'], 'Mặt trận Tổ quốc'],
  [['UBND', 'UB ND'], 'Ủy ban nhân dân'],
  [['HĐND'], 'Hội đồng nhân dân'],
  [['KH&CN', 'KH & CN', 'KH và CN', 'KHCN', 'KH-CN', 'KHvàCN'], 'Khoa học và Công nghệ'],
  [['KH&ĐT', 'KH & ĐT', 'KH và ĐT', 'KHĐT', 'KH-ĐT'], 'Kế hoạch và Đầu tư'],
  [['TT&TT', 'TT & TT', 'TT và TT', 'TTTT', 'TT-TT'], 'Thông tin và Truyền thông'],
  [['LĐ-TB&XH', 'LĐTB&XH', 'LĐ-TBXH', 'LĐTBXH', 'LĐ, TB&XH', 'LĐ,TB&XH', 'LĐ-TB và XH'], 'Lao động - Thương binh và Xã hội'],
  [['VH,TT&DL', 'VH, TT&DL', 'VH-TT&DL', 'VHTT&DL', 'VHTTDL', 'VH, TT và DL', 'VH,TT và DL'], 'Văn hóa, Thể thao và Du lịch'],
  [['GD&ĐT', 'GD & ĐT', 'GD và ĐT', 'GDĐT', 'GD-ĐT'], 'Giáo dục và Đào tạo'],
  [['NN&PTNT', 'NN & PTNT', 'NN và PTNT', 'NNPTNT', 'NN-PTNT'], 'Nông nghiệp và Phát triển nông thôn'],
  [['NN&MT', 'NN và MT', 'NNMT'], 'Nông nghiệp và Môi trường'],
  [['TN&MT', 'TN & MT', 'TN và MT', 'TNMT', 'TN-MT'], 'Tài nguyên và Môi trường'],
  [['GTVT', 'GT-VT', 'GT&VT'], 'Giao thông vận tải'],
  [['KHKT', 'KH&KT', 'KH và KT'], 'Khoa học và Kỹ thuật'],
  [['CT-XH', 'CTXH', 'CT - XH'], 'chính trị - xã hội'],
  [['PT-TH', 'PTTH', 'PT&TH'], 'Phát thanh - Truyền hình'],
  [['BCĐ'], 'Ban Chỉ đạo'],
  [['BTV'], 'Ban Thường vụ'],
  [['BCH'], 'Ban Chấp hành'],
  [['BCHQS'], 'Bộ Chỉ huy Quân sự'],
  // After "Bộ" (the province's) or "Ban" (a commune's): "Bộ CHQS tỉnh", "Ban CHQS xã".
  [['CHQS'], 'Chỉ huy Quân sự'],
  [['BĐBP'], 'Bộ đội Biên phòng'],
  [['NHNN'], 'Ngân hàng Nhà nước'],
  [['BHXH'], 'Bảo hiểm xã hội'],
  [['LĐLĐ'], 'Liên đoàn Lao động'],
  [['LHPN'], 'Liên hiệp Phụ nữ'],
  [['TNCS'], 'Thanh niên Cộng sản'],
  [['ĐBQH'], 'đại biểu Quốc hội'],
  [['HCM'], 'Hồ Chí Minh'],
];
const ABBREVIATION_RES: [RegExp, string][] = ABBREVIATIONS.map(([forms, full]) => [
  new RegExp(`${B}(?:${forms.map(escapeRe).join('|')})${E}`, 'gu'),
  full,
]);
/** Short department codes, only right after "Sở"/"Bộ": "Sở TC" = Sở Tài chính. */
const DEPARTMENT_CODES: Record<string, string> = {
  TC: 'Tài chính',
  NV: 'Nội vụ',
  TP: 'Tư pháp',
  YT: 'Y tế',
  XD: 'Xây dựng',
  CT: 'Công Thương',
  NgV: 'Ngoại vụ',
};

export function expandAbbreviations(s: string): string {
  let out = s;
  for (const [re, full] of ABBREVIATION_RES) out = out.replace(re, full);
  out = out.replace(/(?<![/\-\p{L}])(?:TW|TƯ)(?![\p{L}\p{N}])/gu, 'Trung ương');
  out = out.replace(/^VP(?=\s)/u, 'Văn phòng');
  out = out.replace(/(?<=(?:^|\s)(?:Sở|Bộ)\s)(TC|NV|TP|YT|XD|CT|NgV)(?![\p{L}\p{N}])/gu, (m) => DEPARTMENT_CODES[m] ?? m);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Departments and ministries, and the casing of phrases that recur in names

/** Fields of provincial departments (Sở) and ministries (Bộ), in their official spelling. */
export const DOMAINS: readonly string[] = [
  'Nội vụ',
  'Tư pháp',
  'Kế hoạch và Đầu tư',
  'Tài chính',
  'Công Thương',
  'Nông nghiệp và Phát triển nông thôn',
  'Nông nghiệp và Môi trường',
  'Giao thông vận tải',
  'Xây dựng',
  'Tài nguyên và Môi trường',
  'Thông tin và Truyền thông',
  'Lao động - Thương binh và Xã hội',
  'Văn hóa, Thể thao và Du lịch',
  'Văn hóa và Thể thao',
  'Du lịch',
  'Khoa học và Công nghệ',
  'Giáo dục và Đào tạo',
  'Y tế',
  'Ngoại vụ',
  'Dân tộc và Tôn giáo',
  'Ngoại giao',
  'Quốc phòng',
  'Công an',
];

/** Regex source matching one domain in a lower-case shadow: spaces may also be "-" or ",". */
function domainPattern(domain: string): string {
  const words = domain
    .toLowerCase()
    .split(/\s*[-–,]\s*|\s+/)
    .filter(Boolean)
    .map(escapeRe);
  return words.join('(?:\\s*[-–,]\\s*|\\s+)');
}

/** "sở|bộ" + a domain (written out or abbreviated), on a lower-case shadow, at the start. */
export const DEPARTMENT_RE = new RegExp(
  `^(?:sở|bộ)\\s+(?:${[...DOMAINS]
    .sort((a, b) => b.length - a.length)
    .map(domainPattern)
    .concat(
      ABBREVIATIONS.filter(([, full]) => DOMAINS.includes(full))
        .flatMap(([forms]) => forms)
        .map((f) => escapeRe(f.toLowerCase())),
      Object.keys(DEPARTMENT_CODES).map((c) => escapeRe(c.toLowerCase())),
    )
    .join('|')})${E}`,
  'u',
);

/** Phrases whose casing names use; applied case-insensitively to the expanded name. */
const CASED_PHRASES: readonly string[] = [
  ...DOMAINS,
  'Ủy ban nhân dân',
  'Hội đồng nhân dân',
  'Mặt trận Tổ quốc Việt Nam',
  'Mặt trận Tổ quốc',
  'Tỉnh ủy',
  'Thành ủy',
  'Tỉnh đoàn',
  'Trung ương',
  'Chính phủ',
  'Thủ tướng Chính phủ',
  'Quốc hội',
  'Việt Nam',
  'Bộ Chính trị',
  'Ban Bí thư',
  'Ban Chấp hành Trung ương',
  'Ban cán sự đảng',
  'Đảng đoàn',
  'Ban Thường vụ',
  'Ban Tuyên giáo',
  'Ban Tổ chức',
  'Ban Dân vận',
  'Ban Nội chính',
  'Ban Kinh tế',
  'Văn phòng',
  'Liên hiệp các Hội Khoa học và Kỹ thuật',
  'Khoa học và Kỹ thuật',
  'Phát thanh - Truyền hình',
  'Bộ Chỉ huy Quân sự',
  'Bộ đội Biên phòng',
  'Công an',
  'Thanh tra',
  'Ngân hàng Nhà nước',
  'Kho bạc Nhà nước',
  'Đoàn Thanh niên Cộng sản Hồ Chí Minh',
  'chính trị - xã hội',
];
const CASED_RES: [RegExp, string][] = [...CASED_PHRASES]
  .sort((a, b) => b.length - a.length)
  .map((p) => [new RegExp(`${B}${domainPattern(p)}${E}`, 'gu'), p]);

function fixCasing(name: string): string {
  const shadow = shadowOf(name);
  const chars = [...name];
  if (chars.length !== name.length) return name; // astral characters: leave as written
  let out = name;
  for (const [re, phrase] of CASED_RES) {
    re.lastIndex = 0;
    for (const m of shadow.matchAll(re)) {
      const at = m.index ?? 0;
      const len = m[0].length;
      // Only replace when the phrase has the same shape (no punctuation variants) as written.
      const replacement = m[0].replace(/\s+/g, ' ') === phrase.toLowerCase() ? phrase : null;
      if (replacement && replacement.length === len) out = out.slice(0, at) + replacement + out.slice(at + len);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Collectives

/** Words that start a collective after "các" ("các sở, ban, ngành", "các cơ quan liên quan"). */
export const COLLECTIVE_NOUN_RE = new RegExp(
  `^(?:${[
    'sở',
    'ban',
    'ngành',
    'bộ',
    'cơ quan',
    'đơn vị',
    'địa phương',
    'tổ chức',
    'đoàn thể',
    'hội',
    'hiệp hội',
    'cấp ủy',
    'cấp',
    'huyện ủy',
    'thị ủy',
    'thành ủy',
    'tỉnh ủy',
    'đảng ủy',
    'đảng đoàn',
    'ban cán sự',
    'ban đảng',
    'chi bộ',
    'tỉnh',
    'thành phố',
    'huyện',
    'quận',
    'xã',
    'phường',
    'thị trấn',
    'trường',
    'nhà trường',
    'đại học',
    'cao đẳng',
    'viện',
    'trung tâm',
    'cơ sở giáo dục',
    'cơ sở đào tạo',
    'cơ sở nghiên cứu',
    'doanh nghiệp nhà nước',
    'ngân hàng',
    'tổ chức tín dụng',
    'doanh nghiệp',
    'tập đoàn',
    'tổng công ty',
    'lực lượng',
    'chủ đầu tư',
    'nhà đầu tư',
    'nhà cung cấp',
    'thành viên',
    'ủy ban',
    'mặt trận',
    'thủ trưởng',
    'người đứng đầu',
  ]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})${E}`,
  'u',
);

const RELATED = 'Các cơ quan, đơn vị liên quan';
const DEPARTMENTS = 'Các sở, ban, ngành';
const DISTRICTS = 'Ủy ban nhân dân các huyện, thị xã, thành phố';
const DEPARTMENTS_AND_DISTRICTS = 'Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố';
const LOCALITIES = 'Các địa phương';
const MINISTRIES = 'Các bộ, ngành';
const MINISTRIES_AND_LOCALITIES = 'Các bộ, ngành, địa phương';
const PROVINCES = 'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương';

/**
 * One name per kind of collective, so the many ways plans write the same group give one node:
 *
 *   "… (có) liên quan" (any nouns)                         → Các cơ quan, đơn vị liên quan
 *   departments and districts/localities                   → Các sở, ban, ngành, Ủy ban nhân dân
 *     ("Các sở, ban, ngành, đơn vị cấp tỉnh, UBND các         các huyện, thị xã, thành phố
 *     huyện…", "Thủ trưởng các sở…, Chủ tịch UBND các huyện…", "các sở, ban ngành, địa phương")
 *   departments only ("Các sở, ban, ngành", "Các sở, ngành") → Các sở, ban, ngành
 *   districts only ("UBND các huyện, thị xã, thành phố")   → Ủy ban nhân dân các huyện, thị xã, thành phố
 *   "các địa phương"                                       → Các địa phương
 *   "các bộ, ngành (, địa phương / UBND các tỉnh…)"        → Các bộ, ngành (, địa phương)
 *   "UBND các tỉnh, thành phố trực thuộc Trung ương"       → Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương
 *   anything else ("Các cấp ủy, tổ chức đảng", "Các tổ chức chính trị - xã hội tỉnh", "Các Trường
 *   Đại học, Cao đẳng trên địa bàn tỉnh"): the phrase itself, without "Thủ trưởng", "trong phạm vi
 *   chức năng …"-style qualifiers, starting "Các".
 */
export function collectiveName(raw: string): string {
  let s = modernTones(expandAbbreviations(raw)).replace(/\s+/g, ' ').trim();
  s = s.replace(/^(?:tất cả|toàn bộ)\s+/iu, '');
  s = s.replace(/\s+(?:trong phạm vi|theo chức năng|theo phạm vi|căn cứ chức năng|theo lĩnh vực|thuộc phạm vi|trong lĩnh vực)\b.*$/iu, '');
  s = s.replace(/[\s,;:.]+$/u, '');
  const f = foldMarks(s).toLowerCase();
  const partyCommittees = /\b(cap uy|tinh uy|thanh uy|huyen uy|thi uy|dang uy|ban can su|dang doan|to chuc dang|ban dang)\b/.test(f);
  const related = /\blien quan\b/.test(f) || /\b(dia phuong|nganh|don vi) quan$/.test(f);
  if (related && !partyCommittees) return RELATED;
  const ministries = /\bcac bo\b|\bbo, (nganh|co quan)|\bbo truong\b|\bco quan ngang bo\b/.test(f);
  const localities = /\bdia phuong\b/.test(f);
  const provinces = /\b(uy ban nhan dan|chu tich uy ban nhan dan) cac tinh\b(?! uy)|\bcac tinh, thanh pho\b/.test(f);
  if (ministries) return localities || provinces ? MINISTRIES_AND_LOCALITIES : MINISTRIES;
  if (provinces && !partyCommittees) return PROVINCES;
  if (!partyCommittees) {
    const departments = /\bcac so\b|\bso, (ban|nganh)\b|\bban, nganh\b|\bban nganh\b|\bdon vi cap tinh\b|\bco quan (chuyen mon|thuoc uy ban|cap tinh)/.test(f);
    const districts = /(uy ban nhan dan|chu tich uy ban nhan dan) (cac|cap) (huyen|quan)|\bcac huyen\b(?! uy)|\bhuyen, (thi xa|thanh pho)\b|\bcap huyen\b/.test(f);
    if (departments && (districts || localities)) return DEPARTMENTS_AND_DISTRICTS;
    if (departments) return DEPARTMENTS;
    if (districts) return DISTRICTS;
    if (localities && /^(cac )?dia phuong$/.test(f)) return LOCALITIES;
  }
  s = s.replace(/^(?:(?:thủ trưởng|người đứng đầu|lãnh đạo|giám đốc)\s+)/iu, '');
  // "Ủy ban nhân dân các phường, xã, đặc khu", "UBND xã, phường", "UBND cấp xã" already say they
  // are many (by "các" or by their levels); "Các" is added only to a bare noun.
  if (!/(?:^|\s)các\s/iu.test(s) && !/^(?:chủ tịch\s+)?ủy ban nhân dân\s/iu.test(s)) s = `các ${s}`;
  return capitalise(s);
}

// ---------------------------------------------------------------------------------------------
// One mention → what it means

/**
 * Bodies every province has, usually written with "tỉnh" ("Ủy ban nhân dân tỉnh", "Công an tỉnh").
 * In a provincial document the bare name means the province's own body, so "tỉnh" is added:
 * "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội tỉnh" and a table's
 * "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" are one node.
 */
const PROVINCIAL_BODIES: ReadonlySet<string> = new Set(
  [
    'Ủy ban nhân dân',
    'Hội đồng nhân dân',
    'Văn phòng Ủy ban nhân dân',
    'Văn phòng Hội đồng nhân dân',
    'Ủy ban Mặt trận Tổ quốc Việt Nam',
    'Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam',
    'Đảng đoàn Hội đồng nhân dân',
    'Ban cán sự đảng Ủy ban nhân dân',
    'Liên hiệp các Hội Khoa học và Kỹ thuật',
    'Công an',
    'Bộ Chỉ huy Quân sự',
    'Bộ Chỉ huy Bộ đội Biên phòng',
    'Liên đoàn Lao động',
    'Hội Nông dân',
    'Hội Liên hiệp Phụ nữ',
    'Hội Cựu chiến binh',
    'Thanh tra',
    'Ban Dân tộc',
    'Trường Chính trị',
    'Kho bạc Nhà nước',
    'Cục Thuế',
    'Bảo hiểm xã hội',
  ].map((n) => foldMarks(n).toLowerCase()),
);

const NATIONAL_RE =
  /\b(trung uong|chinh phu|quoc hoi|bo chinh tri|ban bi thu|toi cao|thu tuong|kiem toan nha nuoc|ngan hang nha nuoc viet nam)\b/;
const LOCAL_RE = /\b(tinh|tinh uy|thanh uy|huyen|huyen uy|thi xa|thi uy|thanh pho)\b|^so\s/;
const MINISTRY_RE = /(^|\s)bo (?!chinh tri|chi huy|doi)/;

/**
 * The canonical reading of one mention (the words of one agency, as split by index.ts), or null
 * when nothing is left once qualifiers are removed. National bodies: everything named in a central
 * or ministry document, and in local documents the bodies whose name says so (Trung ương, Chính
 * phủ, Quốc hội, Bộ …, "… Việt Nam" without "tỉnh").
 */
export function resolveAgencyName(raw: string, collective: boolean, ctx: NameContext): ResolvedAgency | null {
  const cleaned = raw
    .replace(/\((?:chủ trì|phối hợp|cơ quan chủ trì|đầu mối)\)/giu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.\-–]+|[\s,;:.\-–]+$/gu, '')
    .trim();
  if (!cleaned) return null;
  const central = ctx.level === 'central' || ctx.level === 'ministry';
  if (collective) {
    const name = collectiveName(cleaned);
    const f = foldMarks(name).toLowerCase();
    // Only groups of district bodies are district-level; "Các sở, ban, ngành, UBND các huyện…" is
    // a provincial group.
    const district = /\b(huyen|thi xa|huyen uy|thi uy|cap xa)\b/.test(f) && !/\b(so|nganh)\b|\btinh\b(?! uy)/.test(f) && !central;
    return { name, collective: true, national: central, level: central ? 'central' : district ? 'district' : 'province' };
  }
  let name = modernTones(expandAbbreviations(cleaned));
  name = name.replace(/^(?:Đề nghị|Giao cho|Giao|Yêu cầu)\s+/u, '');
  name = withoutPost(name);
  name = name.replace(/Mặt trận Tổ quốc(?!\s+Việt Nam)/giu, 'Mặt trận Tổ quốc Việt Nam');
  name = fixCasing(capitalise(name));
  if (/^Sở\s/u.test(name)) name = name.replace(/\s+tỉnh(?:\s+.*)?$/u, '');
  if (ctx.province) {
    const prov = escapeRe(ctx.province);
    name = name.replace(new RegExp(`(\\stỉnh)\\s+${prov}$`, 'iu'), '$1');
  }
  name = name.replace(/\s+/g, ' ').trim();
  if (!name) return null;
  if (ctx.level === 'province' && PROVINCIAL_BODIES.has(foldMarks(name).toLowerCase())) name = `${name} tỉnh`;
  const f = foldMarks(name).toLowerCase();
  const national = central || ((NATIONAL_RE.test(f) || MINISTRY_RE.test(f)) && !LOCAL_RE.test(f));
  const level: Level = national ? (MINISTRY_RE.test(f) ? 'ministry' : 'central') : /\b(huyen|thi xa|huyen uy|thi uy)\b/.test(f) ? 'district' : 'province';
  return { name, collective: false, national, level };
}

/**
 * Posts named before the body they head. A post stands for its body: "Giám đốc Sở Tài chính" is Sở
 * Tài chính, "Trưởng Ban Chỉ đạo" the Ban Chỉ đạo, "Chánh Văn phòng …" the Văn phòng. "Chủ tịch …"
 * is kept: the chair of a People's Committee acts in person. Matched on a lower-case shadow.
 */
export const POST_RE = new RegExp(
  `^(?:${['bộ trưởng', 'thủ trưởng', 'người đứng đầu', 'giám đốc', 'tổng giám đốc', 'chánh', 'trưởng', 'phó trưởng', 'chủ nhiệm', 'cục trưởng', 'vụ trưởng', 'viện trưởng']
    .sort((a, b) => b.length - a.length)
    .join('|')})\\s+`,
  'u',
);

/** "Bộ trưởng Bộ Công an" → "Bộ Công an": the post dropped when a capitalised body follows it. */
function withoutPost(name: string): string {
  const post = POST_RE.exec(shadowOf(name));
  return post && /^\p{Lu}/u.test(name.slice(post[0].length)) ? name.slice(post[0].length) : name;
}

export function capitalise(s: string): string {
  const first = s.charAt(0);
  return first.toLocaleUpperCase('vi') + s.slice(1);
}
