import type { Level } from '../../../graph-schema/index.js';

/** An issuing body as far as the words or a number's code say. */
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

export function nationalIssuer(code: string, agencyName: string, level: Level = 'central'): IssuerInfo {
  return { code, agencyName, level, province: null, district: null, local: false };
}

export function localIssuer(code: string, agencyName: string, province: string | null, level: Level = 'province'): IssuerInfo {
  return { code, agencyName, level, province, district: null, local: true };
}

export const MINISTRIES: ReadonlyArray<{ code: string; name: string }> = [
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
  ddqh: { name: 'Đảng đoàn Quốc hội', level: 'central' },
  duqh: { name: 'Đảng ủy Quốc hội', level: 'central' },
  bcsdcp: { name: 'Ban cán sự đảng Chính phủ', level: 'central' },
  ducp: { name: 'Đảng ủy Chính phủ', level: 'central' },
  vpqh: { name: 'Văn phòng Quốc hội', level: 'central' },
  bcdcp: { name: 'Ban Chỉ đạo của Chính phủ', level: 'central' },
  bcdtw: { name: 'Ban Chỉ đạo Trung ương', level: 'central' },
};

const LOCAL_CODES: Readonly<Record<string, { name: string; level: Level }>> = {
  tu: { name: 'Tỉnh ủy', level: 'province' },
  ubnd: { name: 'Ủy ban nhân dân tỉnh', level: 'province' },
  hdnd: { name: 'Hội đồng nhân dân tỉnh', level: 'province' },
  hu: { name: 'Huyện ủy', level: 'district' },
};

/** Party bodies number their documents "<n>-<TYPE>/<BODY>"; these bodies always do. */
export const PARTY_ISSUERS: ReadonlySet<string> = new Set(['tw', 'tu', 'hu', 'du', 'thu', 'bcsd', 'dd', 'bbt', 'btgtw', 'btctw', 'ubkttw', 'vptw']);

/** A code naming one known body ("ubnd", "qh15", "bkhcn"). */
export function isExactIssuerCode(code: string): boolean {
  const c = code.replace(/\d+$/, '');
  return c in CENTRAL_CODES || c in LOCAL_CODES || MINISTRY_BY_CODE.has(c);
}

/** A code shaped like a body's: a known one, a Party body, a ministry ("b…") or a department ("s…"). */
export function isKnownIssuerCode(code: string): boolean {
  const c = code.replace(/\d+$/, '');
  return c in CENTRAL_CODES || c in LOCAL_CODES || MINISTRY_BY_CODE.has(c) || PARTY_ISSUERS.has(c) || /^b[a-z]{2,7}$/.test(c) || /^s[a-z]{2,6}$/.test(c);
}

/** The issuer a number's code names, before the words around it are read. */
export function issuerFromCode(code: string): IssuerInfo {
  const c = code.replace(/\d+$/, '');
  const central = CENTRAL_CODES[c];
  if (central) return nationalIssuer(c, central.name ?? '', central.level);
  const local = LOCAL_CODES[c];
  if (local) return localIssuer(c, local.name, null, local.level);
  const ministry = MINISTRY_BY_CODE.get(c);
  if (ministry) return nationalIssuer(c, ministry.name, c === 'vpcp' ? 'central' : 'ministry');
  // Central Party departments number as "…/BTGTW", "…/VPTW", "…/UBKTTW"; national committees "…/UBQGNCT".
  if (/^[a-z]{2,8}tw$/.test(c) || /^(ubqg|bcdnn|bcdqg)[a-z]*$/.test(c)) return nationalIssuer(c, '');
  if (/^b[a-z]{2,7}$/.test(c) && !PARTY_ISSUERS.has(c)) return nationalIssuer(c, '', 'ministry');
  return localIssuer(c, '', null);
}
