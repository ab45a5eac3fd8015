import { z } from 'zod';
import { Level } from '../graph-schema/index.js';
import { AgencyIdParam, DocumentBrief, ItemBrief, Limit, Offset, Page, Province, QueryBool, Words } from './common.js';

export const AgenciesQuery = z
  .strictObject({
    id: AgencyIdParam.optional().meta({ description: 'one agency, with its tasks (no other parameter allowed)' }),
    province: Province,
    collective: QueryBool('true: only groups such as "Các sở, ban, ngành…"; false: only single bodies'),
    q: Words('part of the name, tone- and case-insensitive'),
    limit: Limit(500, 100),
    offset: Offset,
  })
  .superRefine((q, ctx) => {
    if (q.id === undefined) return;
    for (const k of ['province', 'collective', 'q'] as const) {
      if (q[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: `${k} cannot be combined with id (id asks for one agency)` });
    }
  });
export type AgenciesQuery = z.output<typeof AgenciesQuery>;

export const AgencySummary = z
  .object({
    id: z.string(),
    name: z.string(),
    aliases: z.array(z.string()),
    province: z.string().nullable(),
    level: Level,
    collective: z.boolean(),
    leads: z.number().int(),
    coordinates: z.number().int(),
  })
  .meta({ id: 'AgencySummary' });
export type AgencySummary = z.output<typeof AgencySummary>;

export const AgencyPage = Page(AgencySummary, 'AgencyPage');
export type AgencyPage = z.output<typeof AgencyPage>;

export const AgencyTask = z.object({ task: ItemBrief, document: DocumentBrief, raw: z.string().nullable() }).meta({ id: 'AgencyTask' });
export type AgencyTask = z.output<typeof AgencyTask>;

export const AgencyDetail = z
  .object({
    agency: AgencySummary,
    issued: z.array(DocumentBrief),
    leads: z.array(AgencyTask),
    coordinates: z.array(AgencyTask),
  })
  .meta({ id: 'AgencyDetail' });
export type AgencyDetail = z.output<typeof AgencyDetail>;
