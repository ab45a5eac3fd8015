import { describe, expect, it } from 'vitest';
import { batchCalls } from '../../search/batch-calls.js';

/** A run that doubles numbers after a turn of the event loop, recording each batch it was given. */
function doubling(fail?: (n: number) => boolean) {
  const batches: number[][] = [];
  const run = async (xs: number[]) => {
    batches.push(xs);
    await new Promise((r) => setTimeout(r, 5));
    if (fail && xs.some(fail)) throw new Error(`cannot read ${xs.filter(fail).join(',')}`);
    return xs.map((x) => 2 * x);
  };
  return { batches, run };
}

describe('batchCalls', () => {
  it('sends a lone call at once, and the calls that arrive meanwhile together next', async () => {
    const { batches, run } = doubling();
    const call = batchCalls(run, 3);
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((x) => call(x)));
    expect(results).toEqual([2, 4, 6, 8, 10, 12]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    expect(await call(7)).toBe(14);
    expect(batches.at(-1)).toEqual([7]);
  });

  it('fails only the call whose input fails, trying the others of its batch alone', async () => {
    const { batches, run } = doubling((x) => x === 3);
    const call = batchCalls(run, 4);
    const settled = await Promise.allSettled([1, 2, 3, 4].map((x) => call(x)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed'))).toEqual([2, 4, 'failed', 8]);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    expect((settled[2] as PromiseRejectedResult).reason.message).toBe('cannot read 3');
  });
});
