import express, { type Request, type Response } from 'express';
import { HttpError } from '../errors.js';

/** The content types an upload may carry; the ingest tells the format from the bytes themselves. */
export const DOCUMENT_CONTENT_TYPES = [
  'text/plain',
  'text/markdown',
  'text/html',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/octet-stream',
] as const;

const DOCUMENT_TYPES = new RegExp(`^(${DOCUMENT_CONTENT_TYPES.map((t) => t.replace(/[./+]/g, '\\$&')).join('|')})\\s*(;|$)`, 'i');

/**
 * The request body as bytes, untouched (no charset decoding: the ingest recognises legacy
 * encodings itself). 415 for other content types; 413 past `limit` (body-parser checks
 * Content-Length before reading, so an oversized upload is refused without being buffered).
 */
export async function readDocumentBody(req: Request, res: Response, limit: number): Promise<Buffer> {
  const type = req.get('content-type') ?? '';
  if (!DOCUMENT_TYPES.test(type)) {
    throw new HttpError(
      415,
      `send the document as the raw body with one of the Content-Types ${DOCUMENT_CONTENT_TYPES.join(', ')} (got "${type || 'none'}")`,
    );
  }
  const parse = express.raw({ type: () => true, limit });
  await new Promise<void>((done, fail) => parse(req, res, (err?: unknown) => (err ? fail(err) : done())));
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
