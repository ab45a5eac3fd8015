import type { Level } from '../../../graph-schema/index.js';
import { foldLower } from '../text/fold.js';
import { localIssuer, MINISTRIES, nationalIssuer, type IssuerInfo } from './codes.js';
import { districtDisplay } from './names.js';
import { CENTRAL_CITIES, PROVINCE_PATTERN, provinceAt, provinceFromFolded } from '../provinces.js';
import { escapeRe } from '../text/regex.js';

/*
 * Issuing bodies named in words ("Bộ Chính trị", "Ban Thường vụ Tỉnh ủy Quảng Bình", "UBND huyện
 * A Lưới"), read from a folded-lower string.
 */

const PROV = `(?:\\s+(${PROVINCE_PATTERN}))?(?![a-z0-9])`;
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

/** A provincial body; `province` is the folded name the words give, if any. */
const localBody = (code: string, agencyName: string, province: string | undefined, level: Level = 'province'): IssuerInfo =>
  localIssuer(code, agencyName, province ? provinceFromFolded(province) : null, level);

function districtBody(kind: string, name: string, body: 'ubnd' | 'hdnd' | 'hu'): IssuerInfo | null {
  const nameClean = name.trim();
  if (!nameClean) return null;
  if (kind === 'thanh pho') {
    // A city's name with a stray word after it is still the city ("UBND thành phố Hà Nội phố về …").
    const prov = provinceFromFolded(nameClean) ?? provinceAt(nameClean, 0)?.name ?? null;
    if (prov && CENTRAL_CITIES.has(prov)) {
      const agency = body === 'ubnd' ? 'Ủy ban nhân dân thành phố' : body === 'hdnd' ? 'Hội đồng nhân dân thành phố' : 'Thành ủy';
      return localIssuer(body === 'hu' ? 'tu' : body, agency, prov);
    }
  }
  const agency = body === 'ubnd' ? 'Ủy ban nhân dân' : body === 'hdnd' ? 'Hội đồng nhân dân' : kind === 'huyen' ? 'Huyện ủy' : kind === 'thi xa' ? 'Thị ủy' : 'Thành ủy';
  return { code: body, agencyName: agency, level: 'district', province: null, district: `${kind} ${nameClean}`, local: true };
}

/** Words of a district's name: one to four capitalised-looking words (folded, so any word). */
const DISTRICT_NAME = `((?:[a-z0-9]+)(?:\\s+[a-z0-9]+){0,3}?)(?=\\s*(?:$|[,;.:()"“”]|\\s(?:tinh|ve|nam|ngay|va|thuc|trien|ban|cua|tai|theo|so|da|de|nham)\\b))`;

const ISSUER_RULES: readonly IssuerRule[] = [
  { re: /bo chinh tri(?![a-z])/y, make: () => nationalIssuer('tw', 'Bộ Chính trị') },
  { re: /ban bi thu(?:\s+trung uong(?:\s+dang)?)?(?![a-z])/y, make: () => nationalIssuer('tw', 'Ban Bí thư') },
  {
    re: new RegExp(`(?:hoi nghi\\s+(?:lan thu\\s+[a-z0-9]+\\s+)?)?ban chap hanh trung uong(?:\\s+dang(?: cong san viet nam)?)?${KHOA}(?![a-z])`, 'y'),
    make: () => nationalIssuer('tw', 'Ban Chấp hành Trung ương Đảng'),
  },
  { re: new RegExp(`hoi nghi(?:\\s+lan thu\\s+[a-z0-9]+)?\\s+trung uong(?:\\s+(?:lan thu\\s+)?[a-z0-9]+)?${KHOA}(?![a-z])`, 'y'), make: () => nationalIssuer('tw', 'Ban Chấp hành Trung ương Đảng') },
  {
    re: /(ban (?:tuyen giao va dan van|tuyen giao|to chuc|dan van|noi chinh|kinh te|doi ngoai|chinh sach, chien luoc)|uy ban kiem tra|van phong) trung uong(?: dang)?(?![a-z])/y,
    make: (m) => {
      const board = PARTY_BOARDS[m[1]!];
      return board ? nationalIssuer(board[0], board[1]) : null;
    },
  },
  { re: /trung uong dang(?![a-z])/y, make: () => nationalIssuer('tw', 'Ban Chấp hành Trung ương Đảng') },
  // The Party's bodies in the state's central institutions, and central steering committees: central, no province.
  { re: /dang doan quoc hoi(?![a-z])/y, make: () => nationalIssuer('ddqh', 'Đảng đoàn Quốc hội') },
  { re: /dang uy quoc hoi(?![a-z])/y, make: () => nationalIssuer('duqh', 'Đảng ủy Quốc hội') },
  { re: /ban can su dang chinh phu(?![a-z])/y, make: () => nationalIssuer('bcsdcp', 'Ban cán sự đảng Chính phủ') },
  { re: /dang uy chinh phu(?![a-z])/y, make: () => nationalIssuer('ducp', 'Đảng ủy Chính phủ') },
  { re: /van phong quoc hoi(?![a-z])/y, make: () => nationalIssuer('vpqh', 'Văn phòng Quốc hội') },
  {
    re: /ban chi dao (trung uong|cua chinh phu|nha nuoc|quoc gia)([^,;.:()]{0,120}?)(?=$|[,;.:()]|\s(?:ban hanh|da|ve viec|so|ngay)\b)/y,
    make: (m) => nationalIssuer(
      m[1] === 'trung uong' ? 'bcdtw' : m[1] === 'cua chinh phu' ? 'bcdcp' : 'bcdnn',
      m[1] === 'trung uong' ? 'Ban Chỉ đạo Trung ương' : m[1] === 'cua chinh phu' ? 'Ban Chỉ đạo của Chính phủ' : m[1] === 'quoc gia' ? 'Ban Chỉ đạo quốc gia' : 'Ban Chỉ đạo Nhà nước',
    ),
  },
  { re: /uy ban quoc gia(?![a-z])/y, make: () => nationalIssuer('ubqg', 'Ủy ban Quốc gia') },
  { re: /(?:pho )?thu tuong(?:\s+chinh phu)?(?![a-z])/y, make: () => nationalIssuer('ttg', 'Thủ tướng Chính phủ') },
  { re: /van phong chinh phu(?![a-z])/y, make: () => nationalIssuer('vpcp', 'Văn phòng Chính phủ') },
  { re: /thanh tra chinh phu(?![a-z])/y, make: () => nationalIssuer('ttcp', 'Thanh tra Chính phủ', 'ministry') },
  { re: /chinh phu(?![a-z])/y, make: () => nationalIssuer('cp', 'Chính phủ') },
  { re: /(?:uy ban thuong vu quoc hoi|ubtvqh)(?![a-z])/y, make: () => nationalIssuer('ubtvqh', 'Ủy ban Thường vụ Quốc hội') },
  { re: /quoc hoi(?:\s+khoa\s+[xvi]+)?(?![a-z])/y, make: () => nationalIssuer('qh', 'Quốc hội') },
  { re: /chu tich nuoc(?![a-z])/y, make: () => nationalIssuer('ctn', 'Chủ tịch nước') },
  { re: /ngan hang nha nuoc(?:\s+viet nam)?(?![a-z])/y, make: () => nationalIssuer('nhnn', 'Ngân hàng Nhà nước Việt Nam', 'ministry') },
  {
    re: new RegExp(`(?:(?:bo|thu) truong\\s+)?bo\\s+(${MINISTRY_NAMES})(?![a-z])`, 'y'),
    make: (m) => {
      const folded = (m[1] ?? '').replace(/\s+/g, ' ');
      const info = MINISTRIES.find((x) => foldLower(x.name.replace(/^Bộ /, '')) === folded);
      return info ? nationalIssuer(info.code, info.name, 'ministry') : null;
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
  // "UBND Thành phố quy định …": a city's People's Committee named without its name (in a central city's documents, the city's).
  { re: /(?:chu tich\s+)?(?:uy ban nhan dan|ubnd)\s+thanh pho(?![a-z])/y, make: () => localBody('ubnd', 'Ủy ban nhân dân thành phố', undefined) },
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
      // A district's name is a proper name: lower-case words after "thành phố" are what the
      // sentence goes on to say ("UBND Thành phố quy định chức năng …", "… thành phố tại Tờ trình …").
      if (/^\p{Ll}/u.test(words)) continue;
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

const OF = /[\s,]*(?:cua|do)\s+/y;

/** The body a document is "of" right after its number or date ("…, của Bộ Chính trị"), and where those words end. */
export function issuerOfAt(folded: string, index: number, original: string): { issuer: IssuerMatch; end: number } | null {
  OF.lastIndex = index;
  const of = OF.exec(folded);
  if (!of) return null;
  const issuer = issuerAt(folded, index + of[0].length, original);
  return issuer ? { issuer, end: index + of[0].length + issuer.length } : null;
}
