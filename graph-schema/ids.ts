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
  const base = `vn/${p.issuerPath}/${p.typeCode}`;
  if (!p.number) return `${base}/untitled-${p.untitledHash ?? 'unknown'}`;
  const num = slugify(p.number);
  return p.year ? `${base}/${num}/${p.year}` : `${base}/${num}`;
}

/** The part of a document id that names it without its year: what a bare citation knows. */
export function numberKey(p: Pick<DocumentIdParts, 'issuerPath' | 'typeCode' | 'number'>): string | null {
  return p.number ? `vn/${p.issuerPath}/${p.typeCode}/${slugify(p.number)}` : null;
}

export function itemId(documentId: string, sectionPath: readonly string[]): string {
  return `${documentId}#${sectionPath.map((s) => slugify(s) || '0').join('.')}`;
}

export function agencyId(name: string, provinceSlug: string | null): string {
  return provinceSlug ? `vn/${provinceSlug}/agency/${slugify(name)}` : `vn/agency/${slugify(name)}`;
}

export function provinceSlug(provinceName: string): string {
  return slugify(provinceName);
}
