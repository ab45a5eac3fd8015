import { DocumentNode, DocumentTypeCode, Level, PageSpan } from '../graph-schema/index.js';
import { z } from 'zod';
import {
  AgencyRef,
  DocumentBrief,
  DocumentIdParam,
  LevelParam,
  Limit,
  Offset,
  Page,
  Province,
  Words,
  Year,
  ProvinceEraParam,
  ProvinceReading,
  QueryBool,
  Timeline,
} from './common.js';

const LIST_KEYS = ['province', 'provinces', 'level', 'typeCode', 'stub', 'year', 'q', 'limit', 'offset'] as const;

/**
 * GET /api/documents: without `id` a filtered page of documents; with `id` that one document.
 * One schema so one OpenAPI operation documents both; the refinement keeps the two apart.
 */
export const DocumentsQuery = z
  .strictObject({
    id: DocumentIdParam.optional(),
    includeText: QueryBool('with id: also return the full source text'),
    province: Province,
    provinces: ProvinceReading,
    level: LevelParam,
    typeCode: DocumentTypeCode.optional(),
    stub: QueryBool('true: only stubs (documents known from citations only); false: only documents with text'),
    year: Year.optional().meta({ description: 'the year it was issued', example: 2024 }),
    q: Words('words of the title or number; tone- and case-insensitive, each word matches a word prefix'),
    limit: Limit(200, 50),
    offset: Offset,
  })
  .superRefine((q, ctx) => {
    if (q.id === undefined) {
      if (q.includeText !== undefined) ctx.addIssue({ code: 'custom', path: ['includeText'], message: 'includeText needs id' });
      return;
    }
    for (const k of LIST_KEYS) {
      // limit/offset have defaults, so only their presence in the raw query is an error (checked by the route).
      if (k !== 'limit' && k !== 'offset' && q[k] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [k], message: `${k} cannot be combined with id (id asks for one document)` });
      }
    }
  });
export type DocumentsQuery = z.output<typeof DocumentsQuery>;

export const DocumentSummary = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    typeCode: DocumentTypeCode,
    typeName: z.string().nullable(),
    title: z.string().nullable(),
    level: Level,
    province: z.string().nullable(),
    date: z.string().nullable(),
    year: z.number().int().nullable(),
    stub: z.boolean(),
    issuerName: z.string().nullable(),
    tasks: z.number().int(),
    directives: z.number().int(),
  })
  .meta({ id: 'DocumentSummary' });
export type DocumentSummary = z.output<typeof DocumentSummary>;

export const DocumentPage = Page(DocumentSummary, 'DocumentPage');
export type DocumentPage = z.output<typeof DocumentPage>;

export const ItemView = z
  .object({
    id: z.string(),
    documentId: z.string(),
    isDirective: z.boolean(),
    isTask: z.boolean(),
    sectionPath: z.array(z.string()),
    sectionTitles: z.array(z.string()),
    ordinal: z.number().int(),
    text: z.string(),
    lineStart: z.number().int(),
    lineEnd: z.number().int(),
    ...PageSpan.shape,
    leadRaw: z.string().nullable(),
    coordinatingRaw: z.string().nullable(),
    province: z.string().nullable(),
    level: Level,
    timeline: Timeline.nullable(),
    leads: z.array(AgencyRef),
    coordinating: z.array(AgencyRef),
    implementsCount: z.number().int().meta({ description: 'directive items this task carries out' }),
    implementedByCount: z.number().int().meta({ description: 'tasks that carry this directive item out' }),
  })
  .meta({ id: 'ItemView' });
export type ItemView = z.output<typeof ItemView>;

export const Citation = z
  .object({
    kind: z.enum(['CITES', 'IMPLEMENTS']),
    /** The document on the other end. */
    document: DocumentBrief,
    raw: z.string().nullable(),
    evidence: z.string().nullable(),
    basis: z.boolean().meta({ description: 'cited as legal basis ("Căn cứ …")' }),
    lineStart: z.number().int().nullable(),
    lineEnd: z.number().int().nullable(),
    assertedBy: z.array(z.string()).meta({ description: 'documents whose text states this citation' }),
    sourceDocument: z.string().nullable().meta({ description: 'the document whose lines lineStart..lineEnd refer to' }),
  })
  .meta({ id: 'Citation' });
export type Citation = z.output<typeof Citation>;

export const DocumentDetail = z
  .object({
    document: DocumentSummary.omit({ tasks: true, directives: true }).extend({
      issuerPath: z.string(),
      issuerId: z.string().nullable(),
      numberKey: z.string().nullable(),
      place: z.string().nullable(),
      signer: z.string().nullable(),
      sourceFile: z.string().nullable(),
      otherSources: z.array(z.string()).meta({ description: 'other files read as this document but not taken as its text (shorter copies, reports, replaced texts)' }),
      contentHash: z.string().nullable(),
      lineCount: z.number().int(),
      text: z.string().nullable().optional(),
      // How the text was read (format, pages, OCR confidence, warnings), as the graph schema defines it.
      ...DocumentNode.pick({ sourceFormat: true, pageCount: true, ocrConfidence: true, warnings: true }).shape,
    }),
    issuer: z
      .object({ id: z.string(), name: z.string(), province: z.string().nullable(), level: Level, collective: z.boolean() })
      .nullable(),
    items: z.array(ItemView),
    citationsOut: z.array(Citation),
    citationsIn: z.array(Citation),
  })
  .meta({ id: 'DocumentDetail' });
export type DocumentDetail = z.output<typeof DocumentDetail>;

/** A province as documents name it (or a 2025 unit), with its counts. */
export const ProvinceSummary = z.object({
  province: z.string(),
  documents: z.number().int(),
  tasks: z.number().int(),
  currentProvince: z.string().nullable().meta({ description: 'the 2025 unit it belongs to (Nghị quyết 202/2025/QH15)' }),
  mergedOn: z.string().nullable().meta({ description: '2025-07-01 when it was merged with other provinces; null when it kept its territory' }),
  predecessors: z.array(z.string()).optional().meta({ description: 'with provinces=current: the provinces, as documents name them, it was formed from' }),
});
export type ProvinceSummary = z.output<typeof ProvinceSummary>;

export const Provinces = z
  .array(ProvinceSummary)
  .meta({ id: 'Provinces' });
export type Provinces = z.output<typeof Provinces>;

export const ProvincesQuery = z.strictObject({ provinces: ProvinceEraParam });
export type ProvincesQuery = z.output<typeof ProvincesQuery>;

// Writes

/** Which part of ingest/which-text.ts's rule decided: the UI words each one for the uploader. */
export const TextRule = z.enum(['report', 'shorter-copy', 'same-file', 'document-over-report', 'fuller']);
export type TextRule = z.infer<typeof TextRule>;

export const Decision = z.object({
  /** True when the incoming text became the document's text. */
  replace: z.boolean(),
  rule: TextRule,
  reason: z.string(),
});
export type Decision = z.infer<typeof Decision>;

export const UploadQuery = z.strictObject({
  fileName: z
    .string()
    .min(1, 'fileName is required')
    .max(255)
    .regex(/^[^/\\\0]+$/, 'fileName must be a bare file name, without folders')
    .meta({ description: 'name of the uploaded file, kept as the document\'s sourceFile', example: 'ke-hoach-3229.txt' }),
});
export type UploadQuery = z.output<typeof UploadQuery>;

export const FileCounts = z.object({
  documents: z.number().int(),
  items: z.number().int(),
  tasks: z.number().int(),
  directives: z.number().int(),
  agencies: z.number().int(),
  citations: z.number().int(),
  links: z.number().int(),
  warnings: z.number().int(),
});
export type FileCounts = z.output<typeof FileCounts>;

export const UploadResult = z
  .object({
    file: z.string(),
    status: z.enum(['ingested', 'unchanged', 'kept']).meta({
      description: "ingested (201); unchanged: the same text was there; kept: the graph holds a fuller text of this document (the reason says why), nothing written",
    }),
    documentId: z.string(),
    counts: FileCounts,
    warnings: z.array(z.string()),
    decision: Decision.optional().meta({
      description: 'when the graph already held another text of this document: which text is now the document (replace), by which rule, and why',
    }),
  })
  .meta({ id: 'UploadResult' });
export type UploadResult = z.output<typeof UploadResult>;

export const DeleteQuery = z.strictObject({ id: DocumentIdParam });
export type DeleteQuery = z.output<typeof DeleteQuery>;

export const DeleteResult = z
  .object({
    documentId: z.string(),
    found: z.boolean(),
    itemsDeleted: z.number().int(),
    keptAsStub: z.boolean().meta({ description: 'other documents still cite it, so it stays as a stub' }),
  })
  .meta({ id: 'DeleteResult' });
export type DeleteResult = z.output<typeof DeleteResult>;
