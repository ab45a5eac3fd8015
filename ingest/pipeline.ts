import type { DocumentRecord, ItemLink } from '../graph-schema/index.js';
import type { Db } from '../graph-store/db.js';
import { upsertDocument } from '../graph-store/upsert-document.js';
import { addOtherSource } from '../graph-store/other-sources.js';
import { inTurn } from '../graph-store/write-turns.js';
import { isReportAbout } from './parse/identity/index.js';
import { decideText, type Decision } from './which-text.js';
import {
  directiveCandidates,
  implementsAmong,
  documentState,
  implementingDocuments,
  replaceItemLinks,
  tasksOf,
} from '../graph-store/link-reads.js';
import { errorMessage, parseFile } from './parse-file.js';
import { parseBytesOffThread } from './parse-pool.js';
import { orderByCitation } from './order-records.js';
import { linkTasks } from './link/link-tasks.js';
import { nearestDirectives } from './link/nearest-directives.js';
import type { TextSimilarity } from './link/similarity.js';
import { lexicalSimilarity } from './link/lexical-similarity.js';

export interface FileCounts {
  documents: number;
  items: number;
  tasks: number;
  directives: number;
  agencies: number;
  citations: number;
  links: number;
  warnings: number;
}

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
 * links, upsert, relinking implementers), in its turn among this process's writes
 * (graph-store/write-turns.ts). Exported for callers that parse themselves (bench/scale-graph.ts).
 */
export function ingestRecord(db: Db, file: string, record: DocumentRecord, similarity: TextSimilarity = lexicalSimilarity): Promise<FileOutcome> {
  return inTurn(() => writeRecordNow(db, file, record, similarity));
}

async function writeRecordNow(db: Db, file: string, record: DocumentRecord, similarity: TextSimilarity): Promise<FileOutcome> {
  const id = record.document.id;
  const state = await documentState(db, id);
  if (state && !state.stub && state.contentHash === record.document.contentHash) {
    return { file, status: 'unchanged', documentId: id, counts: countsOf(record), warnings: record.document.warnings };
  }
  let replaced: Decision | undefined;
  if (state && !state.stub) {
    const decision = decideText(
      { sourceFile: state.sourceFile, textLength: state.textLength, items: state.items, report: isReportAbout(state.warnings) },
      { sourceFile: record.document.sourceFile, textLength: record.document.text?.length ?? 0, items: record.items.length, report: isReportAbout(record.document.warnings) },
    );
    if (!decision.replace) {
      await addOtherSource(db, id, record.document.sourceFile ?? file);
      return { file, status: 'kept', documentId: id, counts: countsOf(record), warnings: record.document.warnings, decision };
    }
    replaced = decision;
  }
  const stated = record.citations.filter((c) => c.kind === 'IMPLEMENTS').map((c) => [c.from, c.to] as const);
  const candidates = await nearestCandidates(db, id, implementedByRecord(record), stated);
  // A directive document's own items are linked too (69-KL/TW's paragraphs to the 20-NQ/TW items
  // they carry on): the heatmap rolls tasks up through them (graph-store/roll-up.ts).
  const linked = record.items.filter((i) => i.isTask || i.isDirective);
  const withLinks = { ...record, itemLinks: await linkTasks(linked, candidates, similarity) };
  await upsertDocument(db, withLinks);
  if (record.items.some((i) => i.isDirective)) await relinkImplementers(db, id, similarity);
  return { file, status: 'ingested', documentId: id, counts: countsOf(withLinks), warnings: record.document.warnings, ...(replaced && { decision: replaced }) };
}

/**
 * Every document this record says it carries out, directly or through the lineage it states for
 * its parents (3229/KH-UBND → 245-KH/TU → 69-KL/TW), whether or not those edges are in the graph yet.
 */
function implementedByRecord(record: DocumentRecord): string[] {
  const reached = new Set<string>();
  const queue = [record.document.id];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const c of record.citations) {
      if (c.kind === 'IMPLEMENTS' && c.from === from && !reached.has(c.to)) {
        reached.add(c.to);
        queue.push(c.to);
      }
    }
  }
  return [...reached];
}

/**
 * The directive items a document's items may carry out: those of the documents it implements (or
 * of the parents it states), on the nearest directive document of each chain (nearest-directives.ts).
 */
async function nearestCandidates(db: Db, id: string, parents: string[], stated: readonly (readonly [string, string])[] = []) {
  const candidates = (await directiveCandidates(db, parents)).filter((c) => c.documentId !== id);
  const docs = [...new Set(candidates.map((c) => c.documentId))];
  return nearestDirectives(candidates, [...stated, ...(await implementsAmong(db, docs))]);
}

/** A directive document that arrives (or changes) after its implementers: their links are redone. */
async function relinkImplementers(db: Db, documentId: string, similarity: TextSimilarity): Promise<void> {
  for (const implementer of await implementingDocuments(db, documentId)) {
    const candidates = await nearestCandidates(db, implementer, [implementer]);
    const links: ItemLink[] = await linkTasks(await tasksOf(db, implementer), candidates, similarity);
    await replaceItemLinks(db, implementer, links);
  }
}
