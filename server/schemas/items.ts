import { z } from '../openapi/zod.js';
import { DocumentBrief, ItemBrief, ItemIdParam, Limit, TaskIdParam } from './common.js';
import { ItemView } from './documents.js';

export const ItemQuery = z.strictObject({ id: ItemIdParam });
export const TaskQuery = z.strictObject({ id: TaskIdParam });
export const SimilarQuery = z.strictObject({ id: TaskIdParam, limit: Limit(50, 10) });

export const ItemLinkView = z
  .object({
    item: ItemBrief,
    document: DocumentBrief,
    score: z.number().nullable(),
    method: z.string().nullable().openapi({ description: 'how the link was made, e.g. lexical-tfidf+section' }),
  })
  .openapi('ItemLink');

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
    implements: z.array(ItemLinkView).openapi({ description: 'directive items this task carries out' }),
    implementedBy: z.array(ItemLinkView).openapi({ description: 'tasks carrying this directive item out' }),
  })
  .openapi('ItemDetail');
