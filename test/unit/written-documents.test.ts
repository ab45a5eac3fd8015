import { describe, expect, it } from 'vitest';
import { OVERLAP_MS, WrittenDocuments, type WrittenDocument } from '../../search/written-documents.js';

/** The stamps a graph holds, answered as documentsWrittenSince does. */
function graph(initial: WrittenDocument[]) {
  const docs = new Map(initial.map((d) => [d.id, d.writtenAt]));
  const asked: (number | null)[] = [];
  return {
    asked,
    write: (id: string, at: number) => docs.set(id, at),
    writtenSince: async (since: number | null) => {
      asked.push(since);
      return [...docs].filter(([, at]) => since === null || at >= since).map(([id, writtenAt]) => ({ id, writtenAt }));
    },
  };
}

describe('WrittenDocuments', () => {
  it('tells nothing before priming, then only what was written after it', async () => {
    const g = graph([{ id: 'a', writtenAt: 1_000 }, { id: 'b', writtenAt: 2_000 }]);
    const w = new WrittenDocuments(g.writtenSince);
    expect(await w.changed()).toEqual([]);
    expect(g.asked).toEqual([]);
    await w.prime();
    expect(w.primed).toBe(true);
    expect(await w.changed()).toEqual([]);
    g.write('a', 3_000);
    g.write('c', 3_500);
    expect((await w.changed()).sort()).toEqual(['a', 'c']);
    expect(await w.changed()).toEqual([]);
    // Each look reaches back behind the latest stamp seen.
    expect(g.asked.at(-1)).toBe(3_500 - OVERLAP_MS);
  });

  it('tells of a write stamped before the latest seen that became visible after it', async () => {
    const g = graph([{ id: 'a', writtenAt: 10_000 }]);
    const w = new WrittenDocuments(g.writtenSince);
    await w.prime();
    g.write('b', 20_000);
    expect(await w.changed()).toEqual(['b']);
    // A transaction stamped at 15 s commits only now.
    g.write('c', 15_000);
    expect(await w.changed()).toEqual(['c']);
  });

  it('primes on an empty graph and then tells of the first write', async () => {
    const g = graph([]);
    const w = new WrittenDocuments(g.writtenSince);
    await w.prime();
    g.write('a', 5);
    expect(await w.changed()).toEqual(['a']);
  });
});
