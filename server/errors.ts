import type { ErrorRequestHandler, Response } from 'express';
import { logger } from '../core/logger.js';

/** An error whose status and message are meant for the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
    /** More fields for the JSON body (`issues`, `code`) and headers (`Retry-After`). */
    readonly extra: { body?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function notFound(what: string, id: string): HttpError {
  return new HttpError(404, `no ${what} with id "${id}"`);
}

/** Seconds a client should wait before retrying while the database is down. */
export const DB_RETRY_AFTER_SECONDS = 5;

const UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  // Our own deadline (graph-store/deadline.ts), and Neo4j's when it stopped a query for taking as long:
  // a hung or overloaded database, which a client should try again later, like a stopped one.
  'DeadlineExceeded',
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);
const UNAVAILABLE_MESSAGES = /connection acquisition timed out|failed to connect|connection (was )?(closed|refused|reset)|ECONNREFUSED|ECONNRESET|pool is closed/i;

/** True when Neo4j could not be reached or did not answer in time (as opposed to a bad query). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message, name } = err as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof code === 'string') {
    if (UNAVAILABLE.has(code) || code.startsWith('Neo.TransientError.General.DatabaseUnavailable')) return true;
  }
  // The driver reports some connection failures (acquisition time-outs) with a generic code.
  return name === 'Neo4jError' && typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}

export function sendDatabaseUnavailable(res: Response): void {
  res.setHeader('Retry-After', String(DB_RETRY_AFTER_SECONDS));
  res.status(503).json({ error: 'the database is unreachable; try again shortly' });
}

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  limit?: number;
  length?: number;
}

/** Clients get a status and a message; stack traces only ever go to the log. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) {
    // A response already under way (a long CSV) cannot change its status; end it.
    logger.error({ err, path: req.path }, 'error after the response started');
    res.end();
    return;
  }
  if (err instanceof HttpError) {
    for (const [k, v] of Object.entries(err.extra.headers ?? {})) res.setHeader(k, v);
    res.status(err.status).json({ error: err.message, ...(err.details ? { details: err.details } : {}), ...err.extra.body });
    return;
  }
  if (err instanceof URIError) {
    // A malformed percent-encoding in the path or query ("/api/%E0%A4%A").
    res.status(400).json({ error: 'malformed URI (bad percent-encoding)' });
    return;
  }
  const bp = err as BodyParserError;
  if (bp.type === 'entity.too.large') {
    const size = Number.isFinite(bp.length) ? `${bp.length} bytes, ` : '';
    res.status(413).json({ error: `document is ${size}over the ${bp.limit}-byte limit (MAX_UPLOAD_BYTES)` });
    return;
  }
  if (bp.type === 'entity.parse.failed') {
    res.status(400).json({ error: 'malformed request body' });
    return;
  }
  if (isDatabaseUnavailable(err)) {
    logger.warn({ path: req.path, code: (err as { code?: string }).code }, 'database unreachable');
    sendDatabaseUnavailable(res);
    return;
  }
  // Other body-parser refusals (415 unsupported charset or encoding, 400 aborted) carry safe messages.
  if (bp.expose && typeof bp.status === 'number' && bp.status >= 400 && bp.status < 500) {
    res.status(bp.status).json({ error: (err as Error).message });
    return;
  }
  logger.error({ err, path: req.path }, 'unhandled error');
  res.status(500).json({ error: 'internal error' });
};
