/**
 * Lineage and heatmap of 69-KL/TW, timed two ways. Kept: over HTTP, as clients get them while the
 * graph is unchanged (server/queries/kept-answers.ts serves the answer read first). Cold: what a
 * request costs when nothing is kept (the first after any write): the same query functions the
 * routes call, with the answer serialised as the route does, in this process.
 */
import type { Db } from '../../graph-store/db.js';
import { heatmap } from '../../server/queries/audit.js';
import { getLineage, withDownload } from '../../server/queries/lineage.js';
import { serialiseJson } from '../../server/http/respond.js';
import { LINEAGE_LIMIT } from '../../api-schema/lineage.js';
import { percentiles, type Percentiles } from '../search-scale/stats.js';

export interface Timed {
  what: string;
  bytes: number;
  figures: Percentiles;
}

async function times(n: number, once: () => Promise<number>): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    bytes = await once();
    ms.push(performance.now() - t);
  }
  return { ms, bytes };
}

export async function apiFigures(base: string, db: Db, root: string, n: number): Promise<Timed[]> {
  const lineageOpts = { id: root, direction: 'down' as const, depth: 3, include: 'items' as const, cites: false, limit: LINEAGE_LIMIT.default };
  const http = (path: string) => async () => {
    const res = await fetch(`${base}${path}`);
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return (await res.arrayBuffer()).byteLength;
  };
  const lineagePath = `/api/lineage?${new URLSearchParams({ id: root, direction: 'down', depth: '3' })}`;
  const bothOpts = { ...lineageOpts, direction: 'both' as const };
  const bothPath = `/api/lineage?${new URLSearchParams({ id: root })}`;
  const heatmapPath = (era: string) => `/api/audit/heatmap?${new URLSearchParams({ documentId: root, provinces: era })}`;
  const runs: [string, () => Promise<number>][] = [
    ['lineage 69-KL/TW down, depth 3 — cold (read + serialise)', async () => serialiseJson(withDownload(await getLineage(db, root, lineageOpts), root, lineageOpts)).body.length],
    ['lineage 69-KL/TW down, depth 3 — kept, HTTP', http(lineagePath)],
    ['lineage 69-KL/TW both ways, depth 3 (the default) — cold', async () => serialiseJson(withDownload(await getLineage(db, root, bothOpts), root, bothOpts)).body.length],
    ['lineage 69-KL/TW both ways, depth 3 (the default) — kept, HTTP', http(bothPath)],
    ['heatmap 69-KL/TW (63 provinces) — cold (read + serialise)', async () => JSON.stringify(await heatmap(db, root, 'historical')).length],
    ['heatmap 69-KL/TW (63 provinces) — kept, HTTP', http(heatmapPath('historical'))],
    ['heatmap 69-KL/TW (34 units of 2025) — cold', async () => JSON.stringify(await heatmap(db, root, 'current')).length],
    ['heatmap 69-KL/TW (34 units of 2025) — kept, HTTP', http(heatmapPath('current'))],
  ];
  const out: Timed[] = [];
  for (const [what, once] of runs) {
    await once(); // the first of its kind: plans, caches and the kept answer made
    const r = await times(n, once);
    out.push({ what, bytes: r.bytes, figures: percentiles(r.ms) });
  }
  return out;
}
