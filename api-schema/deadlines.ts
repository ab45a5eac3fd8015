import { z } from 'zod';
import { DocumentIdParam, Format, Limit, Offset, Province, ProvinceEraParam, Year } from './common.js';

const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a day of the calendar');

const DeadlineFilterShape = {
  asOf: IsoDay.optional().meta({ description: 'the day deadlines are compared with (default: today)', example: '2025-12-31' }),
  provinces: ProvinceEraParam,
  province: Province,
  documentId: DocumentIdParam.optional(),
  issuedIn: Year.optional().meta({ description: 'only documents issued in this year' }),
};

export const DeadlineGridQuery = z.strictObject({ ...DeadlineFilterShape, format: Format });
export type DeadlineGridQuery = z.output<typeof DeadlineGridQuery>;

export const DeadlineTasksQuery = z
  .strictObject({
    ...DeadlineFilterShape,
    status: z
      .enum(['overdue', 'upcoming', 'dated'])
      .default('overdue')
      .meta({ description: 'overdue: deadline before asOf; upcoming: on or after it; dated: every task with a deadline' }),
    year: Year.optional().meta({ description: 'year of the deadline' }),
    limit: Limit(500, 100),
    offset: Offset,
    format: Format,
  });
export type DeadlineTasksQuery = z.output<typeof DeadlineTasksQuery>;

/** A province's tasks by year of deadline, recurring and undated apart. */
export const ProvinceDeadlines = z.object({
  province: z.string(),
  years: z.record(z.string(), z.object({ due: z.number().int(), overdue: z.number().int() })),
  overdue: z.number().int().meta({ description: 'tasks whose deadline had passed on asOf (the graph does not know whether they were done)' }),
  recurring: z.number().int().meta({ description: 'recurring tasks (Thường xuyên, Hằng năm): no deadline' }),
  undated: z.number().int().meta({ description: 'tasks whose text gives no time' }),
  tasks: z.number().int(),
});
export type ProvinceDeadlines = z.output<typeof ProvinceDeadlines>;

export const DeadlineGrid = z
  .object({
    asOf: z.string(),
    era: z.enum(['historical', 'current']),
    years: z.array(z.string()).meta({ description: 'years of deadline present, ascending: the columns' }),
    provinces: z.array(ProvinceDeadlines),
  })
  .meta({ id: 'DeadlineGrid' });
export type DeadlineGrid = z.output<typeof DeadlineGrid>;
