/**
 * The home page's answers, asked once by the server itself as it starts, before it says it is
 * ready: the lineage view's default (the central documents, each one level down with its
 * documents and with its items) and the provinces. The lineage answers are then kept
 * (queries/kept-answers.ts) and the others' reads are in the database's cache, so the first
 * visitor does not pay the cold reads: on the national graph (bench/lineage-scale.ts) they are
 * seconds, against a 2 s budget for the whole view.
 *
 * The requests are those web/src/views/lineage-apply.ts and web/src/lineage-model.ts send for
 * the default view; asked over HTTP so they take the very path (and keys) a browser's do.
 */
import { logger } from '../core/logger.js';

interface Page {
  items: { id: string }[];
}

async function ask<T>(base: string, path: string, params: Record<string, string | number | boolean>): Promise<T> {
  const url = `${base}${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** Asks the default view's answers of the server at `base`; resolves to the milliseconds taken, never rejects. */
export async function warmUpDefaultView(base: string): Promise<number> {
  const started = performance.now();
  try {
    const [page] = await Promise.all([
      ask<Page>(base, '/api/documents', { level: 'central', stub: false, limit: 20 }),
      ask<unknown>(base, '/api/provinces', {}),
    ]);
    await Promise.all(
      page.items.flatMap((d) =>
        (['documents', 'items'] as const).map((include) => ask<unknown>(base, '/api/lineage', { id: d.id, direction: 'down', depth: 1, include })),
      ),
    );
  } catch (err) {
    // A graph that cannot answer yet is the first visitor's error to see, with its retry.
    logger.warn({ err: (err as Error).message }, 'warming the default view failed');
  }
  return performance.now() - started;
}
