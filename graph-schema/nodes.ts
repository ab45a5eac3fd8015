import { z } from 'zod';

/** Where a node came from: 1-based, inclusive line numbers in the source file. */
export const LineSpan = z.object({
  lineStart: z.number().int().positive(),
  lineEnd: z.number().int().positive(),
});
export type LineSpan = z.infer<typeof LineSpan>;

export const Level = z.enum(['central', 'ministry', 'province', 'district']);
export type Level = z.infer<typeof Level>;

/** Short codes of document types, used in ids and filters. */
export const DocumentTypeCode = z.enum([
  'nq', // Nghị quyết
  'kl', // Kết luận
  'qd', // Quyết định
  'kh', // Kế hoạch
  'ctr', // Chương trình (hành động)
  'ct', // Chỉ thị
  'tt', // Thông tư
  'cv', // Công văn
  'tb', // Thông báo
  'nd', // Nghị định
  'luat', // Luật
  'hd', // Hướng dẫn
  'other',
]);
export type DocumentTypeCode = z.infer<typeof DocumentTypeCode>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** How a document's text was obtained: as text, from a PDF's text layer, by OCR of its page images, from Word or a web page. */
export const SourceFormat = z.enum(['text', 'pdf', 'pdf-ocr', 'docx', 'html']);
export type SourceFormat = z.infer<typeof SourceFormat>;

export const DocumentNode = z.object({
  id: z.string().min(1),
  /** The key shared by every spelling of the number, without the year: joins bare citations. */
  numberKey: z.string().nullable(),
  typeCode: DocumentTypeCode,
  /** The type as written: "Kế hoạch", "Kết luận", … */
  typeName: z.string(),
  /** As written, normalised: "69-KL/TW", "3229/KH-UBND". */
  number: z.string().nullable(),
  issuerName: z.string().nullable(),
  issuerPath: z.string(),
  /** The issuing Agency node, linked by ISSUED_BY. */
  issuerId: z.string().nullable(),
  level: Level,
  province: z.string().nullable(),
  date: isoDate.nullable(),
  year: z.number().int().nullable(),
  place: z.string().nullable(),
  signer: z.string().nullable(),
  title: z.string().nullable(),
  /** True for a document known only from citations; a later ingest of its text fills it in. */
  stub: z.boolean(),
  sourceFile: z.string().nullable(),
  /**
   * Other files that read as this document but were not taken as its text (a shorter copy, a
   * report about it, a replaced earlier text; ingest/which-text.ts). The graph store keeps the list
   * across re-ingests; a parser always gives [].
   */
  otherSources: z.array(z.string()),
  contentHash: z.string().nullable(),
  /** The full normalised source text, so any node's source lines can be shown. */
  text: z.string().nullable(),
  /** Null for stubs. */
  sourceFormat: SourceFormat.nullable(),
  /** Pages of a PDF; null for formats without pages. */
  pageCount: z.number().int().nonnegative().nullable(),
  /** Mean word confidence of the OCR, 0–1, when pages were read from images. */
  ocrConfidence: z.number().min(0).max(1).nullable(),
  /** What a reader should know about how the text was read: low OCR confidence, a number taken from the file name, fields not found. */
  warnings: z.array(z.string()),
});
export type DocumentNode = z.infer<typeof DocumentNode>;

export const TimelineKind = z.enum([
  'recurring', // Thường xuyên, Hằng năm
  'year', // năm 2025
  'quarter', // Quý III/2024
  'deadline', // trước 30/6/2025, đến năm 2030
  'range', // 2024-2025, giai đoạn 2024-2030
  'date', // a single day
  'other',
]);

export const Timeline = z.object({
  kind: TimelineKind,
  raw: z.string(),
  /** Earliest and latest day the timeline allows, when it names them. */
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  /** "annual" or "continuous" for recurring timelines. */
  recurrence: z.enum(['continuous', 'annual']).nullable(),
});
export type Timeline = z.infer<typeof Timeline>;

/** The pages of a PDF a node's lines are on (null when the source has no pages). */
export const PageSpan = z.object({
  pageStart: z.number().int().positive().nullable(),
  pageEnd: z.number().int().positive().nullable(),
});
export type PageSpan = z.infer<typeof PageSpan>;

export const ItemNode = LineSpan.extend(PageSpan.shape).extend({
  /** Other places the document writes the same task (an appendix row restating a body task). */
  restatedAt: z.array(LineSpan),
  id: z.string().min(1),
  documentId: z.string().min(1),
  /** An item other documents implement (a central document's paragraph). */
  isDirective: z.boolean(),
  /** An actionable item of an implementing plan. */
  isTask: z.boolean(),
  /** Section numbers from the top: ["II", "3", "b", "2"]. */
  sectionPath: z.array(z.string()),
  /** The headings of the sections above the item, in the same order. */
  sectionTitles: z.array(z.string()),
  ordinal: z.number().int().nonnegative(),
  text: z.string().min(1),
  leadRaw: z.string().nullable(),
  coordinatingRaw: z.string().nullable(),
  timeline: Timeline.nullable(),
});
export type ItemNode = z.infer<typeof ItemNode>;

export const AgencyNode = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()),
  province: z.string().nullable(),
  level: Level,
  /** A whole group ("Các sở, ban, ngành…") rather than one body: auditors list these. */
  collective: z.boolean(),
});
export type AgencyNode = z.infer<typeof AgencyNode>;
