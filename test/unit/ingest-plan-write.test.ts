/** The decisions of one file's write, made without the database (ingest/plan-write.ts). */
import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../graph-schema/index.js';
import type { DocumentState } from '../../graph-store/link-reads.js';
import { implementedByRecord, linkRecord, textVerdict } from '../../ingest/plan-write.js';
import { lexicalSimilarity } from '../../ingest/link/lexical-similarity.js';
import { documentNode, syntheticRecord } from '../helpers/synthetic-record.js';

const kl69 = documentNode({ number: '69-KL/TW', issuerPath: 'tw' });
const kh245 = documentNode({ number: '245-KH/TU', issuerPath: 'tinh-thu/tu' });
const other = documentNode({ number: '12/QĐ-UBND', issuerPath: 'tinh-thu/ubnd' });

/** A plan that implements 245-KH/TU and says 245-KH/TU implements 69-KL/TW; it only cites the decision. */
function plan(taskText?: (k: number) => string): DocumentRecord {
  const record = syntheticRecord({ number: '3229/KH-UBND', tasks: 1, implements: [kh245], taskText });
  const stated = { ...record.citations[0]!, from: kh245.id, to: kl69.id };
  const cites = { ...record.citations[0]!, to: other.id, kind: 'CITES' as const };
  return { ...record, citations: [...record.citations, stated, cites] };
}

const state = (over: Partial<DocumentState>): DocumentState => ({
  contentHash: 'hash-0', stub: false, sourceFile: 'plan.docx', textLength: 10_000, items: 20, warnings: [], ...over,
});

describe('which text a write keeps', () => {
  it('writes a document the graph does not hold, or holds only as a stub', () => {
    expect(textVerdict(plan(), null)).toEqual({ kind: 'write' });
    expect(textVerdict(plan(), state({ stub: true }))).toEqual({ kind: 'write' });
  });

  it('does nothing for the same text again', () => {
    expect(textVerdict(plan(), state({ contentHash: plan().document.contentHash }))).toEqual({ kind: 'unchanged' });
  });

  it('keeps a fuller text from another file, and replaces it with the same file uploaded again', () => {
    // The synthetic plan has no text and one item: far shorter than 10,000 characters and 20 items.
    const kept = textVerdict({ ...plan(), document: { ...plan().document, sourceFile: 'copy.txt' } }, state({}));
    expect(kept).toMatchObject({ kind: 'kept', decision: { replace: false } });
    const same = textVerdict({ ...plan(), document: { ...plan().document, sourceFile: 'plan.docx' } }, state({}));
    expect(same).toMatchObject({ kind: 'write', decision: { replace: true, rule: 'same-file' } });
  });
});

describe('the links of a record', () => {
  it('follows the lineage the record states, not what it only cites', () => {
    expect(implementedByRecord(plan())).toEqual([kh245.id, kl69.id]);
  });

  it('links to the nearest directive document of the chain, counting the edges the record states', async () => {
    const words = 'Đẩy mạnh ứng dụng khoa học công nghệ trong sản xuất nông nghiệp';
    const record = plan(() => words);
    const directive = (doc: typeof kl69, n: string) => ({ id: `${doc.id}#${n}`, documentId: doc.id, text: words, sectionPath: [n], sectionTitles: [] });
    // The graph knows no edge between 245-KH/TU and 69-KL/TW yet: only the record says 245 carries 69 out.
    const linked = await linkRecord(record, { candidates: [directive(kh245, '1'), directive(kl69, '2')], implementsEdges: [] }, lexicalSimilarity);
    expect(linked.itemLinks.map((l) => l.directiveId)).toEqual([`${kh245.id}#1`]);
    expect(linked.itemLinks[0]!.taskId).toBe(record.items[0]!.id);
    // Without that statement neither document is nearer: the task links to both.
    const unstated = { ...record, citations: record.citations.filter((c) => c.from === record.document.id) };
    const both = await linkRecord(unstated, { candidates: [directive(kh245, '1'), directive(kl69, '2')], implementsEdges: [] }, lexicalSimilarity);
    expect(both.itemLinks.map((l) => l.directiveId).sort()).toEqual([`${kh245.id}#1`, `${kl69.id}#2`].sort());
  });
});
