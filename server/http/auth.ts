import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { HttpError } from '../errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** What a request's Authorization header says against the server's API_TOKEN. */
export type TokenVerdict = 'right' | 'missing' | 'wrong' | 'disabled';

/** Reads a request's bearer token against API_TOKEN, in constant time whatever its length. */
export function tokenJudge(apiToken: string | undefined): (req: Request) => TokenVerdict {
  const expected = apiToken ? digest(apiToken) : null;
  return (req) => {
    if (!expected) return 'disabled';
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    if (!match) return 'missing';
    return timingSafeEqual(digest(match[1]!.trim()), expected) ? 'right' : 'wrong';
  };
}

/**
 * Write endpoints need `Authorization: Bearer <API_TOKEN>`. A server started without API_TOKEN
 * refuses every write with 403: no token could ever be right, and it is not a passing state (not 503).
 * Runs before the body is read, so an unauthenticated upload is never buffered.
 */
export function requireToken(judge: (req: Request) => TokenVerdict): RequestHandler {
  return (req, _res, next) => {
    const verdict = judge(req);
    if (verdict === 'right') return next();
    if (verdict === 'disabled') return next(new HttpError(403, 'writes are disabled: the server was started without API_TOKEN'));
    next(
      new HttpError(401, verdict === 'wrong' ? 'wrong API token' : 'missing bearer token (Authorization: Bearer <API_TOKEN>)', undefined, {
        headers: { 'WWW-Authenticate': 'Bearer realm="policy-graph"' },
      }),
    );
  };
}
