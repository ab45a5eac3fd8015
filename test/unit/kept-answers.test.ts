/**
 * Answers kept while the graph stands where it stood (server/queries/kept-answers.ts). Where the
 * graph stands is given here by a counter; on the real stack it is Neo4j's own
 * (graph-store/graph-version.ts, test/stack/api-kept-answers.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { KeptAnswers } from '../../server/queries/kept-answers.js';

function graph() {
  let commits = 0;
  let down = false;
  return {
    version: async () => {
      if (down) throw new Error('the database did not answer a read within 4000 ms');
      return `v${commits}`;
    },
    commit: () => commits++,
    freeze: () => (down = true),
  };
}

const counting = () => {
  let calls = 0;
  return { load: async () => ++calls, calls: () => calls };
};

describe('KeptAnswers', () => {
  it('reads once for concurrent and later requests, and again once the graph has moved', async () => {
    const g = graph();
    const kept = new KeptAnswers<number>(g.version);
    const c = counting();
    expect(await Promise.all([kept.get('k', c.load), kept.get('k', c.load)])).toEqual([1, 1]);
    expect(await kept.get('k', c.load)).toBe(1);
    g.commit();
    expect(await kept.get('k', c.load)).toBe(2);
    expect(await kept.get('k', c.load)).toBe(2);
    expect(c.calls()).toBe(2);
  });

  it('keeps answers apart by key', async () => {
    const kept = new KeptAnswers<string>(graph().version);
    expect(await kept.get('a', async () => 'A')).toBe('A');
    expect(await kept.get('b', async () => 'B')).toBe('B');
    expect(await kept.get('a', async () => 'other')).toBe('A');
  });

  it('does not keep a failed read', async () => {
    const kept = new KeptAnswers<number>(graph().version);
    await expect(kept.get('k', async () => Promise.reject(new Error('deadline')))).rejects.toThrow('deadline');
    expect(await kept.get('k', async () => 7)).toBe(7);
  });

  it('serves nothing from memory when the database does not answer', async () => {
    const g = graph();
    const kept = new KeptAnswers<string>(g.version);
    await kept.get('k', async () => 'kept');
    g.freeze();
    await expect(kept.get('k', async () => 'fresh')).rejects.toThrow(/did not answer/);
  });

  it('holds at most its number of entries, dropping the oldest', async () => {
    const kept = new KeptAnswers<string>(graph().version, 2);
    await kept.get('a', async () => 'A');
    await kept.get('b', async () => 'B');
    await kept.get('c', async () => 'C');
    expect(await kept.get('a', async () => 'A again')).toBe('A again');
    expect(await kept.get('c', async () => 'C again')).toBe('C');
  });
});
