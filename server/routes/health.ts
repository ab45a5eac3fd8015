import { Router } from 'express';
import type { Db } from '../../graph-store/db.js';
import { readQuery } from '../../graph-store/db.js';
import { DB_RETRY_AFTER_SECONDS } from '../errors.js';

/** Liveness plus the database's state; 503 while Neo4j is unreachable so probes can tell. */
export function healthRoutes(db: Db): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const started = Date.now();
    try {
      // One connection attempt, no retries: a stopped database is reported at once, not after the
      // driver's transaction retry time. Nothing is remembered between calls, so recovery is seen on the next probe.
      await db.driver.getServerInfo({ database: db.database });
      const [component] = await readQuery<{ version: string; edition: string }>(
        db,
        'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
      );
      const [counts] = await readQuery<{ documents: number; items: number }>(
        db,
        'CALL () { MATCH (d:Document) RETURN count(d) AS documents } CALL () { MATCH (i:Item) RETURN count(i) AS items } RETURN documents, items',
      );
      res.json({
        status: 'ok',
        database: { status: 'up', version: component?.version, edition: component?.edition, latencyMs: Date.now() - started, ...counts },
      });
    } catch (err) {
      res.setHeader('Retry-After', String(DB_RETRY_AFTER_SECONDS));
      res.status(503).json({ status: 'degraded', database: { status: 'down', error: (err as Error).message } });
    }
  });
  return router;
}
