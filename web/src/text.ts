/** Vietnamese labels and formatting shared by every view. */
import type { GraphNode, Provinces } from './types.js';

export const LEVEL_LABEL: Record<string, string> = {
  central: 'Trung ương',
  ministry: 'Bộ, ngành',
  province: 'Cấp tỉnh',
  district: 'Cấp huyện',
};

export const TYPE_LABEL: Record<string, string> = {
  nq: 'Nghị quyết',
  kl: 'Kết luận',
  ct: 'Chỉ thị',
  qd: 'Quyết định',
  kh: 'Kế hoạch',
  ctr: 'Chương trình',
  tb: 'Thông báo',
  cv: 'Công văn',
  hd: 'Hướng dẫn',
  nd: 'Nghị định',
  tt: 'Thông tư',
  l: 'Luật',
  luat: 'Luật',
  other: 'Văn bản khác',
};

export const EDGE_LABEL: Record<string, string> = {
  IMPLEMENTS: 'thực hiện',
  CITES: 'trích dẫn',
  CONTAINS: 'gồm',
  LEADS: 'chủ trì',
  COORDINATES: 'phối hợp',
};

/** The kinds the legend shows, in the order of the lineage (central → agencies). */
export type VisualKind = 'document' | 'stub' | 'directive' | 'task' | 'agency' | 'collective';

export const KIND_LABEL: Record<VisualKind, string> = {
  document: 'Văn bản',
  stub: 'Văn bản chưa có toàn văn',
  directive: 'Mục chỉ đạo',
  task: 'Nhiệm vụ',
  agency: 'Cơ quan',
  collective: 'Cơ quan tập thể',
};

export function visualKind(n: Pick<GraphNode, 'kind' | 'stub' | 'collective'>): VisualKind {
  if (n.kind === 'document') return n.stub ? 'stub' : 'document';
  if (n.kind === 'agency') return n.collective ? 'collective' : 'agency';
  return n.kind;
}

export const provinceLabel = (p: string | null | undefined): string => p ?? 'Trung ương';

/**
 * "§ Phụ lục 2.II.15" for the parser's path ["appendix-2", "II", "15"]; a number written twice
 * in one document gets "-dup2" in its path to keep ids apart, which readers need not see.
 */
export const section = (path: string[] | null | undefined): string => {
  if (!path || path.length === 0) return '';
  const parts = path.map((p) => p.replace(/-dup\d+$/, '').replace(/^appendix(?:-(\w+))?$/, (_, n?: string) => (n ? `Phụ lục ${n}` : 'Phụ lục')));
  return `§ ${parts.join('.')}`;
};

/** A document as a hit names it: its number, else its title, else that it has neither. */
export const documentLabel = (number: string | null, title: string | null, max = 40): string => number || truncate(title, max) || 'Văn bản không rõ số hiệu';

export const lines = (a: number | null | undefined, b: number | null | undefined): string => {
  if (a == null) return '';
  return b == null || b === a ? `dòng ${a}` : `dòng ${a}–${b}`;
};

/** "trang 3" or "trang 3–4": where an item of a PDF is; empty for sources without pages. */
export const pages = (a: number | null | undefined, b: number | null | undefined): string => {
  if (a == null) return '';
  return b == null || b === a ? `trang ${a}` : `trang ${a}–${b}`;
};

/** How a document's text was read (DocumentNode.sourceFormat). */
export const SOURCE_FORMAT_LABEL: Record<string, string> = {
  text: 'Văn bản thuần (TXT/MD)',
  pdf: 'PDF (có lớp chữ)',
  'pdf-ocr': 'PDF (OCR)',
  docx: 'Word (DOCX)',
  html: 'Trang web (HTML)',
};

/** Below this mean word confidence an OCR text is flagged: misread numbers and names are likely. */
export const LOW_OCR_CONFIDENCE = 0.8;

/** 0.87 → "87 %". */
export const percent = (x: number): string => `${Math.round(x * 100)} %`;

/** 12345 → "12,1 KB", for file sizes. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  return `${(kb / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

export function truncate(s: string | null | undefined, max: number): string {
  if (!s) return '';
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

const ISSUER: Record<string, string> = { tu: 'Tỉnh ủy', ubnd: 'UBND tỉnh', hdnd: 'HĐND tỉnh', ttg: 'Thủ tướng' };

/** "Kế hoạch UBND tỉnh (không số)": an unnumbered document named by the type and issuer in its id. */
export function unnumbered(id: string): string | null {
  const [, , issuer, type] = id.split('/');
  if (!issuer || !type || !TYPE_LABEL[type]) return null;
  return `${TYPE_LABEL[type]} ${ISSUER[issuer] ?? ''} (không số)`.replace(/\s+/g, ' ');
}

/** A document's short name: its number, else its type and issuer, else its title. */
export function docName(
  d: { number?: string | null; title?: string | null; id: string; typeCode?: string | null; issuerName?: string | null },
  max = 70,
): string {
  return d.number ?? unnumbered(d.id) ?? (truncate(d.title, max) || typedUnnumbered(d) || d.id);
}

/** "Thông báo của Văn phòng Chính phủ (không số)": an OCR reading may find neither number nor title. */
function typedUnnumbered(d: { typeCode?: string | null; issuerName?: string | null }): string | null {
  if (!d.typeCode || !d.issuerName) return null;
  const type = d.typeCode === 'other' ? 'Văn bản' : (TYPE_LABEL[d.typeCode] ?? 'Văn bản');
  return `${type} của ${d.issuerName} (không số)`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export const num = (x: number | null | undefined, digits = 3): string =>
  x == null ? '—' : x.toLocaleString('vi-VN', { maximumFractionDigits: digits });

export const plural = (n: number, what: string): string => `${n.toLocaleString('vi-VN')} ${what}`;

export const METHOD_LABEL: Record<string, string> = {
  'lexical-tfidf': 'so khớp từ ngữ (TF-IDF)',
  'lexical-tfidf+section': 'so khớp từ ngữ và đề mục',
};
export const methodLabel = (m: string | null | undefined): string => (m ? (METHOD_LABEL[m] ?? m) : '—');

/** "Bình Thuận → Lâm Đồng" for a province merged in 2025; "Lâm Đồng (gồm Bình Thuận, …)" for a 2025 unit. */
export function provinceOption(p: Provinces[number]): string {
  if (p.predecessors?.length && (p.predecessors.length > 1 || p.predecessors[0] !== p.province)) return `${p.province} (gồm ${p.predecessors.join(', ')})`;
  return p.mergedOn && p.currentProvince && p.currentProvince !== p.province ? `${p.province} → ${p.currentProvince}` : p.province;
}
