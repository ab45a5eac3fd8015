import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';

/**
 * Headers every answer carries: a content security policy for the UI (its own scripts, styles
 * and API only; images from data: and blob: URLs for the PNG export), no sniffing, no framing, no
 * referrer. No upgrade to HTTPS: the server is reached over plain HTTP on a local network.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'img-src': ["'self'", 'data:', 'blob:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** Writes a client may send a minute: several offices uploading a folder each, not a flood. */
export const WRITES_PER_MINUTE = 300;
/** Failed token checks a client may make a minute before it is made to wait. */
export const FAILED_AUTH_PER_MINUTE = 20;

const tooMany = (what: string): RequestHandler =>
  // The answer is JSON like every other refusal; Retry-After comes from the standard headers.
  (_req, res) => {
    res.status(429).json({ error: `too many ${what}; try again in a minute` });
  };

/**
 * Limits on writes, and on requests without the right token. Requests carrying the right token
 * are not counted against the second: counting every request and forgiving it when it succeeds
 * would refuse an office's 40 parallel uploads while they are still running. Once a client has
 * used up its failures, the right token waits too: letting it through would tell a guesser which
 * guess was right.
 */
export function writeLimits(hasRightToken: (req: Request) => boolean): RequestHandler[] {
  const client = (req: Request) => ipKeyGenerator(req.ip ?? '');
  const failures = rateLimit({
    windowMs: 60_000,
    limit: FAILED_AUTH_PER_MINUTE,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: client,
    skip: hasRightToken,
    handler: tooMany('failed authentications'),
  });
  const lockedOut: RequestHandler = async (req, res, next) => {
    if (!hasRightToken(req)) return next();
    const info = await failures.getKey(client(req));
    const active = info && (!info.resetTime || info.resetTime.getTime() > Date.now());
    if (active && info.totalHits >= FAILED_AUTH_PER_MINUTE) return tooMany('failed authentications')(req, res, next);
    next();
  };
  return [
    rateLimit({ windowMs: 60_000, limit: WRITES_PER_MINUTE, standardHeaders: 'draft-7', legacyHeaders: false, handler: tooMany('writes') }),
    failures,
    lockedOut,
  ];
}
