import { z } from 'zod';
import { DocumentBrief, ItemBrief, ItemIdParam, Limit, TaskIdParam } from './common.js';
import { ItemView } from './documents.js';

export const ItemQuery = z.strictObject({ id: ItemIdParam });
export type ItemQuery = z.output<typeof ItemQuery>;
export const TaskQuery = z.strictObject({ id: TaskIdParam });
export type TaskQuery = z.output<typeof TaskQuery>;
export const SimilarQuery = z.strictObject({ id: TaskIdParam, limit: Limit(50, 10) });
export type SimilarQuery = z.output<typeof SimilarQuery>;

export const ItemLinkView = z
  .object({
    item: ItemBrief,
    document: DocumentBrief,
    score: z.number().nullable(),
    method: z.string().nullable().meta({ description: 'how the link was made, e.g. lexical-tfidf+section' }),
  })
  .meta({ id: 'ItemLink' });
export type ItemLinkView = z.output<typeof ItemLinkView>;

export const ItemDetail = z
  .object({
    item: ItemView,
    document: DocumentBrief,
    source: z.object({
      documentId: z.string(),
      lineStart: z.number().int(),
      lineEnd: z.number().int(),
      lines: z.array(z.object({ n: z.number().int(), text: z.string() })),
    }),
    implements: z.array(ItemLinkView).meta({ description: 'directive items this task carries out' }),
    implementedBy: z.array(ItemLinkView).meta({ description: 'tasks carrying this directive item out' }),
  })
  .meta({ id: 'ItemDetail' });
export type ItemDetail = z.output<typeof ItemDetail>;
