import { z } from '../openapi/zod.js';
import { DOC_69, DocumentIdParam, Format, ItemIdParam, Province, ProvinceEraParam } from './common.js';

export const FormatOnly = z.strictObject({ format: Format });

export const HeatmapQuery = z.strictObject({
  documentId: DocumentIdParam.default(DOC_69).openapi({ description: 'the central document whose directive items are the rows' }),
  provinces: ProvinceEraParam,
  format: Format,
});

export const CellQuery = z.strictObject({
  directiveId: ItemIdParam.openapi({ description: 'a directive item id (a heatmap row)' }),
  province: z.string().min(1, 'province is required').max(200).openapi({ description: 'a heatmap column', example: 'Bình Thuận' }),
  provinces: ProvinceEraParam.openapi({ description: 'how the column is named: a province as written, or a 2025 unit (its predecessors\' tasks)' }),
  format: Format,
});

export const AuditFilterQuery = z.strictObject({
  documentId: DocumentIdParam.optional(),
  province: Province,
  provinces: ProvinceEraParam,
  format: Format,
});

export const DocumentAudit = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    number: z.string().nullable(),
    province: z.string().nullable(),
    level: z.string(),
    tasks: z.number().int(),
    tasksWithoutLead: z.number().int(),
    collectiveLedTasks: z.number().int(),
    directiveItems: z.number().int(),
    directiveItemsNotImplemented: z.number().int(),
    unresolvedCitations: z.number().int(),
  })
  .openapi('DocumentAudit');

export const AuditSummary = z.object({ total: z.number().int(), items: z.array(DocumentAudit) }).openapi('AuditSummary');

export const DocRef = z.object({ id: z.string(), number: z.string().nullable(), title: z.string().nullable() });

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
  .openapi('DirectiveRow');

export const Heatmap = z
  .object({
    document: DocRef,
    era: z.enum(['historical', 'current']).openapi({ description: 'columns are provinces as documents name them, or the 34 units of 2025' }),
    provinces: z.array(z.string()).openapi({ description: 'the columns' }),
    rows: z.array(
      z.object({
        directive: DirectiveRow,
        cells: z.record(z.string(), z.number().int()).openapi({ description: 'province → implementing tasks' }),
        provincesImplementing: z.number().int(),
        tasks: z.number().int(),
      }),
    ),
  })
  .openapi('Heatmap', { description: 'rows sorted by how few provinces implement them' });

const LeadRef = z.object({ id: z.string(), name: z.string(), collective: z.boolean() });
const TaskFields = z.object({
  id: z.string(),
  documentId: z.string(),
  sectionPath: z.array(z.string()),
  text: z.string(),
  province: z.string().nullable(),
  lineStart: z.number().int(),
  lineEnd: z.number().int(),
  timelineRaw: z.string().nullable(),
  deadline: z.string().nullable().openapi({ description: 'the last day the timeline allows (ISO date), when it names one' }),
});
const TaskDoc = z.object({ id: z.string(), number: z.string().nullable(), title: z.string().nullable(), province: z.string().nullable() });

/** An item a rolled-up link passes through (69-KL/TW §6.1 between a province's task and a 20-NQ/TW item). */
const ViaItem = z.object({
  id: z.string(),
  documentId: z.string(),
  documentNumber: z.string().nullable(),
  sectionPath: z.array(z.string()),
  text: z.string(),
});

/** A task implementing a directive item, with the linker's score and method. */
export const TaskEvidence = z
  .object({
    task: TaskFields,
    document: TaskDoc,
    leads: z.array(LeadRef),
    score: z.number().nullable(),
    method: z.string().nullable(),
    via: z
      .array(ViaItem)
      .optional()
      .openapi({ description: "rolled up: the items between the task and the directive item, nearest the task first; empty when the task's own link" }),
  })
  .openapi('TaskEvidence');

export const HeatmapCell = z
  .object({
    directive: DirectiveRow,
    province: z.string(),
    tasks: z.array(TaskEvidence),
  })
  .openapi('HeatmapCell');

export const UnimplementedList = z
  .object({
    total: z.number().int(),
    items: z.array(z.object({ province: z.string(), directive: DirectiveRow, document: DocRef })),
  })
  .openapi('UnimplementedDirectives');

export const TaskList = z
  .object({
    total: z.number().int(),
    items: z.array(
      z.object({ task: TaskFields, document: TaskDoc, leads: z.array(LeadRef), coordinating: z.array(LeadRef), leadRaw: z.string().nullable() }),
    ),
  })
  .openapi('AuditTaskList');

export const UnresolvedList = z
  .object({
    total: z.number().int(),
    items: z.array(
      z.object({
        document: z.object({
          id: z.string(),
          number: z.string().nullable(),
          typeCode: z.string(),
          issuerPath: z.string().nullable(),
          level: z.string(),
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
      }),
    ),
  })
  .openapi('UnresolvedCitations');
