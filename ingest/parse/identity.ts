import { createHash } from 'node:crypto';
import { matchKey } from '../../core/vn-text.js';
import {
  agencyId,
  documentId,
  provinceSlug as toProvinceSlug,
  type AgencyNode,
  type DocumentTypeCode,
  type Level,
} from '../../graph-schema/index.js';
import { cleanInline } from './lines.js';
import type { DocumentIdentity, SourceLine } from './types.js';

/*
 * Who issued a document and what it is. The first half of this file is the vocabulary shared with
 * citations.ts (folding, dates, document numbers, issuing bodies, provinces); the second half reads
 * a document's own identity from its header, website metadata, signature, appendix or body.
 *
 * Matching happens on a folded copy of the text (marks removed, đ → d, lower-case) that has exactly
 * the same length as the original, so every match maps back to the original words.
 */

// ---------------------------------------------------------------------------------------------
// Folding

const foldCache = new Map<string, string>();

function foldChar(c: string, lower: boolean): string {
  const key = lower ? c : `${c}\u0000`;
  const hit = foldCache.get(key);
  if (hit !== undefined) return hit;
  // U+00D0/U+00F0 (Eth) stand in for Đ/đ in some transcriptions.
  const d = c === 'đ' || c === 'ð' ? 'd' : c === 'Đ' || c === 'Ð' ? 'D' : null;
  let f = d ?? c.normalize('NFD').charAt(0);
  if (lower) f = f.toLowerCase();
  if (f.length !== 1) f = c;
  foldCache.set(key, f);
  return f;
}

/** Marks removed, đ → d, lower-cased, and exactly as long as `text` (offsets carry over). */
export function foldLower(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code < 0x80 ? text[i]!.toLowerCase() : code >= 0xd800 && code <= 0xdfff ? text[i]! : foldChar(text[i]!, true);
  }
  return out;
}

/** Like foldLower but keeps letter case: "Quảng Bình" → "Quang Binh". */
export function foldKeepCase(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code < 0x80 || (code >= 0xd800 && code <= 0xdfff) ? text[i]! : foldChar(text[i]!, false);
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Provinces

/** The 63 provinces and centrally-run cities (before the 2025 merger; the merged ones kept these names). */
export const PROVINCES: readonly string[] = [
  'An Giang', 'Bà Rịa - Vũng Tàu', 'Bạc Liêu', 'Bắc Giang', 'Bắc Kạn', 'Bắc Ninh', 'Bến Tre', 'Bình Dương',
  'Bình Định', 'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cao Bằng', 'Cần Thơ', 'Đà Nẵng', 'Đắk Lắk', 'Đắk Nông',
  'Điện Biên', 'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Giang', 'Hà Nam', 'Hà Nội', 'Hà Tĩnh', 'Hải Dương',
  'Hải Phòng', 'Hậu Giang', 'Hòa Bình', 'Hồ Chí Minh', 'Hưng Yên', 'Khánh Hòa', 'Kiên Giang', 'Kon Tum',
  'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Long An', 'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận',
  'Phú Thọ', 'Phú Yên', 'Quảng Bình', 'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng',
  'Sơn La', 'Tây Ninh', 'Thái Bình', 'Thái Nguyên', 'Thanh Hóa', 'Thừa Thiên Huế', 'Tiền Giang', 'Trà Vinh',
  'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái', 'Huế',
];

/** Centrally-run cities: "thành phố Hà Nội" is a province, "thành phố Bắc Giang" a district. */
const CENTRAL_CITIES = new Set(['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế']);

/** Folded spellings (lower case) → province name, with the common variants. */
const PROVINCE_SPELLINGS: ReadonlyArray<[string, string]> = (() => {
  const list: Array<[string, string]> = PROVINCES.map((p) => [foldLower(p), p]);
  list.push(['bac can', 'Bắc Kạn'], ['dac lac', 'Đắk Lắk'], ['dak nong', 'Đắk Nông'], ['kontum', 'Kon Tum']);
  list.push(['thua thien - hue', 'Thừa Thiên Huế'], ['ba ria vung tau', 'Bà Rịa - Vũng Tàu'], ['tp hcm', 'Hồ Chí Minh']);
  list.push(['tp. hcm', 'Hồ Chí Minh'], ['tp.hcm', 'Hồ Chí Minh'], ['hcm', 'Hồ Chí Minh']);
  return list.sort((a, b) => b[0].length - a[0].length);
})();

const provincePattern = PROVINCE_SPELLINGS.map(([f]) => escapeRe(f).replace(/ - | /g, '\\s*-?\\s*')).join('|');
const PROVINCE_AT = new RegExp(`(?:${provincePattern})(?![a-z0-9])`, 'y');

function provinceFromFolded(folded: string): string | null {
  const f = folded.replace(/\s*-\s*/g, ' - ').replace(/\s+/g, ' ').trim();
  for (const [spelling, name] of PROVINCE_SPELLINGS) {
    if (f === spelling || f.replace(/ - /g, ' ') === spelling.replace(/ - /g, ' ')) return name;
  }
  return null;
}

/** A province name starting exactly at `index` of a folded-lower string. */
function provinceAt(folded: string, index: number): { name: string; length: number } | null {
  PROVINCE_AT.lastIndex = index;
  const m = PROVINCE_AT.exec(folded);
  if (!m) return null;
  const name = provinceFromFolded(m[0]);
  return name ? { name, length: m[0].length } : null;
}

/**
 * Province names in running text, case-sensitive (Title Case, or upper case after "TỈNH"), so that
 * "hòa bình" (peace) is not Hòa Bình. Ho Chi Minh City needs "Thành phố"/"TP." (the name is also a person's).
 */
export function findProvinceMentions(text: string): Array<{ name: string; index: number; qualified: boolean }> {
  const kept = foldKeepCase(text);
  const out: Array<{ name: string; index: number; qualified: boolean }> = [];
  for (const { name, re } of provinceRegexes()) {
    re.lastIndex = 0;
    for (const m of kept.matchAll(re)) {
      const qualified = !!m[1] || /^(TINH|THANH)/.test(m[0]);
      if (name === 'Hồ Chí Minh' && !qualified) continue;
      if (name === 'Huế' && /Thua Thien\s*-?\s*$/i.test(kept.slice(Math.max(0, m.index - 14), m.index))) continue;
      out.push({ name, index: m.index, qualified });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

let provinceRegexCache: Array<{ name: string; re: RegExp }> | null = null;

function provinceRegexes(): Array<{ name: string; re: RegExp }> {
  if (provinceRegexCache) return provinceRegexCache;
  const variants = new Map<string, string[]>();
  for (const name of PROVINCES) variants.set(name, [foldKeepCase(name).replace(/ - /g, ' ')]);
  variants.get('Bắc Kạn')!.push('Bac Can');
  variants.get('Kon Tum')!.push('Kontum');
  provinceRegexCache = [...variants.entries()].map(([name, spellings]) => {
    const body = spellings.map((f) => escapeRe(f).replace(/ /g, '\\s*-?\\s*')).join('|');
    const upper = spellings.map((f) => escapeRe(f.toUpperCase()).replace(/ /g, '\\s*-?\\s*')).join('|');
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:((?:[Tt]inh(?: uy)?|[Tt]hanh pho|TP\\.?|Tp\\.?)\\s+)?(?:${body})|(?:TINH UY|TINH|THANH PHO|TP\\.?)\\s+(?:${upper}))(?![\\p{L}\\p{N}])`,
      'gu',
    );
    return { name, re };
  });
  return provinceRegexCache;
}

// ---------------------------------------------------------------------------------------------
// Dates

export interface ParsedDate {
  iso: string;
  year: number;
  length: number;
}

function isoDate(d: number, m: number, y: number): string | null {
  if (d < 1 || d > 31 || m < 1 || m > 12 || y < 1945 || y > 2100) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DATE_WORDS = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:,\s*)?nam\s*(\d{4})(?!\d)/y;
const DATE_NUMERIC = /(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)/y;

/**
 * A date starting at `index` of a folded-lower string: "ngày 11 tháng 01 năm 2024", "11/01/2024",
 * "11-01-2024", "27 /8/2024" (an optional leading "ngày" is part of the match).
 */
export function dateAt(folded: string, index: number): ParsedDate | null {
  DATE_WORDS.lastIndex = index;
  let m = DATE_WORDS.exec(folded);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? { iso, year: Number(m[3]), length: m[0].length } : null;
  }
  const lead = /ngay\s*/y;
  lead.lastIndex = index;
  const l = lead.exec(folded);
  const start = l ? index + l[0].length : index;
  DATE_NUMERIC.lastIndex = start;
  m = DATE_NUMERIC.exec(folded);
  if (!m) return null;
  const iso = isoDate(Number(m[1]), Number(m[3]), Number(m[4]));
  return iso ? { iso, year: Number(m[4]), length: start - index + m[0].length } : null;
}

// ---------------------------------------------------------------------------------------------
// Document types

interface TypeInfo {
  code: DocumentTypeCode;
  name: string;
}

/** Type words as written before a number, folded; longest first. */
const TYPE_WORDS: ReadonlyArray<[string, TypeInfo]> = (
  [
    ['chuong trinh hanh dong', { code: 'ctr', name: 'Chương trình hành động' }],
    ['nghi quyet lien tich', { code: 'nq', name: 'Nghị quyết liên tịch' }],
    ['thong tu lien tich', { code: 'tt', name: 'Thông tư liên tịch' }],
    ['thong bao ket luan', { code: 'tb', name: 'Thông báo kết luận' }],
    ['chuong trinh', { code: 'ctr', name: 'Chương trình' }],
    ['ket luan', { code: 'kl', name: 'Kết luận' }],
    ['nghi quyet', { code: 'nq', name: 'Nghị quyết' }],
    ['quyet dinh', { code: 'qd', name: 'Quyết định' }],
    ['ke hoach', { code: 'kh', name: 'Kế hoạch' }],
    ['chi thi', { code: 'ct', name: 'Chỉ thị' }],
    ['thong tu', { code: 'tt', name: 'Thông tư' }],
    ['cong van', { code: 'cv', name: 'Công văn' }],
    ['van ban', { code: 'cv', name: 'Văn bản' }],
    ['thong bao', { code: 'tb', name: 'Thông báo' }],
    ['nghi dinh', { code: 'nd', name: 'Nghị định' }],
    ['bo luat', { code: 'luat', name: 'Bộ luật' }],
    ['luat', { code: 'luat', name: 'Luật' }],
    ['huong dan', { code: 'hd', name: 'Hướng dẫn' }],
    ['de an', { code: 'other', name: 'Đề án' }],
    ['quy dinh', { code: 'other', name: 'Quy định' }],
    ['quy che', { code: 'other', name: 'Quy chế' }],
    ['phap lenh', { code: 'other', name: 'Pháp lệnh' }],
    ['cong dien', { code: 'other', name: 'Công điện' }],
    ['bao cao', { code: 'other', name: 'Báo cáo' }],
    ['to trinh', { code: 'other', name: 'Tờ trình' }],
  ] as Array<[string, TypeInfo]>
).sort((a, b) => b[0].length - a[0].length);

export const TYPE_WORD_PATTERN = TYPE_WORDS.map(([w]) => w.replace(/ /g, '\\s+')).join('|');

export function typeFromWords(folded: string): TypeInfo | null {
  const f = folded.replace(/\s+/g, ' ').trim();
  return TYPE_WORDS.find(([w]) => w === f)?.[1] ?? null;
}

/** The type code inside a number ("KL" in 69-KL/TW), folded lower → type. */
const TYPE_CODES: Readonly<Record<string, TypeInfo>> = {
  kl: { code: 'kl', name: 'Kết luận' },
  nq: { code: 'nq', name: 'Nghị quyết' },
  nqlt: { code: 'nq', name: 'Nghị quyết liên tịch' },
  qd: { code: 'qd', name: 'Quyết định' },
  kh: { code: 'kh', name: 'Kế hoạch' },
  ctr: { code: 'ctr', name: 'Chương trình' },
  ct: { code: 'ct', name: 'Chỉ thị' },
  tt: { code: 'tt', name: 'Thông tư' },
  ttlt: { code: 'tt', name: 'Thông tư liên tịch' },
  cv: { code: 'cv', name: 'Công văn' },
  tb: { code: 'tb', name: 'Thông báo' },
  nd: { code: 'nd', name: 'Nghị định' },
  hd: { code: 'hd', name: 'Hướng dẫn' },
  qdi: { code: 'other', name: 'Quy định' },
  da: { code: 'other', name: 'Đề án' },
  bc: { code: 'other', name: 'Báo cáo' },
  ttr: { code: 'other', name: 'Tờ trình' },
  qc: { code: 'other', name: 'Quy chế' },
  cd: { code: 'other', name: 'Công điện' },
};
export const TYPE_CODE_PATTERN = Object.keys(TYPE_CODES)
  .sort((a, b) => b.length - a.length)
  .join('|');

export function typeFromCode(code: string | null | undefined): TypeInfo | null {
  return code ? (TYPE_CODES[code.toLowerCase()] ?? null) : null;
}

const TYPE_CODE_DISPLAY: Readonly<Record<string, string>> = {
  qd: 'QĐ', nd: 'NĐ', ctr: 'CTr', qdi: 'QĐi', ttr: 'TTr', da: 'ĐA', cd: 'CĐ',
};

// ---------------------------------------------------------------------------------------------
// Document numbers

export interface ParsedNumber {
  /** Canonical spelling: "69-KL/TW", "709/QĐ-TTg", "06/2021/NQ-HĐND", "3229/KH-UBND". */
  number: string;
  serial: string;
  /** Year written inside the number (state documents since 2013: "06/2021/NQ-HĐND"). */
  year: number | null;
  /** Folded type code inside the number, if any ("kl", "qd"). */
  typeCode: string | null;
  /** Folded issuer code ("tw", "tu", "ttg", "ubnd", "bkhcn", "qh15"). */
  issuerCode: string;
  /** Department code after the issuer ("kgvx" in 123/UBND-KGVX). */
  deptCode: string | null;
  party: boolean;
  length: number;
}

/** Party bodies number their documents "<n>-<TYPE>/<BODY>"; these bodies always do. */
const PARTY_ISSUERS = new Set(['tw', 'tu', 'hu', 'du', 'tu', 'thu', 'bcsd', 'dd', 'bbt', 'btgtw', 'btctw', 'ubkttw', 'vptw']);

const CODE = '[a-z][a-z]{0,9}\\d{0,2}';
const PARTY_NUMBER = new RegExp(`(\\d{1,5})\\s*-\\s*(${TYPE_CODE_PATTERN})\\s*\\/\\s*(${CODE})(?![a-z0-9])`, 'y');
const STATE_NUMBER = new RegExp(
  `(\\d{1,5})(?:\\s*\\/\\s*(\\d{4}))?\\s*\\/\\s*(?:(${TYPE_CODE_PATTERN})\\s*-\\s*)?(${CODE})(?:\\s*-\\s*(${CODE}))?(?![a-z0-9])`,
  'y',
);

function displayCode(original: string, folded: string): string {
  const up = original.replace(/\s+/g, '').toUpperCase();
  const fixes: Record<string, string> = { ttg: 'TTg', hdnd: 'HĐND', ubnd: 'UBND', ctr: 'CTr', qdi: 'QĐi', ttr: 'TTr' };
  return fixes[folded] ?? up;
}

/**
 * A document number starting at `index` of the folded text (`original` is the same text unfolded):
 * "69-KL/TW", "69/KL-TW" (a common misspelling), "709/QĐ-TTg", "06/2021/NQ-HĐND", "06/2021/HĐND",
 * "3229 /KH-UBND", "123/UBND-KGVX", "93/2015/QH13". Spaces and line breaks may split it.
 */
export function numberAt(original: string, folded: string, index: number): ParsedNumber | null {
  PARTY_NUMBER.lastIndex = index;
  let m = PARTY_NUMBER.exec(folded);
  if (m) {
    const [, serial, type, issuer] = m as unknown as [string, string, string, string];
    const issuerStart = index + m[0].length - issuer.length;
    const issuerDisplay = displayCode(original.slice(issuerStart, issuerStart + issuer.length), issuer);
    const typeDisplay = TYPE_CODE_DISPLAY[type] ?? type.toUpperCase();
    return {
      number: `${serial}-${typeDisplay}/${issuerDisplay}`,
      serial,
      year: null,
      typeCode: type,
      issuerCode: issuer,
      deptCode: null,
      party: true,
      length: m[0].length,
    };
  }
  STATE_NUMBER.lastIndex = index;
  m = STATE_NUMBER.exec(folded);
  if (!m) return null;
  const serial = m[1]!;
  const year = m[2] ? Number(m[2]) : null;
  let type = m[3] ?? null;
  let issuer = m[4]!;
  let dept = m[5] ?? null;
  if (year !== null && (year < 1945 || year > 2100)) return null;
  // "123/UBND-KGVX" has no type code; "380/KH-UBND" has one. A bare "12/2024" is not a number.
  if (!type && typeFromCode(issuer) && dept) {
    type = issuer;
    issuer = dept;
    dept = null;
  }
  // Without a type code or a year, only a known body code makes "<n>/<code>" a number ("12/UBND").
  if (!type && !year && !isExactIssuerCode(issuer)) return null;
  if (!type && year && !isKnownIssuerCode(issuer)) return null;
  const raw = original.slice(index, index + m[0].length);
  const rawParts = raw.split(/\s*[/-]\s*/);
  const issuerRaw = rawParts[rawParts.length - (dept ? 2 : 1)] ?? issuer;
  const issuerDisplay = displayCode(issuerRaw, issuer);
  const typeDisplay = type ? (TYPE_CODE_DISPLAY[type] ?? type.toUpperCase()) : null;
  const party = PARTY_ISSUERS.has(issuer);
  let number: string;
  if (party && typeDisplay) number = `${serial}-${typeDisplay}/${issuerDisplay}`;
  else {
    number = `${serial}${year ? `/${year}` : ''}/${typeDisplay ? `${typeDisplay}-` : ''}${issuerDisplay}`;
    if (dept) number += `-${displayCode(rawParts[rawParts.length - 1] ?? dept, dept)}`;
  }
  return { number, serial, year, typeCode: type, issuerCode: issuer, deptCode: dept, party, length: m[0].length };
}

// ---------------------------------------------------------------------------------------------
// Issuing bodies

export interface IssuerInfo {
  /** The issuer path without the province: "tw", "ttg", "bkhcn", or "tu", "ubnd", "hdnd" for local bodies. */
  code: string;
  /** Canonical agency name: "Bộ Chính trị", "Ban Thường vụ Tỉnh ủy", "Ủy ban nhân dân tỉnh". */
  agencyName: string;
  level: Level;
  /** Local body: the province named with it, if any. */
  province: string | null;
  /** District-level body, folded: "huyen a luoi". */
  district: string | null;
  /** The same as written, when known: "huyện A Lưới". */
  districtName?: string | null;
  local: boolean;
}

interface MinistryInfo {
  code: string;
  name: string;
}

const MINISTRIES: readonly MinistryInfo[] = [
  ['bkhcn', 'Bộ Khoa học và Công nghệ'], ['btc', 'Bộ Tài chính'], ['bkhdt', 'Bộ Kế hoạch và Đầu tư'],
  ['bnv', 'Bộ Nội vụ'], ['bgddt', 'Bộ Giáo dục và Đào tạo'], ['byt', 'Bộ Y tế'], ['bct', 'Bộ Công Thương'],
  ['btttt', 'Bộ Thông tin và Truyền thông'], ['bnnptnt', 'Bộ Nông nghiệp và Phát triển nông thôn'],
  ['bnnmt', 'Bộ Nông nghiệp và Môi trường'], ['btnmt', 'Bộ Tài nguyên và Môi trường'],
  ['bldtbxh', 'Bộ Lao động - Thương binh và Xã hội'], ['bxd', 'Bộ Xây dựng'], ['bgtvt', 'Bộ Giao thông vận tải'],
  ['btp', 'Bộ Tư pháp'], ['bng', 'Bộ Ngoại giao'], ['bqp', 'Bộ Quốc phòng'], ['bca', 'Bộ Công an'],
  ['bvhttdl', 'Bộ Văn hóa, Thể thao và Du lịch'], ['bdttg', 'Bộ Dân tộc và Tôn giáo'],
  ['nhnn', 'Ngân hàng Nhà nước Việt Nam'], ['ttcp', 'Thanh tra Chính phủ'], ['ubdt', 'Ủy ban Dân tộc'],
  ['vpcp', 'Văn phòng Chính phủ'],
].map(([code, name]) => ({ code: code!, name: name! }));

const MINISTRY_BY_CODE = new Map(MINISTRIES.map((m) => [m.code, m]));

/** Central bodies named by the issuer code of a number. */
const CENTRAL_CODES: Readonly<Record<string, { name: string | null; level: Level }>> = {
  tw: { name: null, level: 'central' },
  ttg: { name: 'Thủ tướng Chính phủ', level: 'central' },
  cp: { name: 'Chính phủ', level: 'central' },
  qh: { name: 'Quốc hội', level: 'central' },
  ubtvqh: { name: 'Ủy ban Thường vụ Quốc hội', level: 'central' },
  ctn: { name: 'Chủ tịch nước', level: 'central' },
};

const LOCAL_CODES: Readonly<Record<string, { name: string; level: Level }>> = {
  tu: { name: 'Tỉnh ủy', level: 'province' },
  ubnd: { name: 'Ủy ban nhân dân tỉnh', level: 'province' },
  hdnd: { name: 'Hội đồng nhân dân tỉnh', level: 'province' },
  hu: { name: 'Huyện ủy', level: 'district' },
};

function isExactIssuerCode(code: string): boolean {
  const c = code.replace(/\d+$/, '');
  return c in CENTRAL_CODES || c in LOCAL_CODES || MINISTRY_BY_CODE.has(c);
}

function isKnownIssuerCode(code: string): boolean {
  const c = code.replace(/\d+$/, '');
  return c in CENTRAL_CODES || c in LOCAL_CODES || MINISTRY_BY_CODE.has(c) || PARTY_ISSUERS.has(c) || /^b[a-z]{2,7}$/.test(c) || /^s[a-z]{2,6}$/.test(c);
}

/** The issuer a number's code names, before the words around it are read. */
export function issuerFromCode(code: string): IssuerInfo {
  const c = code.replace(/\d+$/, '');
  const central = CENTRAL_CODES[c];
  if (central) return { code: c, agencyName: central.name ?? '', level: central.level, province: null, district: null, local: false };
  const local = LOCAL_CODES[c];
  if (local) return { code: c, agencyName: local.name, level: local.level, province: null, district: null, local: true };
  const ministry = MINISTRY_BY_CODE.get(c);
  if (ministry) {
    const level: Level = c === 'vpcp' ? 'central' : 'ministry';
    return { code: c, agencyName: ministry.name, level, province: null, district: null, local: false };
  }
  // Central Party departments number as "…/BTGTW", "…/VPTW", "…/UBKTTW".
  if (/^[a-z]{2,8}tw$/.test(c)) return { code: c, agencyName: '', level: 'central', province: null, district: null, local: false };
  if (/^b[a-z]{2,7}$/.test(c) && !PARTY_ISSUERS.has(c)) return { code: c, agencyName: '', level: 'ministry', province: null, district: null, local: false };
  return { code: c, agencyName: '', level: 'province', province: null, district: null, local: true };
}

/** "SỞ KHOA HỌC VÀ CÔNG NGHỆ" → "Sở Khoa học và Công nghệ": each coordinated field starts upper-case. */
function departmentName(upper: string): string {
  const words = upper.replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi').split(' ');
  let cap = true;
  return words
    .map((w, i) => {
      const out = i === 0 || cap ? w.charAt(0).toLocaleUpperCase('vi') + w.slice(1) : w;
      cap = i === 0 || w === 'và' || w === '-' || w.endsWith(',');
      return out;
    })
    .join(' ');
}

/** Initials of a ministry name: "Bộ Kế hoạch và Đầu tư" → "bkhdt". */
function ministryCode(name: string): string {
  return foldLower(name)
    .replace(/[,-]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && w !== 'va')
    .map((w) => w[0])
    .join('');
}

const PROV = `(?:\\s+(${provincePattern}))?(?![a-z0-9])`;
const KHOA = `(?:\\s*\\(?\\s*khoa\\s+[ivxl]+\\s*\\)?)?`;
const MINISTRY_NAMES = MINISTRIES.map((m) => escapeRe(foldLower(m.name.replace(/^Bộ /, ''))).replace(/ /g, '\\s+')).join('|');

/** Central Party boards, with the issuer code their numbers carry ("10-HD/BTGTW"). */
const PARTY_BOARDS: Readonly<Record<string, [string, string]>> = {
  'ban tuyen giao va dan van': ['btgdvtw', 'Ban Tuyên giáo và Dân vận Trung ương'],
  'ban tuyen giao': ['btgtw', 'Ban Tuyên giáo Trung ương'],
  'ban to chuc': ['btctw', 'Ban Tổ chức Trung ương'],
  'ban dan van': ['bdvtw', 'Ban Dân vận Trung ương'],
  'ban noi chinh': ['bnctw', 'Ban Nội chính Trung ương'],
  'ban kinh te': ['bkttw', 'Ban Kinh tế Trung ương'],
  'ban doi ngoai': ['bdntw', 'Ban Đối ngoại Trung ương'],
  'ban chinh sach, chien luoc': ['bcscltw', 'Ban Chính sách, chiến lược Trung ương'],
  'uy ban kiem tra': ['ubkttw', 'Ủy ban Kiểm tra Trung ương'],
  'van phong': ['vptw', 'Văn phòng Trung ương Đảng'],
};

interface IssuerRule {
  re: RegExp;
  make: (m: RegExpExecArray) => IssuerInfo | null;
}

const central = (code: string, agencyName: string, level: Level = 'central'): IssuerInfo => ({
  code, agencyName, level, province: null, district: null, local: false,
});
const localBody = (code: string, agencyName: string, province: string | undefined, level: Level = 'province'): IssuerInfo => ({
  code, agencyName, level, province: province ? provinceFromFolded(province) : null, district: null, local: true,
});

function districtBody(kind: string, name: string, body: 'ubnd' | 'hdnd' | 'hu'): IssuerInfo | null {
  const nameClean = name.trim();
  if (!nameClean) return null;
  if (kind === 'thanh pho') {
    const prov = provinceFromFolded(nameClean);
    if (prov && CENTRAL_CITIES.has(prov)) {
      const agency = body === 'ubnd' ? 'Ủy ban nhân dân thành phố' : body === 'hdnd' ? 'Hội đồng nhân dân thành phố' : 'Thành ủy';
      return { code: body === 'hu' ? 'tu' : body, agencyName: agency, level: 'province', province: prov, district: null, local: true };
    }
  }
  const agency = body === 'ubnd' ? 'Ủy ban nhân dân' : body === 'hdnd' ? 'Hội đồng nhân dân' : kind === 'huyen' ? 'Huyện ủy' : kind === 'thi xa' ? 'Thị ủy' : 'Thành ủy';
  return { code: body, agencyName: agency, level: 'district', province: null, district: `${kind} ${nameClean}`, local: true };
}

/** Words of a district's name: one to four capitalised-looking words (folded, so any word). */
const DISTRICT_NAME = `((?:[a-z0-9]+)(?:\\s+[a-z0-9]+){0,3}?)(?=\\s*(?:$|[,;.:()"“”]|\\s(?:tinh|ve|nam|ngay|va|thuc|trien|ban|cua|tai|theo|so|da|de|nham)\\b))`;

const ISSUER_RULES: readonly IssuerRule[] = [
  { re: /bo chinh tri(?![a-z])/y, make: () => central('tw', 'Bộ Chính trị') },
  { re: /ban bi thu(?:\s+trung uong(?:\s+dang)?)?(?![a-z])/y, make: () => central('tw', 'Ban Bí thư') },
  {
    re: new RegExp(`(?:hoi nghi\\s+(?:lan thu\\s+[a-z0-9]+\\s+)?)?ban chap hanh trung uong(?:\\s+dang(?: cong san viet nam)?)?${KHOA}(?![a-z])`, 'y'),
    make: () => central('tw', 'Ban Chấp hành Trung ương Đảng'),
  },
  { re: new RegExp(`hoi nghi(?:\\s+lan thu\\s+[a-z0-9]+)?\\s+trung uong(?:\\s+(?:lan thu\\s+)?[a-z0-9]+)?${KHOA}(?![a-z])`, 'y'), make: () => central('tw', 'Ban Chấp hành Trung ương Đảng') },
  {
    re: /(ban (?:tuyen giao va dan van|tuyen giao|to chuc|dan van|noi chinh|kinh te|doi ngoai|chinh sach, chien luoc)|uy ban kiem tra|van phong) trung uong(?: dang)?(?![a-z])/y,
    make: (m) => {
      const board = PARTY_BOARDS[m[1]!];
      return board ? central(board[0], board[1]) : null;
    },
  },
  { re: /trung uong dang(?![a-z])/y, make: () => central('tw', 'Ban Chấp hành Trung ương Đảng') },
  { re: /(?:pho )?thu tuong(?:\s+chinh phu)?(?![a-z])/y, make: () => central('ttg', 'Thủ tướng Chính phủ') },
  { re: /van phong chinh phu(?![a-z])/y, make: () => central('vpcp', 'Văn phòng Chính phủ') },
  { re: /thanh tra chinh phu(?![a-z])/y, make: () => central('ttcp', 'Thanh tra Chính phủ', 'ministry') },
  { re: /chinh phu(?![a-z])/y, make: () => central('cp', 'Chính phủ') },
  { re: /(?:uy ban thuong vu quoc hoi|ubtvqh)(?![a-z])/y, make: () => central('ubtvqh', 'Ủy ban Thường vụ Quốc hội') },
  { re: /quoc hoi(?:\s+khoa\s+[xvi]+)?(?![a-z])/y, make: () => central('qh', 'Quốc hội') },
  { re: /chu tich nuoc(?![a-z])/y, make: () => central('ctn', 'Chủ tịch nước') },
  { re: /ngan hang nha nuoc(?:\s+viet nam)?(?![a-z])/y, make: () => central('nhnn', 'Ngân hàng Nhà nước Việt Nam', 'ministry') },
  {
    re: new RegExp(`(?:(?:bo|thu) truong\\s+)?bo\\s+(${MINISTRY_NAMES})(?![a-z])`, 'y'),
    make: (m) => {
      const folded = (m[1] ?? '').replace(/\s+/g, ' ');
      const info = MINISTRIES.find((x) => foldLower(x.name.replace(/^Bộ /, '')) === folded);
      return info ? central(info.code, info.name, 'ministry') : null;
    },
  },
  {
    re: new RegExp(`ban thuong vu\\s+(tinh|thanh) uy${PROV}`, 'y'),
    make: (m) => localBody('tu', m[1] === 'thanh' ? 'Ban Thường vụ Thành ủy' : 'Ban Thường vụ Tỉnh ủy', m[2]),
  },
  {
    re: new RegExp(`thuong truc\\s+(tinh|thanh) uy${PROV}`, 'y'),
    make: (m) => localBody('tu', m[1] === 'thanh' ? 'Thường trực Thành ủy' : 'Thường trực Tỉnh ủy', m[2]),
  },
  {
    re: new RegExp(`ban chap hanh dang bo\\s+(tinh|thanh pho)${PROV}${KHOA}`, 'y'),
    make: (m) => localBody('tu', m[1] === 'tinh' ? 'Tỉnh ủy' : 'Thành ủy', m[2]),
  },
  { re: new RegExp(`(tinh|thanh) uy${PROV}`, 'y'), make: (m) => localBody('tu', m[1] === 'thanh' ? 'Thành ủy' : 'Tỉnh ủy', m[2]) },
  {
    re: new RegExp(`(?:chu tich\\s+)?(?:uy ban nhan dan|ubnd)\\s+tinh${PROV}`, 'y'),
    make: (m) => localBody('ubnd', 'Ủy ban nhân dân tỉnh', m[1]),
  },
  {
    re: new RegExp(`(?:thuong truc\\s+)?(?:hoi dong nhan dan|hdnd)\\s+tinh${PROV}`, 'y'),
    make: (m) => localBody('hdnd', 'Hội đồng nhân dân tỉnh', m[1]),
  },
  {
    re: new RegExp(`(?:chu tich\\s+)?(?:uy ban nhan dan|ubnd)\\s+(huyen|thi xa|thanh pho|quan)\\s+${DISTRICT_NAME}`, 'y'),
    make: (m) => districtBody(m[1]!, m[2]!, 'ubnd'),
  },
  {
    re: new RegExp(`(?:hoi dong nhan dan|hdnd)\\s+(huyen|thi xa|thanh pho|quan)\\s+${DISTRICT_NAME}`, 'y'),
    make: (m) => districtBody(m[1]!, m[2]!, 'hdnd'),
  },
  { re: new RegExp(`(huyen|thi) uy\\s+${DISTRICT_NAME}`, 'y'), make: (m) => districtBody(m[1] === 'thi' ? 'thi xa' : 'huyen', m[2]!, 'hu') },
  // A bare "Ủy ban nhân dân" / "UBND" (the header's first line, "TM. ỦY BAN NHÂN DÂN"): the body, not yet where.
  { re: /(?:uy ban nhan dan|ubnd)(?![a-z])/y, make: () => localBody('ubnd', 'Ủy ban nhân dân tỉnh', undefined) },
  { re: /(?:hoi dong nhan dan|hdnd)(?![a-z])/y, make: () => localBody('hdnd', 'Hội đồng nhân dân tỉnh', undefined) },
  { re: /ban thuong vu(?![a-z])/y, make: () => localBody('tu', 'Ban Thường vụ Tỉnh ủy', undefined) },
];

export interface IssuerMatch extends IssuerInfo {
  index: number;
  length: number;
}

/** An issuing body named starting exactly at `index` of a folded-lower string. */
export function issuerAt(folded: string, index: number, original?: string): IssuerMatch | null {
  for (const rule of ISSUER_RULES) {
    rule.re.lastIndex = index;
    const m = rule.re.exec(folded);
    if (!m) continue;
    const info = rule.make(m);
    if (!info) continue;
    let districtName: string | null = null;
    if (info.district && original && m.length > 1) {
      // The district's own words end the match ("… huyện A Lưới").
      const nameFolded = m[m.length - 1] ?? '';
      const end = index + m[0].length;
      let words = original.slice(end - nameFolded.length, end).trim();
      if (words === words.toLocaleUpperCase('vi')) {
        words = words.toLocaleLowerCase('vi').replace(/(^|\s)(\p{L})/gu, (_, sp: string, c: string) => sp + c.toLocaleUpperCase('vi'));
      }
      districtName = `${districtDisplay(info.district).replace(/\s+\S.*$/, '')} ${words}`;
    }
    return { ...info, districtName: districtName ?? info.districtName ?? null, index, length: m[0].length };
  }
  return null;
}

/** Every issuing body named in a folded-lower string, left to right, not overlapping. */
export function findIssuers(folded: string, original?: string): IssuerMatch[] {
  const out: IssuerMatch[] = [];
  const word = (k: number): boolean => {
    const c = folded.charCodeAt(k);
    return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  };
  for (let i = 0; i < folded.length; i++) {
    if (i > 0 && word(i - 1)) continue;
    const c = folded.charCodeAt(i);
    if (c < 97 || c > 122) continue;
    const m = issuerAt(folded, i, original);
    if (m) {
      out.push(m);
      i += m.length - 1;
    }
  }
  return out;
}

/** Issuer path per graph-schema/ids.ts: "tw", "bkhcn", "binh-thuan/ubnd", "quang-binh/huyen-x/ubnd". */
export function issuerPathOf(info: Pick<IssuerInfo, 'code' | 'local' | 'district'>, provinceSlug: string | null): string {
  if (!info.local) return info.code;
  const parts = [provinceSlug ?? 'unknown-province'];
  if (info.district) parts.push(toProvinceSlug(info.district));
  parts.push(info.code);
  return parts.join('/');
}

export function levelOfPath(path: string): Level {
  const c = path.split('/');
  if (c.length === 1) {
    const info = issuerFromCode(c[0]!);
    return info.local ? 'province' : info.level;
  }
  return c.length >= 3 ? 'district' : 'province';
}

/** The agency node of an issuing body (national bodies are shared by every province). */
export function issuerAgency(info: Pick<IssuerInfo, 'agencyName' | 'level' | 'local' | 'district' | 'districtName'>, province: string | null, alias?: string): AgencyNode | null {
  if (!info.agencyName) return null;
  const name = info.district ? `${info.agencyName} ${info.districtName ?? districtDisplay(info.district)}` : info.agencyName;
  const provSlug = info.local ? (province ? toProvinceSlug(province) : null) : null;
  if (info.local && !provSlug) return null;
  const aliases = alias && matchKey(alias) !== matchKey(name) ? [alias] : [];
  return {
    id: agencyId(name, provSlug),
    name,
    aliases,
    province: info.local ? province : null,
    level: info.level,
    collective: false,
  };
}

function districtDisplay(folded: string): string {
  return folded.replace(/^(huyen|thi xa|thanh pho|quan)\s+/, (k) => ({ 'huyen ': 'huyện ', 'thi xa ': 'thị xã ', 'thanh pho ': 'thành phố ', 'quan ': 'quận ' })[k] ?? k);
}

/** A readable issuer name: "Ủy ban nhân dân tỉnh Bình Thuận", "Ban Thường vụ Tỉnh ủy Bắc Giang". */
export function issuerDisplayName(info: Pick<IssuerInfo, 'agencyName' | 'local' | 'district' | 'districtName'>, province: string | null): string | null {
  if (!info.agencyName) return null;
  if (!info.local) return info.agencyName;
  if (info.district) return `${info.agencyName} ${info.districtName ?? districtDisplay(info.district)}`;
  if (!province) return info.agencyName;
  if (/^Sở\s/.test(info.agencyName)) return `${info.agencyName} ${CENTRAL_CITIES.has(province) ? 'thành phố' : 'tỉnh'} ${province}`;
  return `${info.agencyName} ${province}`;
}

// ---------------------------------------------------------------------------------------------
// The document's own identity

export interface IdentityReading {
  identity: DocumentIdentity;
  warnings: string[];
  /** The source is a report about the document (a news article), not the document itself. */
  reported: boolean;
  /** 1-based line of the standalone type heading ("KẾ HOẠCH"), if any. */
  typeHeadingLine: number | null;
  /** Lines of the title. */
  titleLines: number[];
  /** The issuer agency node, when the issuer is known well enough to name it. */
  issuerAgency: AgencyNode | null;
}

interface Candidate<T> {
  value: T;
  /** Higher wins. */
  weight: number;
  source: string;
}

function best<T>(cands: Array<Candidate<T>>): Candidate<T> | null {
  let top: Candidate<T> | null = null;
  for (const c of cands) if (!top || c.weight > top.weight) top = c;
  return top;
}

const MOTTO = /^(cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc|dang cong san viet nam)/;
const SECTION_HEADING = /^(?:phan\s+(?:[ivx]+|\d+|thu)|chuong\s+(?:[ivx]+|\d+)|[ivx]+\s*[.\-–)]|[a-dA-D]\s*[.\-–)]\s|\d+\s*[.\-)]\s|mot la|thu nhat)/;

/** Is this cleaned line a section heading that starts the body ("I. MỤC ĐÍCH", "1. …", "Một là")? */
export function isSectionHeading(cleaned: string): boolean {
  return SECTION_HEADING.test(foldLower(cleaned).trim());
}

function isUpperLine(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.85;
}

function cells(text: string): string[] {
  return text
    .split(/\||\t/)
    .map((c) => c.replace(/^[\s:*-]+$/, '').trim())
    .filter((c) => c.length > 0 && !/^[-:=*_\s]+$/.test(c));
}

/** A name: two to six capitalised words ("Nguyễn Đăng Bình", "NGUYỄN MINH"). */
function nameLike(s: string): boolean {
  const t = s.replace(/[()]/g, '').trim();
  const words = t.split(/\s+/);
  if (words.length < 2 || words.length > 6) return false;
  if (/\d|[,;:/.]/.test(t)) return false;
  if (ROLE_WORDS.test(foldLower(t))) return false;
  return words.every((w) => /^\p{Lu}[\p{Ll}\p{Lu}]*$/u.test(w));
}

const ROLE_WORDS = /(chu tich|bi thu|thu tuong|bo truong|thu truong|giam doc|uy ban|nhan dan|ban thuong vu|tinh uy|chinh tri|chinh phu|noi nhan|luu|truong ban|pho truong|chanh|van phong|hoi dong|da ky)/;

/** Trailing capitalised words of a signature line: "T/M BỘ CHÍNH TRỊ Trương Thị Mai" → "Trương Thị Mai". */
function trailingName(s: string): string | null {
  const words = s.trim().split(/\s+/);
  const tail: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (/^\p{Lu}\p{Ll}+$/u.test(w)) tail.unshift(w);
    else break;
  }
  if (tail.length < 2 || tail.length > 5) return null;
  return tail.join(' ');
}

const SIGN_LEAD = /^(?:t\s*\/\s*m\.?|tm\.?|kt\.?|tl\.?|tuq\.?|q\.)\s+(\S.*)$/;
const SIGN_ROLE = /^(?:pho\s+)?(?:chu tich|bi thu|tong bi thu|thu tuong|bo truong|thu truong|giam doc|truong ban)(?:\s|$)/;

/**
 * Reads the identity of a document from its lines. Sources, strongest first: the header (issuer
 * lines, "Số: …", "<place>, ngày … tháng … năm …"), the metadata block of legal-document websites,
 * the appendix ("Ban hành kèm theo Kế hoạch số … ngày … của …"), a heading that names the document
 * ("Kết luận số 69-KL/TW ngày … của Bộ Chính trị về …"), the signature ("TM. ỦY BAN NHÂN DÂN",
 * "T/M BAN THƯỜNG VỤ" + name), the preamble ("…, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch …") and, for
 * the province, the body ("con em Quảng Bình"). A news report about a document ("Tỉnh ủy Kon Tum
 * ban hành Kế hoạch số 44-KH/TU …") is read as the document it reports, with a warning.
 */
export function readIdentity(lines: SourceLine[], fileName?: string): IdentityReading {
  const warnings: string[] = [];
  const clean = lines.map((l) => ({ n: l.n, text: cleanInline(l.text) }));
  const nonEmpty = clean.filter((l) => l.text.trim().length > 0);
  const folded = clean.map((l) => foldLower(l.text));
  const idxOf = new Map(clean.map((l, i) => [l.n, i]));

  const typeC: Array<Candidate<{ code: DocumentTypeCode; name: string }>> = [];
  const numberC: Array<Candidate<ParsedNumber & { raw: string }>> = [];
  const dateC: Array<Candidate<{ iso: string; year: number }>> = [];
  const yearC: Array<Candidate<number>> = [];
  const issuerC: Array<Candidate<IssuerInfo & { alias?: string }>> = [];
  const provinceC: Array<Candidate<string>> = [];
  const placeC: Array<Candidate<string>> = [];
  const signerC: Array<Candidate<string>> = [];
  const titleC: Array<Candidate<{ text: string; lines: number[] }>> = [];
  let reported = false;

  const addIssuer = (info: IssuerInfo, weight: number, source: string, alias?: string): void => {
    issuerC.push({ value: { ...info, alias }, weight, source });
    if (info.province) provinceC.push({ value: info.province, weight, source });
  };

  // 1. Standalone type heading ("KẾ HOẠCH", "## KẾ HOẠCH", "**NGHỊ QUYẾT**") and the title after it.
  let typeHeading: number | null = null;
  for (let i = 0; i < clean.length && i < 80; i++) {
    const f = folded[i]!.replace(/[:.]\s*$/, '').trim();
    const t = typeFromWords(f);
    if (!t || /:\s*$/.test(clean[i]!.text)) continue;
    const raw = lines[i]!.text;
    if (!(isUpperLine(clean[i]!.text) || /^\s*#|\*\*/.test(raw))) continue;
    typeHeading = i;
    typeC.push({ value: { code: t.code, name: t.name }, weight: 50, source: 'type heading' });
    break;
  }
  const titleLines: number[] = [];
  if (typeHeading !== null) {
    const parts: string[] = [];
    let first = true;
    for (let i = typeHeading + 1; i < clean.length && i < typeHeading + 12; i++) {
      const text = clean[i]!.text.trim();
      if (!text || /^[-*_=\s]+$/.test(text)) continue;
      const f = folded[i]!.trim();
      if (isSectionHeading(text) || /^\(?\s*(ban hanh )?kem theo/.test(f) || /^can cu/.test(f)) break;
      if (/^(chu tich|thu tuong|bo truong|uy ban nhan dan|hoi dong nhan dan|chinh phu|ban thuong vu)\b/.test(f) && text.length < 90 && parts.length > 0) break;
      const upper = isUpperLine(text);
      // "NGHỊ QUYẾT / CỦA BỘ CHÍNH TRỊ / về đột phá …": a "về …" line continues an upper-case title.
      const continues = !first && /^(ve|v\/v)\s/.test(f) && !/:\s*$/.test(text);
      if (upper || continues || (first && !/:\s*$/.test(text) && !/nhu sau/.test(f) && text.length < 700)) {
        parts.push(text);
        titleLines.push(clean[i]!.n);
        first = false;
        if (!upper) break;
        continue;
      }
      break;
    }
    if (parts.length) titleC.push({ value: { text: parts.join(' '), lines: [...titleLines] }, weight: 50, source: 'title' });
  }

  // 2. Metadata block of legal-document websites.
  for (let i = 0; i < clean.length && i < 60; i++) {
    const f = folded[i]!.trim();
    const text = clean[i]!.text.trim();
    const value = (label: string): string | null => {
      const m = new RegExp(`^\\|?\\s*${label}\\s*[:|\\t]?\\s*(?:\\|\\s*)?`).exec(f);
      if (!m) return null;
      const v = text.slice(m[0].length).replace(/\|\s*$/, '').trim();
      return v || null;
    };
    let v: string | null;
    if ((v = value('so hieu'))) {
      const n = numberAt(v, foldLower(v), 0);
      if (n) numberC.push({ value: { ...n, raw: v }, weight: 40, source: 'metadata' });
    } else if ((v = value('ngay ban hanh'))) {
      const d = dateAt(foldLower(v), 0);
      if (d) dateC.push({ value: d, weight: 40, source: 'metadata' });
    } else if ((v = value('loai van ban'))) {
      const t = typeFromWords(foldLower(v));
      if (t) typeC.push({ value: t, weight: 40, source: 'metadata' });
    } else if ((v = value('co quan ban hanh'))) {
      const fv = foldLower(v);
      const iss = findIssuers(fv, v)[0];
      if (iss) addIssuer(iss, 30, 'metadata', v);
      const p = findProvinceMentions(v).concat(findProvinceMentions(v.replace(/^\s*(tỉnh|thành phố)\s+/i, '')))[0];
      if (p) provinceC.push({ value: p.name, weight: 35, source: 'metadata' });
      else {
        const prov = provinceFromFolded(fv.replace(/^(tinh|thanh pho)\s+/, ''));
        if (prov) provinceC.push({ value: prov, weight: 35, source: 'metadata' });
      }
    } else if ((v = value('nguoi ky'))) {
      if (nameLike(v) || v.split(/\s+/).length >= 2) signerC.push({ value: v, weight: 30, source: 'metadata' });
    }
  }

  // 3. Header: issuer lines, "Số: …", "<place>, ngày … tháng … năm …" (plain lines or table cells).
  const headerEnd = typeHeading ?? Math.min(clean.length, 30);
  const headerIssuerText: string[] = [];
  for (let i = 0; i < headerEnd; i++) {
    for (const cell of cells(clean[i]!.text)) {
      const fc = foldLower(cell);
      const sm = /^so\s*[:.]?\s*/.exec(fc);
      if (sm && /\d/.test(fc.slice(sm[0].length, sm[0].length + 3))) {
        const n = numberAt(cell, fc, sm[0].length);
        if (n) numberC.push({ value: { ...n, raw: cell.slice(sm[0].length, sm[0].length + n.length) }, weight: 60, source: 'header' });
      }
      const pm = /^((?:so\s*[:.]?\s*\S+\s+)?)([^,\d]{2,40}),\s*(ngay\s*\d{1,2}\s*thang|ngay\s*\d{1,2}\s*[/.-])/.exec(fc);
      if (pm && !/^(thu\s|chu nhat|cap nhat|ngay)/.test(pm[2]!.trim())) {
        const d = dateAt(fc, pm[0].length - pm[3]!.length);
        if (d) {
          dateC.push({ value: d, weight: 60, source: 'header' });
          const place = cell.slice(pm[1]!.length, pm[1]!.length + pm[2]!.length).replace(/[*_]/g, '').trim();
          placeC.push({ value: place, weight: 60, source: 'header' });
        }
      }
      if (!pm && !dateC.some((c) => c.source === 'header')) {
        // "Số: 380/KH-UBND Bắc Kạn, ngày 16 tháng 6 năm 2023" on one line.
        const inner = /([^\d,:;|()]{2,40}),\s*(ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4})/.exec(fc);
        const d = inner ? dateAt(fc, inner.index + inner[0].length - inner[2]!.length) : null;
        if (inner && d) {
          dateC.push({ value: d, weight: 55, source: 'header' });
          const place = cell.slice(inner.index, inner.index + inner[1]!.length).replace(/[*_]/g, '').trim();
          if (place && !/^(thu\s|chu nhat|ngay)/.test(foldLower(place))) placeC.push({ value: place, weight: 55, source: 'header' });
        }
      }
      if (isUpperLine(cell) && !MOTTO.test(fc) && !typeFromWords(fc)) headerIssuerText.push(cell);
      else if (MOTTO.test(fc)) headerIssuerText.push('|');
    }
  }
  {
    const num0 = best(numberC)?.value ?? null;
    // The issuer lines come before the national motto; a motto cell in a table row splits them.
    const joined = headerIssuerText.join(' ').split('|')[0] ?? '';
    const fj = foldLower(joined);
    const found = findIssuers(fj, joined);
    const specific = found.find((x) => x.province || x.district || !x.local) ?? found[0];
    const province = found.map((x) => x.province).find((p) => p) ?? null;
    // A department under the People's Committee ("UBND TỈNH BẮC KẠN / SỞ KHOA HỌC VÀ CÔNG NGHỆ") issues in its own name.
    const deptCell = headerIssuerText.find((c) => /^so\s+\S/.test(foldLower(c).trim()));
    if (deptCell && found.every((x) => x.local)) {
      const name = departmentName(deptCell);
      const code = num0 && /^s[a-z]{2,8}$/.test(num0.issuerCode) ? num0.issuerCode : ministryCode(name).replace(/^b/, 's');
      addIssuer({ code, agencyName: name, level: 'province', province, district: null, local: true }, 65, 'header', deptCell);
    } else if (specific) {
      addIssuer({ ...specific, province: specific.province ?? province }, 60, 'header', joined.trim());
    }
    // "ĐẢNG BỘ TỈNH BẮC GIANG", "TỈNH BẮC KẠN" name the province even when the body is on another line.
    for (const p of findProvinceMentions(joined)) if (p.qualified) provinceC.push({ value: p.name, weight: 55, source: 'header' });
    const db = /dang bo (?:tinh|thanh pho)\s+/.exec(fj);
    if (db) {
      const p = provinceAt(fj, db.index + db[0].length);
      if (p) provinceC.push({ value: p.name, weight: 55, source: 'header' });
    }
  }

  // 4. The appendix names the document itself: "(Ban hành kèm theo Kế hoạch số 3229 /KH-UBND ngày 27 /8/2024 của UBND tỉnh Bình Thuận)".
  const APPENDIX = new RegExp(`^[\\s(\\[]*(?:ban hanh\\s+)?kem theo\\s+(${TYPE_WORD_PATTERN})\\s+(?:so\\s*[:.]?\\s*)?`, 'g');
  for (let i = 0; i < clean.length; i++) {
    const f = folded[i]!;
    for (const m of f.matchAll(APPENDIX)) {
      const at = m.index + m[0].length;
      const n = numberAt(clean[i]!.text, f, at);
      if (!n) continue;
      const t = typeFromWords(m[1]!);
      if (t) typeC.push({ value: t, weight: 45, source: 'appendix' });
      numberC.push({ value: { ...n, raw: clean[i]!.text.slice(at, at + n.length) }, weight: 45, source: 'appendix' });
      let j = at + n.length;
      const ws = /[\s,]*/y;
      ws.lastIndex = j;
      j += ws.exec(f)?.[0].length ?? 0;
      const d = dateAt(f, j);
      if (d) {
        dateC.push({ value: d, weight: 45, source: 'appendix' });
        j += d.length;
      }
      const of = /[\s,]*(?:cua|do)\s+/y;
      of.lastIndex = j;
      const om = of.exec(f);
      if (om) {
        const iss = issuerAt(f, j + om[0].length, clean[i]!.text);
        if (iss) addIssuer(iss, 45, 'appendix');
      }
    }
  }

  // 5. A heading that names the document ("# Kết luận số 69-KL/TW", "Kết luận số 69-KL/TW ngày … của Bộ Chính trị về …").
  const NAMING = new RegExp(`^(${TYPE_WORD_PATTERN})\\s+(?:so\\s*[:.]?\\s*)?`);
  const leading = nonEmpty.slice(0, 4);
  if (typeHeading === null) {
    for (const l of leading) {
      const i = idxOf.get(l.n)!;
      const f = folded[i]!;
      const m = NAMING.exec(f.trim());
      if (!m) continue;
      const offset = f.length - f.trimStart().length + m[0].length;
      const n = numberAt(clean[i]!.text, f, offset);
      const t = typeFromWords(m[1]!)!;
      typeC.push({ value: t, weight: 35, source: 'naming heading' });
      if (!n) continue;
      numberC.push({ value: { ...n, raw: clean[i]!.text.slice(offset, offset + n.length) }, weight: 35, source: 'naming heading' });
      let j = offset + n.length;
      const ws = /[\s,]*/y;
      ws.lastIndex = j;
      j += ws.exec(f)?.[0].length ?? 0;
      const d = dateAt(f, j);
      if (d) {
        dateC.push({ value: d, weight: 35, source: 'naming heading' });
        j += d.length;
      }
      const of = /[\s,]*(?:cua|do)\s+/y;
      of.lastIndex = j;
      const om = of.exec(f);
      if (om) {
        const iss = issuerAt(f, j + om[0].length, clean[i]!.text);
        if (iss) {
          addIssuer(iss, 35, 'naming heading');
          j += om[0].length + iss.length;
        }
      }
      const rest = clean[i]!.text.slice(j).trim();
      if (/^về\s/i.test(rest) && rest.length > 12) titleC.push({ value: { text: rest, lines: [l.n] }, weight: 35, source: 'naming heading' });
    }
  }

  // 6. A report about a document: "Tỉnh ủy Kon Tum ban hành Kế hoạch số 44-KH/TU thực hiện …".
  const hasHeaderNumber = numberC.some((c) => c.weight >= 35);
  if (typeHeading === null && !hasHeaderNumber) {
    const REPORTED = new RegExp(`(?:da\\s+)?(?:ban hanh|phe duyet|thong qua)\\s+(${TYPE_WORD_PATTERN})\\s+(?:so\\s*[:.]?\\s*)?`, 'g');
    outer: for (const l of nonEmpty.slice(0, 6)) {
      const i = idxOf.get(l.n)!;
      const f = folded[i]!;
      for (const m of f.matchAll(REPORTED)) {
        const at = m.index + m[0].length;
        const n = numberAt(clean[i]!.text, f, at);
        if (!n) continue;
        reported = true;
        const t = typeFromWords(m[1]!)!;
        typeC.push({ value: t, weight: 20, source: 'report' });
        numberC.push({ value: { ...n, raw: clean[i]!.text.slice(at, at + n.length) }, weight: 20, source: 'report' });
        const before = f.slice(0, m.index);
        const issuers = findIssuers(before, clean[i]!.text);
        const last = issuers[issuers.length - 1];
        if (last && before.slice(last.index + last.length).trim() === '') addIssuer(last, 25, 'report');
        const after = f.slice(at + n.length);
        const d = /^[\s,]*(?:ngay|\()/.test(after) ? dateAt(f, at + n.length + (/^[\s,(]*/.exec(after)?.[0].length ?? 0)) : null;
        if (d) dateC.push({ value: d, weight: 20, source: 'report' });
        const rest = clean[i]!.text.slice(at + n.length).trim();
        const typeName = t.name;
        titleC.push({ value: { text: `${typeName} ${rest}`.replace(/[.\s]+$/, ''), lines: [l.n] }, weight: 20, source: 'report' });
        warnings.push(
          `source is a report about ${typeName} ${n.number}, not the document itself; the document node represents the reported document`,
        );
        break outer;
      }
    }
  }

  // 7. Signature block: the last role line ("PHÓ CHỦ TỊCH", "T/M BỘ CHÍNH TRỊ …") with a name under it
  // (or in the same cell), searched from the end but over the whole second half: appendices often follow it.
  const sigFloor = Math.floor(clean.length * 0.3);
  let signerLine = -1;
  for (let i = clean.length - 1; i >= sigFloor && signerLine < 0; i--) {
    for (const cell of cells(clean[i]!.text.replace(/\(\s*đã ký\s*\)/gi, ' '))) {
      const fc = foldLower(cell).trim();
      if (!(SIGN_LEAD.test(fc) || (SIGN_ROLE.test(fc) && isUpperLine(cell)))) continue;
      const inCell = trailingName(cell);
      let found: string | null = inCell;
      for (let j = i + 1; !found && j < clean.length && j <= i + 10; j++) {
        for (const c of cells(clean[j]!.text.replace(/\(\s*đã ký\s*\)/gi, ' '))) if (nameLike(c)) found = c;
      }
      if (found) {
        signerC.push({ value: found, weight: 28, source: 'signature' });
        signerLine = i;
        break;
      }
    }
  }
  if (signerLine >= 0) {
    // "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ", "KT. BỘ TRƯỞNG" just above or on the role line.
    for (let i = Math.max(0, signerLine - 3); i <= signerLine; i++) {
      for (const cell of cells(clean[i]!.text)) {
        const lead = SIGN_LEAD.exec(foldLower(cell).trim());
        if (!lead) continue;
        const body = lead[1]!;
        const iss = issuerAt(body, 0);
        if (iss) addIssuer(iss, 25, 'signature');
      }
    }
  }

  // 8. Preamble: "…, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện như sau:".
  const preambleEnd = (() => {
    for (let i = (typeHeading ?? -1) + 1; i < clean.length; i++) if (isSectionHeading(clean[i]!.text)) return i;
    return Math.min(clean.length, 40);
  })();
  for (let i = 0; i < preambleEnd; i++) {
    const f = folded[i]!;
    for (const iss of findIssuers(f, clean[i]!.text)) {
      const after = f.slice(iss.index + iss.length);
      if (/^\s*(?:da\s+)?(?:ban hanh|xay dung)\s/.test(after) && !reported) addIssuer(iss, 22, 'preamble');
    }
  }

  // 9. The number's own code names the issuer when nothing else did.
  const num = best(numberC);
  // An official letter has no type heading: "Số: 123/UBND-KGVX" and "V/v …".
  if (!typeC.length && (clean.slice(0, 40).some((l) => /^\s*v\s*\/\s*v\b/i.test(l.text)) || (num && !num.value.typeCode && num.value.deptCode))) {
    typeC.push({ value: { code: 'cv', name: 'Công văn' }, weight: 12, source: 'letter' });
  }
  if (num) {
    const fromCode = issuerFromCode(num.value.issuerCode);
    if (fromCode.agencyName || !fromCode.local) addIssuer(fromCode, 10, 'number code');
    const t = typeFromCode(num.value.typeCode);
    if (t) typeC.push({ value: t, weight: 15, source: 'number code' });
    if (num.value.year) yearC.push({ value: num.value.year, weight: 10, source: 'number' });
  }

  // Resolve the issuer. The strongest candidate decides the body; a local body takes the province
  // from any candidate, then the place, then the body text.
  let issuer = best(issuerC)?.value ?? null;
  if (issuer && issuer.local && issuer.agencyName === 'Ban Thường vụ Tỉnh ủy') {
    // "T/M BAN THƯỜNG VỤ" under a Thành ủy header.
    const thanh = issuerC.find((c) => c.value.agencyName.includes('Thành ủy'));
    if (thanh) issuer = { ...issuer, agencyName: 'Ban Thường vụ Thành ủy' };
  }
  if (issuer && issuer.local) {
    // Prefer the more specific body of the same kind: "Ban Thường vụ Tỉnh ủy" (signature, preamble) over "Tỉnh ủy" (header).
    const same = issuerC
      .filter((c) => c.value.code === issuer!.code && c.value.local && !c.value.district === !issuer!.district)
      .map((c) => c.value);
    const specific = same.find((v) => /^Ban Thường vụ/.test(v.agencyName));
    if (specific && issuer.agencyName !== specific.agencyName && issuer.code === 'tu') issuer = { ...issuer, agencyName: specific.agencyName };
  }
  if (issuer && !issuer.local && issuer.code === 'tw') {
    // Several central Party bodies share "tw"; the one that signs (T/M BỘ CHÍNH TRỊ) or is named with the number wins over the header.
    const named = issuerC.filter((c) => c.value.code === 'tw' && c.source !== 'header' && c.source !== 'number code');
    const top = best(named);
    if (top && top.value.agencyName) issuer = top.value;
  }
  if (issuer && !issuer.agencyName && !issuer.local) {
    const named = issuerC.find((c) => c.value.code === issuer!.code && c.value.agencyName);
    if (named) issuer = named.value;
  }

  const central = issuer !== null && !issuer.local;
  const place = best(placeC)?.value ?? null;
  if (!central) {
    if (place) {
      const p = provinceFromFolded(foldLower(place).replace(/^(tinh|thanh pho|tp\.?)\s+/, ''));
      if (p) provinceC.push({ value: p, weight: 50, source: 'place' });
    }
    if (!provinceC.length) {
      // The body: "tỉnh Bắc Giang" counts double, a bare "Quảng Bình" once.
      const counts = new Map<string, number>();
      for (const l of clean) for (const p of findProvinceMentions(l.text)) counts.set(p.name, (counts.get(p.name) ?? 0) + (p.qualified ? 2 : 1));
      const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      const top = ranked[0];
      if (top && (ranked.length === 1 || top[1] > (ranked[1]?.[1] ?? 0))) provinceC.push({ value: top[0], weight: 5, source: 'body' });
    }
  }
  const province = central ? null : (best(provinceC)?.value ?? null);
  const provinceSlug = province ? toProvinceSlug(province) : null;

  const numberCand = num?.value ?? null;
  const typeCand = best(typeC)?.value ?? null;
  let typeCode: DocumentTypeCode = typeCand?.code ?? 'other';
  let typeName = typeCand?.name ?? 'Văn bản';
  // A number's own type code is stable across citing documents; prefer it when the words disagree
  // on the code (the same rule citations.ts uses, so a document and its citations share one id).
  const codeType = typeFromCode(numberCand?.typeCode);
  if (codeType && codeType.code !== typeCode && codeType.code !== 'other') {
    typeCode = codeType.code;
    typeName = codeType.name;
  }

  const date = best(dateC)?.value ?? null;
  const year = date?.year ?? best(yearC)?.value ?? null;
  const issuerPath = issuer ? issuerPathOf(issuer, provinceSlug) : 'unknown';
  const level: Level = issuer ? (issuer.local ? (issuer.district ? 'district' : 'province') : issuer.level) : 'province';
  const issuerName = issuer ? issuerDisplayName(issuer, province) : null;
  const title = best(titleC)?.value ?? null;
  const signer = best(signerC)?.value ?? null;

  if (!numberCand) warnings.push('no document number found; the id uses a hash of the title');
  if (!date) warnings.push(year ? `no issue date found (year ${year} from the number)` : 'no issue date found');
  if (!issuer) warnings.push('issuer not identified');
  else if (issuer.local && !province) warnings.push('province not identified for a local issuer');
  else if (issuer.local && !provinceC.some((c) => c.weight >= 20)) warnings.push(`province ${province} inferred from the body text`);
  if (!typeCand) warnings.push('document type not identified');
  if (!title) warnings.push('title not found');
  if (!signer && !reported) warnings.push('signer not found');

  const identity: DocumentIdentity = {
    typeCode,
    typeName,
    number: numberCand?.number ?? null,
    issuerName,
    issuerPath,
    level,
    province,
    provinceSlug,
    date: date?.iso ?? null,
    year,
    place: place ?? null,
    signer,
    title: title?.text ?? null,
  };
  const agency = issuer ? issuerAgency(issuer, province, issuer.alias) : null;
  return {
    identity,
    warnings: [...new Set(warnings)],
    reported,
    typeHeadingLine: typeHeading !== null ? clean[typeHeading]!.n : null,
    titleLines: title?.lines ?? [],
    issuerAgency: agency,
  };
}

export function parseIdentity(lines: SourceLine[], fileName?: string): DocumentIdentity {
  return readIdentity(lines, fileName).identity;
}

/** A stable short hash of a normalised title, for documents without a number. */
export function titleHash(title: string): string {
  return createHash('sha256').update(matchKey(title)).digest('hex').slice(0, 12);
}

/** The document id of an identity (a hash of the title, or of the opening text, when it has no number). */
export function identityDocumentId(identity: DocumentIdentity, fallbackText = ''): string {
  return documentId({
    issuerPath: identity.issuerPath,
    typeCode: identity.typeCode,
    number: identity.number,
    year: identity.year,
    untitledHash: identity.number ? undefined : titleHash(identity.title ?? fallbackText.slice(0, 2000)),
  });
}
