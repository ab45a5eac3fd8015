import { join } from 'node:path';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { logger } from '../core/logger.js';
import { REPO_ROOT } from '../core/paths.js';
import type { AppDeps } from './deps.js';
import { errorHandler } from './errors.js';
import { Api } from './http/api.js';
import { securityHeaders } from './http/security.js';
import { webRoutes } from './http/static.js';
import { agencyRoutes } from './routes/agencies.js';
import { auditRoutes } from './routes/audit.js';
import { compareRoutes } from './routes/compare.js';
import { deadlineRoutes } from './routes/deadlines.js';
import { documentRoutes } from './routes/documents.js';
import { healthRoutes } from './routes/health.js';
import { itemRoutes } from './routes/items.js';
import { lineageRoutes } from './routes/lineage.js';
import { openapiHandler } from './routes/openapi.js';
import { reviewRoutes } from './routes/reviews.js';
import { searchRoutes } from './routes/search.js';

export type { AppDeps } from './deps.js';

export const DEFAULT_WEB_DIR = join(REPO_ROOT, 'web/dist');

/** The API under /api (described at /openapi.json), /health, and the UI at /. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/health' },
      serializers: {
        // The bearer token must never reach the logs.
        req: (req: { headers?: Record<string, unknown> }) =>
          req.headers?.authorization ? { ...req, headers: { ...req.headers, authorization: '[redacted]' } } : req,
      },
    }),
  );
  app.use(healthRoutes(deps.db));

  const api = new Api();
  documentRoutes(api, deps);
  lineageRoutes(api, deps);
  itemRoutes(api, deps);
  searchRoutes(api, deps);
  agencyRoutes(api, deps);
  auditRoutes(api, deps);
  compareRoutes(api, deps);
  deadlineRoutes(api, deps);
  reviewRoutes(api, deps);
  app.use(api.router);
  app.get('/openapi.json', openapiHandler(api));

  app.use(webRoutes(deps.webDir ?? DEFAULT_WEB_DIR));
  app.use((req, res) => {
    res.status(404).json({ error: `no such endpoint: ${req.method} ${req.path} (see /openapi.json)` });
  });
  app.use(errorHandler);
  return app;
}
