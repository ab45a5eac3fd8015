/**
 * Answers kept while the graph stands where it stood (server/queries/kept-answers.ts). Where the
 * graph stands is given here by a counter; on the real stack it is Neo4j's own
 * (graph-store/graph-version.ts, test/stack/api-kept-answers.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { KeptAnswers } from '../../server/queries/kept-answers.js';

/** A graph whose commits come from this process (`write`) or another (`commit`). */
function graph() {
  let commits = 0;
  let writes = 0;
  let reads = 0;
  let down = false;
  return {
    version: async () => {
      reads++;
      if (down) throw new Error('the database did not answer a read within 4000 ms');
      return `v${commits}`;
    },
    writesEnded: () => writes,
    commit: () => commits++,
    write: () => {
      commits++;
      writes++;
    },
    versionReads: () => reads,
    freeze: () => (down = true),
  };
}

const keptOn = <T>(g: ReturnType<typeof graph>, max?: number) => new KeptAnswers<T>(g.version, g.writesEnded, max);

/** A load that ends when told to. */
function pending<T>(value: T) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  return { load: async () => (calls++, await gate, value), release, calls: () => calls };
}

const counting = () => {
  let calls = 0;
  return { load: async () => ++calls, calls: () => calls };
};

describe('KeptAnswers', () => {
  it('reads once for concurrent and later requests, and again once the graph has moved', async () => {
    const g = graph();
    const kept = keptOn<number>(g);
    const c = counting();
    expect(await Promise.all([kept.get('k', c.load), kept.get('k', c.load)])).toEqual([1, 1]);
    expect(await kept.get('k', c.load)).toBe(1);
    g.commit();
    expect(await kept.get('k', c.load)).toBe(2);
    expect(await kept.get('k', c.load)).toBe(2);
    expect(c.calls()).toBe(2);
  });

  it('keeps answers apart by key', async () => {
    const kept = keptOn<string>(graph());
    expect(await kept.get('a', async () => 'A')).toBe('A');
    expect(await kept.get('b', async () => 'B')).toBe('B');
    expect(await kept.get('a', async () => 'other')).toBe('A');
  });

  it('does not keep a failed read', async () => {
    const kept = keptOn<number>(graph());
    await expect(kept.get('k', async () => Promise.reject(new Error('deadline')))).rejects.toThrow('deadline');
    expect(await kept.get('k', async () => 7)).toBe(7);
  });

  it('serves nothing from memory when the database does not answer', async () => {
    const g = graph();
    const kept = keptOn<string>(g);
    await kept.get('k', async () => 'kept');
    g.freeze();
    await expect(kept.get('k', async () => 'fresh')).rejects.toThrow(/did not answer/);
  });

  it('holds at most its number of entries, dropping the oldest', async () => {
    const kept = keptOn<string>(graph(), 2);
    await kept.get('a', async () => 'A');
    await kept.get('b', async () => 'B');
    await kept.get('c', async () => 'C');
    expect(await kept.get('a', async () => 'A again')).toBe('A again');
    expect(await kept.get('c', async () => 'C again')).toBe('C');
  });

  it('shares one read of where the graph stands among concurrent requests', async () => {
    const g = graph();
    const kept = keptOn<string>(g);
    await kept.get('k', async () => 'A');
    const before = g.versionReads();
    await Promise.all([kept.get('k', async () => 'B'), kept.get('k', async () => 'B'), kept.get('other', async () => 'C')]);
    expect(g.versionReads() - before).toBe(1);
  });

  it("shares a read under way though another process committed since, but not once this process's write has ended", async () => {
    const g = graph();
    const kept = keptOn<string>(g);
    const first = pending('read before');
    const a = kept.get('k', first.load);
    await Promise.resolve();
    g.commit(); // another process
    const b = kept.get('k', async () => 'not read');
    first.release();
    expect(await Promise.all([a, b])).toEqual(['read before', 'read before']);
    expect(first.calls()).toBe(1);

    g.commit();
    const second = pending('read before the upload');
    const c = kept.get('k', second.load);
    await new Promise((r) => setTimeout(r, 0));
    g.write(); // an upload through this server ends while that read runs
    const d = kept.get('k', async () => 'read after the upload');
    second.release();
    expect(await c).toBe('read before the upload');
    expect(await d).toBe('read after the upload');
  });

  it('runs one read of an answer at a time, then one for every request that must see a later write', async () => {
    const g = graph();
    const kept = keptOn<string>(g);
    const first = pending('first');
    const a = kept.get('k', first.load);
    await new Promise((r) => setTimeout(r, 0));
    g.write();
    const second = pending('second');
    const b = kept.get('k', second.load);
    const c = kept.get('k', second.load);
    await new Promise((r) => setTimeout(r, 0));
    // The second read waits for the first to end.
    expect(second.calls()).toBe(0);
    first.release();
    second.release();
    expect(await Promise.all([a, b, c])).toEqual(['first', 'second', 'second']);
    expect(second.calls()).toBe(1);
  });

  it('serves the last answer, flagged stale, to the requests of a read that failed while the database answered', async () => {
    const g = graph();
    const kept = keptOn<string>(g);
    expect(await kept.answer('k', async () => 'v0')).toEqual({ value: 'v0', stale: false });
    g.write();
    const failing = async () => Promise.reject(new Error('the database did not answer a read within 30000 ms'));
    const shared = await Promise.all([kept.answer('k', failing), kept.answer('k', failing)]);
    expect(shared).toEqual([
      { value: 'v0', stale: true },
      { value: 'v0', stale: true },
    ]);
    // Not kept as the answer of the graph as it stands: the next request reads again.
    expect(await kept.answer('k', async () => 'v1')).toEqual({ value: 'v1', stale: false });
    // And the stale one is the latest read: v1 from now on.
    g.write();
    expect(await kept.answer('k', failing)).toEqual({ value: 'v1', stale: true });
  });

  it('has no last answer to serve for a key never read, nor once the database stops answering', async () => {
    const g = graph();
    const kept = keptOn<string>(g);
    await kept.get('a', async () => 'A');
    await expect(kept.answer('b', async () => Promise.reject(new Error('deadline')))).rejects.toThrow('deadline');
    g.freeze();
    await expect(kept.answer('a', async () => 'A2')).rejects.toThrow(/did not answer/);
  });
});
