import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { logger } from '../core/logger.js';
import type { Config } from '../core/config.js';
import type { Db } from '../graph-store/db.js';
import { errorHandler } from './errors.js';
import { healthRoutes } from './routes/health.js';

export interface AppDeps {
  db: Db;
  config: Config;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/health' } }));
  app.use(healthRoutes(deps.db));
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(errorHandler);
  return app;
}
