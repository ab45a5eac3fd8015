import { z } from 'zod';
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
    method: z.string().nullable().meta({ description: 'how the link was made, e.g. lexical-tfidf+section' }),
  })
  .meta({ id: 'ItemLink' });

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

// The types of the shapes above: inferred, never written out by hand.
export type ItemQuery = z.output<typeof ItemQuery>;
export type TaskQuery = z.output<typeof TaskQuery>;
export type SimilarQuery = z.output<typeof SimilarQuery>;
export type ItemLinkView = z.output<typeof ItemLinkView>;
export type ItemDetail = z.output<typeof ItemDetail>;
