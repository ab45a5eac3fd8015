import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DocumentRecord } from '../graph-schema/index.js';
import { decodeSource } from './read-source.js';
import { parseDocument } from './parse/parse-document.js';

/**
 * Bumped whenever the parser's output changes for the same input, so that re-ingesting an
 * unchanged file after a parser upgrade still replaces what the old parser wrote.
 */
export const PARSER_VERSION = 1;

export type ParsedFile = { file: string; ok: true; record: DocumentRecord } | { file: string; ok: false; error: string };

/** One file → its record, or the reason it was refused. Never throws. */
export async function parseFile(file: string, maxBytes: number): Promise<ParsedFile> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return { file, ok: false, error: 'not a regular file' };
    // Checked before reading so an oversized upload is never loaded into memory.
    if (info.size > maxBytes) return { file, ok: false, error: `file is ${info.size} bytes, over the ${maxBytes}-byte limit` };
    return { file, ok: true, record: parseBytes(await readFile(file), basename(file), maxBytes) };
  } catch (err) {
    return { file, ok: false, error: errorMessage(err) };
  }
}

export function parseBytes(bytes: Uint8Array, fileName: string, maxBytes: number): DocumentRecord {
  const source = decodeSource(bytes, maxBytes);
  return parseDocument(source.text, { fileName, contentHash: `v${PARSER_VERSION}:${source.contentHash}` });
}

export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
    return 'no such file';
  }
  return err instanceof Error ? err.message : String(err);
}
