import { DocumentNode, Level, Timeline as TimelineNode } from '../graph-schema/index.js';
import { z } from 'zod';

/** Every node id travels in the query string (URL-encoded): ids hold slashes and `#`. */
export const NodeId = (what: string, example: string) =>
  z
    .string()
    .min(1, `${what} id is required`)
    .max(1000)
    .meta({ description: `${what} id (URL-encode it: ids contain "/" and "#")`, example });

export const DOC_69 = 'vn/tw/kl/69/2024';
export const DocumentIdParam = NodeId('document', DOC_69);
export const ItemIdParam = NodeId('item', `${DOC_69}#4.1`);
export const TaskIdParam = NodeId('task', 'vn/binh-thuan/ubnd/kh/3229/2024#appendix.12');
export const AgencyIdParam = NodeId('agency', 'vn/binh-thuan/agency/so-khoa-hoc-va-cong-nghe');

/** "true" / "false" in a query string. */
export const QueryBool = (description: string) =>
  z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description });

/** Words to look for in a name or a title, tone- and case-insensitive: at least one letter or digit. */
export const Words = (description: string) =>
  z
    .string()
    .max(200)
    .refine((s) => /[\p{L}\p{N}]/u.test(s), 'q must contain a letter or a digit')
    .optional()
    .meta({ description, example: 'khoa hoc' });

/** A year of issue or of a deadline, in a query string. */
export const Year = z.coerce.number().int().min(1945).max(2100);

export const Limit = (max: number, def: number) =>
  z.coerce.number().int().min(1).max(max).default(def).meta({ description: `page size, 1..${max}` });
export const Offset = z.coerce.number().int().min(0).max(1_000_000).default(0).meta({ description: 'items to skip' });

export const Province = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .meta({
    description:
      'a province as documents name it ("Bình Thuận", "binh thuan") or a unit of 2025, which includes the provinces merged into it ("Lâm Đồng": Lâm Đồng, Đắk Nông, Bình Thuận)',
    example: 'Bình Thuận',
  });
/** For filters without province columns (documents, search): a name is read as a 2025 unit unless told otherwise. */
export const ProvinceReading = z
  .enum(['current', 'historical'])
  .optional()
  .meta({ description: 'how `province` is read: current (default), a unit of 2025 with the provinces merged into it; historical, that province as documents name it alone' });
export const ProvinceEraParam = z
  .enum(['historical', 'current'])
  .default('historical')
  .meta({ description: 'historical: provinces as documents name them (63 before 1 July 2025); current: the 34 units of 2025, predecessors rolled up' });
export const LevelParam = Level.optional();

export const Format = z.enum(['json', 'csv']).default('json').meta({ description: 'json, or csv (UTF-8 with BOM, for spreadsheets)' });

export const ErrorBody = z
  .object({
    error: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    code: z.string().optional(),
  })
  .meta({ id: 'Error',  description: 'what went wrong, for people; never a stack trace' });
export type ErrorBody = z.output<typeof ErrorBody>;

// Shapes shared by several responses.

export const Timeline = TimelineNode.meta({ id: 'Timeline' });
export type Timeline = z.output<typeof Timeline>;

export const AgencyRef = z
  .object({ id: z.string(), name: z.string(), collective: z.boolean(), raw: z.string().nullable().optional() })
  .meta({ id: 'AgencyRef' });
export type AgencyRef = z.output<typeof AgencyRef>;

export const DocumentBrief = DocumentNode
  .pick({ id: true, number: true, title: true, typeCode: true, province: true, level: true, stub: true })
  .meta({ id: 'DocumentBrief' });
export type DocumentBrief = z.output<typeof DocumentBrief>;

export const ItemBrief = z
  .object({
    id: z.string(),
    documentId: z.string(),
    sectionPath: z.array(z.string()),
    text: z.string(),
    isTask: z.boolean(),
    isDirective: z.boolean(),
    province: z.string().nullable(),
    lineStart: z.number().int(),
    lineEnd: z.number().int(),
    timeline: Timeline.nullable(),
    leads: z.array(AgencyRef),
  })
  .meta({ id: 'ItemBrief' });
export type ItemBrief = z.output<typeof ItemBrief>;

export const Page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ total: z.number().int(), items: z.array(item) }).meta({ id: name });
