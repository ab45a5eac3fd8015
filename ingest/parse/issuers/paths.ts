import { provinceSlug as toProvinceSlug, type Level } from '../../../graph-schema/index.js';
import { issuerFromCode, type IssuerInfo } from './codes.js';

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
