import type { DocumentRecord } from '../graph-schema/index.js';
import type { CandidateSet, DocumentState, ImplementerContext } from '../graph-store/link-reads.js';
import type { Relinked } from '../graph-store/ingest-write.js';
import { isReportAbout } from './parse/identity/index.js';
import { decideText, type Decision } from './which-text.js';
import { linkTasks } from './link/link-tasks.js';
import { nearestDirectives } from './link/nearest-directives.js';
import type { TextSimilarity } from './link/similarity.js';

/**
 * What writing one parsed record comes to, decided from what the graph holds (LinkContext, read
 * once) without the database: ingest/pipeline.ts then writes it in one transaction
 * (graph-store/ingest-write.ts).
 */

/** Which text the graph keeps: the same text again, the graph's (the file only listed), or the record's. */
export type TextVerdict =
  | { kind: 'unchanged' }
  | { kind: 'kept'; decision: Decision }
  /** `decision` when the record replaces another text of the same document. */
  | { kind: 'write'; decision?: Decision };

export function textVerdict(record: DocumentRecord, state: DocumentState | null): TextVerdict {
  if (!state || state.stub) return { kind: 'write' };
  if (state.contentHash === record.document.contentHash) return { kind: 'unchanged' };
  const decision = decideText(
    { sourceFile: state.sourceFile, textLength: state.textLength, items: state.items, report: isReportAbout(state.warnings) },
    { sourceFile: record.document.sourceFile, textLength: record.document.text?.length ?? 0, items: record.items.length, report: isReportAbout(record.document.warnings) },
  );
  return decision.replace ? { kind: 'write', decision } : { kind: 'kept', decision };
}

/**
 * Every document this record says it carries out, directly or through the lineage it states for
 * its parents (3229/KH-UBND → 245-KH/TU → 69-KL/TW), whether or not those edges are in the graph yet.
 */
export function implementedByRecord(record: DocumentRecord): string[] {
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
 * The record with its items' links to the directive items they carry out, on the nearest
 * directive document of each chain (nearest-directives.ts), the lineage the record states counted
 * with the graph's. A directive document's own items are linked too (69-KL/TW's paragraphs to the
 * 20-NQ/TW items they carry on): the heatmap rolls tasks up through them (graph-store/roll-up.ts).
 */
export async function linkRecord(record: DocumentRecord, context: CandidateSet, similarity: TextSimilarity): Promise<DocumentRecord> {
  const stated = record.citations.filter((c) => c.kind === 'IMPLEMENTS').map((c) => [c.from, c.to] as const);
  const candidates = nearestDirectives(context.candidates, [...stated, ...context.implementsEdges]);
  const linked = record.items.filter((i) => i.isTask || i.isDirective);
  return { ...record, itemLinks: await linkTasks(linked, candidates, similarity) };
}

/** A directive document that arrives (or changes) after its implementers: their links are redone. */
export async function relinkImplementers(implementers: ImplementerContext[], similarity: TextSimilarity): Promise<Relinked[]> {
  const relinked: Relinked[] = [];
  for (const { documentId, tasks, candidates, implementsEdges } of implementers) {
    relinked.push({ documentId, links: await linkTasks(tasks, nearestDirectives(candidates, implementsEdges), similarity) });
  }
  return relinked;
}

