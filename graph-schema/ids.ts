import { slugify } from '../core/vn-text.js';

/**
 * Persistent ids, in the spirit of ELI: readable paths that stay the same across re-ingests.
 *
 *   document  vn/<issuer>/<type>/<number>/<year>     vn/tw/kl/69/2024, vn/binh-thuan/tu/kh/245/2024
 *             vn/<issuer>/<type>/<number>            when no year is known (a stub from a bare citation)
 *             vn/<issuer>/<type>/untitled-<hash>     a document with no number (hash of its title)
 *   item      <document id>#<section path>           vn/tw/kl/69/2024#4.1, …/3229/2024#appendix.12
 *   agency    vn/<province>/agency/<name>            vn/binh-thuan/agency/so-khoa-hoc-va-cong-nghe
 *             vn/agency/<name>                       national bodies, shared by every province
 *
 * <issuer> is a central body code (tw = central Party bodies, ttg = Prime Minister, cp = Government,
 * qh = National Assembly, a ministry code such as bkhcn) or <province>/<body> for local bodies
 * (tu = Tỉnh ủy, ubnd, hdnd).
 */

export interface DocumentIdParts {
  issuerPath: string;
  typeCode: string;
  number?: string | null;
  year?: number | null;
  /** Used only when there is no number: a stable hash of the title. */
  untitledHash?: string;
}

export function documentId(p: DocumentIdParts): string {
  const key = numberKey(p);
  if (!key) return `vn/${p.issuerPath}/${p.typeCode}/untitled-${p.untitledHash ?? 'unknown'}`;
  return p.year ? `${key}/${p.year}` : key;
}

/**
 * The serial part of a number, without the type and issuer codes the id path already holds:
 * "69-KL/TW" → "69", "3229 /KH-UBND" → "3229", "06/2021/NQ-HĐND" → "06-2021".
 */
export function numberSlug(number: string): string {
  const serial = /^\s*(\d+(?:\s*\/\s*\d{4}(?=\s*\/))?)/.exec(number)?.[1];
  return slugify(serial ?? number);
}

/** The part of a document id that names it without its year: what a bare citation knows. */
export function numberKey(p: Pick<DocumentIdParts, 'issuerPath' | 'typeCode' | 'number'>): string | null {
  return p.number ? `vn/${p.issuerPath}/${p.typeCode}/${numberSlug(p.number)}` : null;
}

export function itemId(documentId: string, sectionPath: readonly string[]): string {
  // "đ)" follows "d)" in Vietnamese lettering: it must not fold into the same segment.
  return `${documentId}#${sectionPath.map((s) => slugify(s.replace(/đ/g, 'dd').replace(/Đ/g, 'DD')) || '0').join('.')}`;
}

export function agencyId(name: string, provinceSlug: string | null): string {
  return provinceSlug ? `vn/${provinceSlug}/agency/${slugify(name)}` : `vn/agency/${slugify(name)}`;
}

/** `vn/province/binh-thuan` for one of the 63 as documents name them, `vn/province-2025/lam-dong` for a unit of 2025. */
export function provinceId(name: string, era: 'historical' | '2025'): string {
  return `vn/${era === '2025' ? 'province-2025' : 'province'}/${slugify(name)}`;
}

export function provinceSlug(provinceName: string): string {
  return slugify(provinceName);
}
