import type { RequestHandler } from 'express';
import type { AppDeps } from '../deps.js';
import { requireToken, tokenJudge } from './auth.js';
import { writeLimits } from './security.js';

const guards = new WeakMap<AppDeps['config'], RequestHandler[]>();

/**
 * What every write endpoint runs first: the write rate limits and the bearer token check. One set
 * per app (per config), shared by uploads, deletes and reviews, so a client's wrong tokens and
 * writes are counted across all of them, not per endpoint.
 */
export function writeGuards(config: AppDeps['config']): RequestHandler[] {
  let g = guards.get(config);
  if (!g) {
    const judge = tokenJudge(config.API_TOKEN);
    g = [...writeLimits((req) => judge(req) === 'right'), requireToken(judge)];
    guards.set(config, g);
  }
  return g;
}
