import type { DocumentRecord } from '../graph-schema/index.js';
import type { Db } from '../graph-store/db.js';
import { writeIngest } from '../graph-store/ingest-write.js';
import { readLinkContext, type ImplementerContext } from '../graph-store/link-reads.js';
import { inTurn } from '../graph-store/write-turns.js';
import type { Decision } from './which-text.js';
import { implementedByRecord, linkRecord, relinkImplementers, textVerdict } from './plan-write.js';
import { errorMessage, parseFile } from './parse-file.js';
import { parseBytesOffThread } from './parse-pool.js';
import { orderByCitation } from './order-records.js';
import type { TextSimilarity } from './link/similarity.js';
import { lexicalSimilarity } from './link/lexical-similarity.js';
import type { FileCounts } from '../api-schema/documents.js';

export type FileOutcome =
  /** `decision` when the text replaced another text of the same document (which-text.ts). */
  | { file: string; status: 'ingested' | 'unchanged' | 'parsed'; documentId: string; counts: FileCounts; warnings: string[]; decision?: Decision }
  /** The graph already holds a fuller text of this document (which-text.ts): the file is only listed among its otherSources. */
  | { file: string; status: 'kept'; documentId: string; counts: FileCounts; warnings: string[]; decision: Decision }
  | { file: string; status: 'failed'; error: string };

export interface IngestOptions {
  maxBytes: number;
  similarity?: TextSimilarity;
  onProgress?: (event: { phase: 'parse' | 'write'; done: number; total: number; file: string }) => void;
  /** Pages of the PDF being read (`file`), one event per page: OCR takes seconds a page. */
  onPage?: (event: { file: string; done: number; total: number }) => void;
}

export function countsOf(record: DocumentRecord): FileCounts {
  return {
    documents: 1 + record.citedDocuments.length,
    items: record.items.length,
    tasks: record.items.filter((i) => i.isTask).length,
    directives: record.items.filter((i) => i.isDirective).length,
    agencies: record.agencies.length,
    citations: record.citations.length,
    links: record.itemLinks.length,
    warnings: record.document.warnings.length,
  };
}

/**
 * Parses every file, then writes each document in its own transaction, parents first. A file
 * that fails is reported and the batch goes on; nothing of it reaches the graph.
 */
export async function ingestFiles(db: Db, files: string[], opts: IngestOptions): Promise<FileOutcome[]> {
  const similarity = opts.similarity ?? lexicalSimilarity;
  const outcomes = new Map<string, FileOutcome>();
  const parsed: { file: string; record: DocumentRecord }[] = [];
  for (const [i, file] of files.entries()) {
    const onPage = opts.onPage && ((done: number, total: number) => opts.onPage?.({ file, done, total }));
    const result = await parseFile(file, opts.maxBytes, { onPage });
    if (result.ok) parsed.push({ file, record: result.record });
    else outcomes.set(file, { file, status: 'failed', error: result.error });
    opts.onProgress?.({ phase: 'parse', done: i + 1, total: files.length, file });
  }
  const fileOf = new Map(parsed.map((p) => [p.record, p.file]));
  const ordered = orderByCitation(parsed.map((p) => p.record));
  for (const [i, record] of ordered.entries()) {
    const file = fileOf.get(record)!;
    try {
      outcomes.set(file, await ingestRecord(db, file, record, similarity));
    } catch (err) {
      outcomes.set(file, { file, status: 'failed', error: `could not be written: ${errorMessage(err)}` });
    }
    opts.onProgress?.({ phase: 'write', done: i + 1, total: ordered.length, file });
  }
  return files.map((f) => outcomes.get(f)!);
}

/** One uploaded document, already in memory (the API's upload), parsed off the event loop. Throws with a clear reason. */
export async function ingestBytes(
  db: Db,
  bytes: Uint8Array,
  fileName: string,
  opts: Pick<IngestOptions, 'maxBytes' | 'similarity'>,
): Promise<FileOutcome> {
  const record = await parseBytesOffThread(bytes, fileName, opts.maxBytes);
  return ingestRecord(db, fileName, record, opts.similarity ?? lexicalSimilarity);
}

/**
 * One parsed record into the graph as ingestFiles writes each (which text wins, task → directive
 * links, the record and the relinked implementers in one transaction), in its turn among this process's writes
 * (graph-store/write-turns.ts). Exported for callers that parse themselves (bench/scale-graph.ts).
 */
export function ingestRecord(db: Db, file: string, record: DocumentRecord, similarity: TextSimilarity = lexicalSimilarity): Promise<FileOutcome> {
  return inTurn(() => writeRecordNow(db, file, record, similarity));
}

/**
 * One read of what linking needs, the decisions made without the database, then one write
 * transaction (graph-store/ingest-write.ts): a process killed mid-write leaves no half-written document.
 */
async function writeRecordNow(db: Db, file: string, record: DocumentRecord, similarity: TextSimilarity): Promise<FileOutcome> {
  const id = record.document.id;
  const context = await readLinkContext(db, id, implementedByRecord(record));
  const verdict = textVerdict(record, context.state);
  const { warnings } = record.document;
  if (verdict.kind === 'unchanged') return { file, status: 'unchanged', documentId: id, counts: countsOf(record), warnings };
  if (verdict.kind === 'kept') {
    await writeIngest(db, { kind: 'other-source', documentId: id, file: record.document.sourceFile ?? file });
    return { file, status: 'kept', documentId: id, counts: countsOf(record), warnings, decision: verdict.decision };
  }
  const withLinks = await linkRecord(record, context, similarity);
  const relink = record.items.some((i) => i.isDirective)
    ? (implementers: ImplementerContext[]) => relinkImplementers(implementers, similarity)
    : undefined;
  await writeIngest(db, { kind: 'record', record: withLinks, relink });
  return { file, status: 'ingested', documentId: id, counts: countsOf(withLinks), warnings, ...(verdict.decision && { decision: verdict.decision }) };
}
