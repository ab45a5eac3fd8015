import { DocumentNode, Level, Timeline as TimelineNode } from '../../graph-schema/index.js';
import { z } from '../openapi/zod.js';

/** Every node id travels in the query string (URL-encoded): ids hold slashes and `#`. */
export const NodeId = (what: string, example: string) =>
  z
    .string()
    .min(1, `${what} id is required`)
    .max(1000)
    .openapi({ description: `${what} id (URL-encode it: ids contain "/" and "#")`, example });

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
    .openapi({ description });

export const Limit = (max: number, def: number) =>
  z.coerce.number().int().min(1).max(max).default(def).openapi({ description: `page size, 1..${max}` });
export const Offset = z.coerce.number().int().min(0).max(1_000_000).default(0).openapi({ description: 'items to skip' });

export const Province = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .openapi({
    description:
      'a province as documents name it ("Bình Thuận", "binh thuan") or a unit of 2025, which includes the provinces merged into it ("Lâm Đồng": Lâm Đồng, Đắk Nông, Bình Thuận)',
    example: 'Bình Thuận',
  });
/** For filters without province columns (documents, search): a name is read as a 2025 unit unless told otherwise. */
export const ProvinceReading = z
  .enum(['current', 'historical'])
  .optional()
  .openapi({ description: 'how `province` is read: current (default), a unit of 2025 with the provinces merged into it; historical, that province as documents name it alone' });
export const ProvinceEraParam = z
  .enum(['historical', 'current'])
  .default('historical')
  .openapi({ description: 'historical: provinces as documents name them (63 before 1 July 2025); current: the 34 units of 2025, predecessors rolled up' });
export const LevelParam = Level.optional();

export const Format = z.enum(['json', 'csv']).default('json').openapi({ description: 'json, or csv (UTF-8 with BOM, for spreadsheets)' });

export const ErrorBody = z
  .object({
    error: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    code: z.string().optional(),
  })
  .openapi('Error', { description: 'what went wrong, for people; never a stack trace' });

// Shapes shared by several responses.

// Rebuilt from the graph schema's shapes with this module's `z`: zod gives a schema its methods
// when it is created, so one made before zod-to-openapi's extension ran has no `.openapi`.
export const Timeline = z.object(TimelineNode.shape).openapi('Timeline');

export const AgencyRef = z
  .object({ id: z.string(), name: z.string(), collective: z.boolean(), raw: z.string().nullable().optional() })
  .openapi('AgencyRef');

export const DocumentBrief = z
  .object(DocumentNode.pick({ id: true, number: true, title: true, typeCode: true, province: true, level: true, stub: true }).shape)
  .openapi('DocumentBrief');

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
  .openapi('ItemBrief');

export const Page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ total: z.number().int(), items: z.array(item) }).openapi(name);
