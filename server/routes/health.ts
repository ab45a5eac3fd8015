import { Router } from 'express';
import type { Db } from '../../graph-store/db.js';
import { readQuery } from '../../graph-store/db.js';
import { withinDeadline } from '../../graph-store/deadline.js';
import { logger } from '../../core/logger.js';
import { DB_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../errors.js';

/** Liveness plus the database's state; 503 while Neo4j is unreachable or hung, so probes can tell. */
export function healthRoutes(db: Db): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const started = Date.now();
    try {
      // One deadline for the whole check: a frozen database is reported within it. Nothing is
      // remembered between calls, so recovery is seen on the next probe.
      const database = await withinDeadline(db.queryDeadlineMs, 'the health check', async () => {
        await db.driver.getServerInfo({ database: db.database });
        const [component] = await readQuery<{ version: string; edition: string }>(
          db,
          'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
        );
        const [counts] = await readQuery<{ documents: number; items: number }>(
          db,
          'CALL () { MATCH (d:Document) RETURN count(d) AS documents } CALL () { MATCH (i:Item) RETURN count(i) AS items } RETURN documents, items',
        );
        return { version: component?.version, edition: component?.edition, ...counts };
      });
      res.json({ status: 'ok', database: { status: 'up', ...database, latencyMs: Date.now() - started } });
    } catch (err) {
      logger.warn({ err }, 'health check: the database is down');
      res.setHeader('Retry-After', String(DB_RETRY_AFTER_SECONDS));
      // What went wrong in words a probe can show; the driver's own message (addresses, pool state) stays in the log.
      const error = (err as { code?: string }).code === 'DeadlineExceeded' ? 'not answering' : isDatabaseUnavailable(err) ? 'unreachable' : 'error';
      res.status(503).json({ status: 'degraded', database: { status: 'down', error } });
    }
  });
  return router;
}
