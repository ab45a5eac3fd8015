import { z } from 'zod';
import { DirectiveRow, DocRef, TaskEvidence } from './audit.js';
import { DOC_69, DocumentIdParam, Format, ProvinceEraParam } from './common.js';

const ProvinceName = (which: string, example: string) =>
  z.string().min(1, `${which} is required`).max(200).meta({ description: `the ${which === 'a' ? 'first' : 'second'} province (tone marks optional)`, example });

export const CompareQuery = z.strictObject({
  documentId: DocumentIdParam.default(DOC_69).meta({ description: 'the central document whose directive items are compared' }),
  a: ProvinceName('a', 'Bình Thuận'),
  b: ProvinceName('b', 'Kon Tum'),
  provinces: ProvinceEraParam,
  format: Format,
});
export type CompareQuery = z.output<typeof CompareQuery>;

export const ProvinceComparison = z
  .object({
    document: DocRef,
    era: z.enum(['historical', 'current']),
    provinces: z.tuple([z.string(), z.string()]),
    rows: z.array(z.object({ directive: DirectiveRow, tasks: z.tuple([z.array(TaskEvidence), z.array(TaskEvidence)]) })),
  })
  .meta({ id: 'ProvinceComparison',  description: 'each directive item with the tasks of each province implementing it, in reading order' });
export type ProvinceComparison = z.output<typeof ProvinceComparison>;
