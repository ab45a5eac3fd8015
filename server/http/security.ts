import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
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

/** Limits on writes, and on wrong tokens (counted only when the answer is 401 or 403). */
export function writeLimits(): RequestHandler[] {
  return [
    rateLimit({ windowMs: 60_000, limit: WRITES_PER_MINUTE, standardHeaders: 'draft-7', legacyHeaders: false, handler: tooMany('writes') }),
    rateLimit({
      windowMs: 60_000,
      limit: FAILED_AUTH_PER_MINUTE,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // Counted only when the token was refused.
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401 && res.statusCode !== 403,
      handler: tooMany('failed authentications'),
    }),
  ];
}
