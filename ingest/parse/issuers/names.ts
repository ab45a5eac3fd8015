import { matchKey } from '../../../core/vn-text.js';
import { agencyId, provinceSlug as toProvinceSlug, type AgencyNode } from '../../../graph-schema/index.js';
import { foldLower } from '../text/fold.js';
import type { IssuerInfo } from './codes.js';
import { CENTRAL_CITIES } from '../provinces.js';

type NamedIssuer = Pick<IssuerInfo, 'agencyName' | 'local' | 'district' | 'districtName'>;

/** "huyen a luoi" → "huyện a luoi": the kind of district with its marks back. */
export function districtDisplay(folded: string): string {
  return folded.replace(/^(huyen|thi xa|thanh pho|quan)\s+/, (k) => ({ 'huyen ': 'huyện ', 'thi xa ': 'thị xã ', 'thanh pho ': 'thành phố ', 'quan ': 'quận ' })[k] ?? k);
}

/**
 * A provincial body's name where the province is a centrally-run city: its People's Committee is
 * "Ủy ban nhân dân thành phố", its Party committee "Thành ủy" (an issuer read from a number's code,
 * "188/KH-UBND", is named for a province until the province is known).
 */
function inCity(agencyName: string, province: string | null): string {
  if (!province || !CENTRAL_CITIES.has(province)) return agencyName;
  return agencyName.replace(/ tỉnh$/u, ' thành phố').replace(/Tỉnh ủy/u, 'Thành ủy');
}

/** A readable issuer name: "Ủy ban nhân dân tỉnh Bình Thuận", "Ban Thường vụ Tỉnh ủy Bắc Giang", "Ủy ban nhân dân thành phố Hà Nội". */
export function issuerDisplayName(info: NamedIssuer, province: string | null): string | null {
  if (!info.agencyName) return null;
  if (!info.local) return info.agencyName;
  if (info.district) return `${info.agencyName} ${info.districtName ?? districtDisplay(info.district)}`;
  if (!province) return info.agencyName;
  if (/^Sở\s/.test(info.agencyName)) return `${info.agencyName} ${CENTRAL_CITIES.has(province) ? 'thành phố' : 'tỉnh'} ${province}`;
  return `${inCity(info.agencyName, province)} ${province}`;
}

/** The agency node of an issuing body (national bodies are shared by every province). */
export function issuerAgency(info: NamedIssuer & Pick<IssuerInfo, 'level'>, province: string | null, alias?: string): AgencyNode | null {
  if (!info.agencyName) return null;
  const name = info.district ? `${info.agencyName} ${info.districtName ?? districtDisplay(info.district)}` : inCity(info.agencyName, info.local ? province : null);
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

/** "SỞ KHOA HỌC VÀ CÔNG NGHỆ" → "Sở Khoa học và Công nghệ": each coordinated field starts upper-case. */
export function departmentName(upper: string): string {
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
export function ministryCode(name: string): string {
  return foldLower(name)
    .replace(/[,-]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && w !== 'va')
    .map((w) => w[0])
    .join('');
}
