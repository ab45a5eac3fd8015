/**
 * What the load's clients ask, as a person would with the UI or the API's defaults:
 *
 * - search: the relevance set's 44 queries written by users (test/fixtures/relevance/queries.json),
 *   each as typed and without tone marks, as many people type; or (`freshSearches`) phrases of the
 *   demo corpus nobody asked before, each asked once;
 * - lineage: /api/lineage with its default parameters (both ways, depth 3, items, the default
 *   budget), half of them from 69-KL/TW (the largest walk: every plan of the country), half from
 *   provincial plans drawn with a fixed seed (Tỉnh ủy and UBND plans);
 * - heatmap: the audit view's heatmap of 69-KL/TW.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readQuery, type Db } from '../../graph-store/db.js';
import { foldLower } from '../../ingest/parse/text/fold.js';
import { REPO_ROOT } from '../../core/paths.js';
import { clauses, phraseQueries, rng, sourceItems } from '../search-scale/corpus.js';
import type { Kind } from './clients.js';

export const KL69 = 'vn/tw/kl/69/2024';
const PLANS = 60;

/** `total` distinct searches for phrases of the demo corpus' tasks, none of them a relevance-set query. */
export function freshSearches(total: number, seed: number): string[] {
  const set = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/relevance/queries.json'), 'utf8')) as { queries: { query: string }[] };
  const asked = new Set(set.queries.flatMap((q) => [q.query.toLowerCase(), foldLower(q.query)]));
  const pool = [...new Set(sourceItems(path.join(REPO_ROOT, 'data/corpus')).flatMap((i) => clauses(i.text)))];
  return phraseQueries(pool, total, seed)
    .filter((q) => !asked.has(q))
    .map((q) => `/api/search?${new URLSearchParams({ q })}`);
}

export async function loadRequests(db: Db, seed: number): Promise<Record<Kind, string[]>> {
  const set = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/relevance/queries.json'), 'utf8')) as { queries: { query: string }[] };
  const queries = [...new Set(set.queries.flatMap((q) => [q.query, foldLower(q.query)]))];
  const plans = await readQuery<{ id: string }>(
    db,
    `MATCH (d:Document)-[:IMPLEMENTS*1..2]->(:Document {id: $root}) WHERE NOT d.stub AND d.province IS NOT NULL
     RETURN DISTINCT d.id AS id ORDER BY id`,
    { root: KL69 },
  );
  const rand = rng(seed);
  const drawn = Array.from({ length: PLANS }, () => plans[Math.floor(rand() * plans.length)]!.id);
  return {
    search: queries.map((q) => `/api/search?${new URLSearchParams({ q })}`),
    lineage: drawn.flatMap((id) => [KL69, id]).map((id) => `/api/lineage?${new URLSearchParams({ id })}`),
    heatmap: ['/api/audit/heatmap'],
  };
}
