import { DocumentTypeCode, Level, LinkStatus, ReviewDecision } from '../graph-schema/index.js';
import { z } from 'zod';
import { DOC_69, DocumentIdParam, Format, ItemIdParam, Page, Province, ProvinceEraParam } from './common.js';

export { ReviewDecision };

export const FormatOnly = z.strictObject({ format: Format });
export type FormatOnly = z.output<typeof FormatOnly>;

export const HeatmapQuery = z.strictObject({
  documentId: DocumentIdParam.default(DOC_69).meta({ description: 'the central document whose directive items are the rows' }),
  provinces: ProvinceEraParam,
  format: Format,
});
export type HeatmapQuery = z.output<typeof HeatmapQuery>;

export const CellQuery = z.strictObject({
  directiveId: ItemIdParam.meta({ description: 'a directive item id (a heatmap row)' }),
  province: z.string().min(1, 'province is required').max(200).meta({ description: 'a heatmap column', example: 'Bình Thuận' }),
  provinces: ProvinceEraParam.meta({ description: 'how the column is named: a province as written, or a 2025 unit (its predecessors\' tasks)' }),
  format: Format,
});
export type CellQuery = z.output<typeof CellQuery>;

export const AuditFilterQuery = z.strictObject({
  documentId: DocumentIdParam.optional(),
  province: Province,
  provinces: ProvinceEraParam,
  format: Format,
});
export type AuditFilterQuery = z.output<typeof AuditFilterQuery>;

export const DocumentAudit = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    number: z.string().nullable(),
    province: z.string().nullable(),
    level: Level,
    tasks: z.number().int(),
    tasksWithoutLead: z.number().int(),
    collectiveLedTasks: z.number().int(),
    directiveItems: z.number().int(),
    directiveItemsNotImplemented: z.number().int(),
    unresolvedCitations: z.number().int(),
    links: z.number().int().meta({ description: 'its tasks\' links to directive items that count' }),
    linksReviewed: z.number().int().meta({ description: 'of those, confirmed or added by a reviewer' }),
    linksRejected: z.number().int().meta({ description: 'proposals a reviewer rejected' }),
  })
  .meta({ id: 'DocumentAudit' });
export type DocumentAudit = z.output<typeof DocumentAudit>;

export const AuditSummary = Page(DocumentAudit, 'AuditSummary');
export type AuditSummary = z.output<typeof AuditSummary>;

export const DocRef = z.object({ id: z.string(), number: z.string().nullable(), title: z.string().nullable() });
export type DocRef = z.output<typeof DocRef>;

export const DirectiveRow = z
  .object({
    id: z.string(),
    documentId: z.string(),
    sectionPath: z.array(z.string()),
    sectionTitles: z.array(z.string()),
    text: z.string(),
    lineStart: z.number().int(),
    lineEnd: z.number().int(),
    ordinal: z.number().int(),
  })
  .meta({ id: 'DirectiveRow' });
export type DirectiveRow = z.output<typeof DirectiveRow>;

export const Heatmap = z
  .object({
    document: DocRef,
    era: z.enum(['historical', 'current']).meta({ description: 'columns are provinces as documents name them, or the 34 units of 2025' }),
    provinces: z.array(z.string()).meta({ description: 'the columns' }),
    provincesWithoutTasks: z.array(z.string()).meta({
      description:
        'columns whose documents implementing this one hold no task in the graph (known only from citations, or texts without tasks): their cells are empty for want of a plan to read, not for want of implementation',
    }),
    rows: z.array(
      z.object({
        directive: DirectiveRow,
        cells: z.record(z.string(), z.number().int()).meta({ description: 'province → implementing tasks (links that count: proposed and not rejected, confirmed, added)' }),
        reviewed: z.record(z.string(), z.number().int()).meta({ description: 'province → of those, links a reviewer confirmed or added' }),
        rejected: z.record(z.string(), z.number().int()).meta({ description: 'province → proposals a reviewer rejected (not in cells)' }),
        provincesImplementing: z.number().int(),
        tasks: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Heatmap',  description: 'rows sorted by how few provinces implement them' });
export type Heatmap = z.output<typeof Heatmap>;

export const LeadRef = z.object({ id: z.string(), name: z.string(), collective: z.boolean() });
export type LeadRef = z.output<typeof LeadRef>;
export const TaskFields = z.object({
  id: z.string(),
  documentId: z.string(),
  sectionPath: z.array(z.string()),
  text: z.string(),
  province: z.string().nullable(),
  lineStart: z.number().int(),
  lineEnd: z.number().int(),
  timelineRaw: z.string().nullable(),
  deadline: z.string().nullable().meta({ description: 'the last day the timeline allows (ISO date), when it names one' }),
});
export type TaskFields = z.output<typeof TaskFields>;
export const TaskDoc = z.object({ id: z.string(), number: z.string().nullable(), title: z.string().nullable(), province: z.string().nullable() });
export type TaskDoc = z.output<typeof TaskDoc>;

/** An item a rolled-up link passes through (69-KL/TW §6.1 between a province's task and a 20-NQ/TW item). */
export const ViaItem = z.object({
  id: z.string(),
  documentId: z.string(),
  documentNumber: z.string().nullable(),
  sectionPath: z.array(z.string()),
  text: z.string(),
});
export type ViaItem = z.output<typeof ViaItem>;

/** A reviewer's decision on a link, as shown with it. */
export const LinkReview = z
  .object({
    decision: ReviewDecision,
    reviewer: z.string(),
    comment: z.string().nullable(),
    at: z.string().meta({ description: 'ISO date-time' }),
    stale: z.boolean().meta({ description: 'the task\'s text changed since the review: the decision still applies, read it again' }),
  })
  .meta({ id: 'LinkReview' });
export type LinkReview = z.output<typeof LinkReview>;

export const LinkStatusSchema = LinkStatus.meta({
  description: 'proposed (by the linker, not reviewed), confirmed (proposed and confirmed), added (by a reviewer), rejected (a proposal a reviewer rejected: not counted)',
});

/** A task implementing a directive item, with the linker's score and method and how reviews left the link. */
export const TaskEvidence = z
  .object({
    task: TaskFields,
    document: TaskDoc,
    leads: z.array(LeadRef),
    score: z.number().nullable().meta({ description: 'the linker\'s score; null for a link only a reviewer made' }),
    method: z.string().nullable(),
    status: LinkStatusSchema,
    review: LinkReview.nullable(),
    via: z
      .array(ViaItem)
      .optional()
      .meta({ description: "rolled up: the items between the task and the directive item, nearest the task first; empty when the task's own link" }),
  })
  .meta({ id: 'TaskEvidence' });
export type TaskEvidence = z.output<typeof TaskEvidence>;

export const HeatmapCell = z
  .object({
    directive: DirectiveRow,
    province: z.string(),
    tasks: z.array(TaskEvidence).meta({ description: 'the tasks that count: proposed, confirmed or added' }),
    rejected: z.array(TaskEvidence).meta({ description: 'proposals a reviewer rejected (not counted)' }),
  })
  .meta({ id: 'HeatmapCell' });
export type HeatmapCell = z.output<typeof HeatmapCell>;

export const UnimplementedRow = z.object({ province: z.string(), directive: DirectiveRow, document: DocRef });
export type UnimplementedRow = z.output<typeof UnimplementedRow>;

export const UnimplementedList = Page(UnimplementedRow, 'UnimplementedDirectives');
export type UnimplementedList = z.output<typeof UnimplementedList>;

/** A task as the auditors' lists show it. */
export const TaskRow = z.object({ task: TaskFields, document: TaskDoc, leads: z.array(LeadRef), coordinating: z.array(LeadRef), leadRaw: z.string().nullable() });
export type TaskRow = z.output<typeof TaskRow>;

export const TaskList = Page(TaskRow, 'AuditTaskList');
export type TaskList = z.output<typeof TaskList>;

/** A stub with who cites it and how. */
export const UnresolvedCitation = z.object({
  document: z.object({
    id: z.string(),
    number: z.string().nullable(),
    typeCode: DocumentTypeCode,
    issuerPath: z.string().nullable(),
    level: Level,
    province: z.string().nullable(),
    year: z.number().int().nullable(),
  }),
  citedBy: z.array(
    z.object({
      id: z.string(),
      number: z.string().nullable(),
      province: z.string().nullable(),
      kind: z.enum(['CITES', 'IMPLEMENTS']),
      raw: z.string().nullable(),
      evidence: z.string().nullable(),
      lineStart: z.number().int().nullable(),
      lineEnd: z.number().int().nullable(),
      sourceDocument: z.string().nullable(),
    }),
  ),
});
export type UnresolvedCitation = z.output<typeof UnresolvedCitation>;

export const UnresolvedList = Page(UnresolvedCitation, 'UnresolvedCitations');
export type UnresolvedList = z.output<typeof UnresolvedList>;
