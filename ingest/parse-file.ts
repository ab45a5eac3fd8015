import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DocumentRecord } from '../graph-schema/index.js';
import { extractSource } from './extract/extract-source.js';
import { formatBytes } from './read-source.js';
import { parseDocument } from './parse/parse-document.js';

/**
 * Bumped whenever the parser's output changes for the same input, so that re-ingesting an
 * unchanged file after a parser upgrade still replaces what the old parser wrote.
 */
export const PARSER_VERSION = 7;

export type ParsedFile = { file: string; ok: true; record: DocumentRecord } | { file: string; ok: false; error: string };

export interface ParseFileOptions {
  /** Pages of a PDF read so far (OCR takes seconds a page). */
  onPage?: (done: number, total: number) => void;
}

/** One file → its record, or the reason it was refused. Never throws. */
export async function parseFile(file: string, maxBytes: number, opts: ParseFileOptions = {}): Promise<ParsedFile> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return { file, ok: false, error: 'not a regular file' };
    // Checked before reading so an oversized upload is never loaded into memory.
    if (info.size > maxBytes) return { file, ok: false, error: `file is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit` };
    return { file, ok: true, record: await parseBytes(await readFile(file), basename(file), maxBytes, opts) };
  } catch (err) {
    return { file, ok: false, error: errorMessage(err) };
  }
}

/** A document in any accepted format → its record. Throws `SourceError` or `ParseError` with the reason. */
export async function parseBytes(bytes: Uint8Array, fileName: string, maxBytes: number, opts: ParseFileOptions = {}): Promise<DocumentRecord> {
  const { text, contentHash, source } = await extractSource(bytes, fileName, { maxBytes, onPage: opts.onPage });
  return parseDocument(text, { fileName, contentHash: `v${PARSER_VERSION}:${contentHash}`, source });
}

export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
    return 'no such file';
  }
  return err instanceof Error ? err.message : String(err);
}
