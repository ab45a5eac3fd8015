import type { Db } from '../../graph-store/db.js';
import type { UploadResult } from '../../api-schema/documents.js';
import { ingestBytes, type FileOutcome } from '../../ingest/pipeline.js';
import { HttpError } from '../errors.js';

/**
 * Refusals the ingest explains for the person who sent the file (SourceError: bad encoding,
 * binary, empty, too large, a format not read, password-protected, damaged, no readable text, a
 * zip bomb), or a text the parser cannot read as a document (ParseError). Anything else, such as
 * tesseract missing on the server, is the server's fault and not the file's.
 */
function refusal(err: unknown): { code: string; message: string } | null {
  if (!(err instanceof Error)) return null;
  if (err.name === 'SourceError' || err.name === 'ParseError') {
    const code = (err as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'unparseable', message: err.message };
  }
  return null;
}

/** The outcome as the API answers it: only a dry run (the CLI's) stops at 'parsed'. */
function written(o: FileOutcome): UploadResult | Extract<FileOutcome, { status: 'failed' }> {
  if (o.status === 'failed' || o.status === 'kept') return o;
  if (o.status === 'parsed') throw new Error(`${o.file} was parsed but not written`);
  return { ...o, status: o.status };
}

/** One uploaded document into the graph; 413 over the limit, 422 with the ingest's reason otherwise. */
export async function uploadDocument(db: Db, bytes: Uint8Array, fileName: string, maxBytes: number) {
  try {
    return written(await ingestBytes(db, bytes, fileName, { maxBytes }));
  } catch (err) {
    const why = refusal(err);
    if (!why) throw err;
    const status = why.code === 'too-large' ? 413 : 422;
    throw new HttpError(status, why.message, undefined, { body: { code: why.code } });
  }
}
