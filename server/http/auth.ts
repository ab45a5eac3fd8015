import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Write endpoints need `Authorization: Bearer <API_TOKEN>`. A server started without API_TOKEN
 * refuses every write with 403: no token could ever be right, and it is not a passing state (not 503).
 * Runs before the body is read, so an unauthenticated upload is never buffered.
 */
export function requireToken(apiToken: string | undefined): RequestHandler {
  const expected = apiToken ? digest(apiToken) : null;
  return (req, _res, next) => {
    if (!expected) {
      next(new HttpError(403, 'writes are disabled: the server was started without API_TOKEN'));
      return;
    }
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    // Comparing digests keeps the comparison constant-time whatever the token's length.
    if (!match || !timingSafeEqual(digest(match[1]!.trim()), expected)) {
      next(
        new HttpError(401, match ? 'wrong API token' : 'missing bearer token (Authorization: Bearer <API_TOKEN>)', undefined, {
          headers: { 'WWW-Authenticate': 'Bearer realm="policy-graph"' },
        }),
      );
      return;
    }
    next();
  };
}
