/**
 * The vector index reads its items' vectors out of hnswlib's saved file (search/hnsw-file.ts) and
 * keeps them in slots (search/vector-slots.ts) rather than asking hnswlib per item. Real hnswlib
 * files in a temporary directory; what hnswlib's own getPoint returns is the reference, so a
 * changed file layout fails here.
 */
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHnswVectors } from '../../search/hnsw-file.js';
import { VectorIndex } from '../../search/index-store.js';
import { seededVector } from '../helpers/seeded-vector.js';

const DIM = 16;
let dir: string;

const vec = (n: number) => seededVector(n, DIM);

const unit = (v: number[]) => {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hnsw-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readHnswVectors', () => {
  it('reads every element of a saved index as hnswlib gives it, replaced deleted slots included', () => {
    const h = new hnswlib.HierarchicalNSW('cosine', DIM);
    h.initIndex({ maxElements: 300, m: 16, efConstruction: 100, randomSeed: 1, allowReplaceDeleted: true });
    for (let n = 0; n < 200; n++) h.addPoint(vec(n), n);
    for (let n = 0; n < 200; n += 3) h.markDelete(n);
    // Labels 200…249 take deleted elements' places.
    for (let n = 200; n < 250; n++) h.addPoint(vec(n), n, true);
    const file = join(dir, 'x.hnsw');
    h.writeIndexSync(file);
    const read = new Map<number, number[]>();
    expect(readHnswVectors(fs.readFileSync(file), DIM, (label, v) => read.set(label, Array.from(v)))).toBe(true);
    const live = Array.from({ length: 250 }, (_, n) => n).filter((n) => n >= 200 || n % 3 !== 0);
    for (const label of live) expect(read.get(label)).toEqual(Array.from(Float32Array.from(h.getPoint(label))));
    // Replaced slots hold the new label; labels deleted and not replaced may still be listed.
    expect(read.size).toBeLessThanOrEqual(200);
    for (let n = 200; n < 250; n++) expect(read.has(n)).toBe(true);
  });

  it('says no to bytes that are not an index of this dimension', () => {
    expect(readHnswVectors(Buffer.alloc(40), DIM, () => undefined)).toBe(false);
    const h = new hnswlib.HierarchicalNSW('cosine', DIM);
    h.initIndex({ maxElements: 10 });
    h.addPoint(vec(1), 1);
    const file = join(dir, 'y.hnsw');
    h.writeIndexSync(file);
    expect(readHnswVectors(fs.readFileSync(file), DIM * 8, () => undefined)).toBe(false);
    expect(readHnswVectors(fs.readFileSync(file).subarray(0, 120), DIM, () => undefined)).toBe(false);
  });
});

describe('the vector index keeps its vectors beside hnswlib', () => {
  it('gives the unit vector of each item after upserts, removals, a snapshot and a journal', () => {
    const ix = VectorIndex.empty(dir, DIM);
    for (let n = 0; n < 120; n++) ix.upsert(`i${n}`, vec(n));
    for (let n = 0; n < 120; n += 4) ix.remove(`i${n}`);
    ix.upsert('i1', vec(1001));
    expect(ix.save()).toBe('snapshot');
    // Slots freed by removals are reused; the journal carries these.
    for (let n = 120; n < 140; n++) ix.upsert(`i${n}`, vec(n));
    ix.remove('i2');
    expect(ix.save()).toBe('journal');
    const { index, status } = VectorIndex.open(dir, DIM);
    expect(status.state).toBe('loaded');
    const want = (n: number) => unit(n === 1 ? vec(1001) : vec(n));
    for (const loaded of [ix, index]) {
      expect(loaded.size).toBe(120 - 30 + 20 - 1);
      expect(loaded.vectorOf('i4')).toBeNull();
      expect(loaded.vectorOf('i2')).toBeNull();
      for (const n of [1, 3, 5, 119, 120, 139]) {
        const got = Array.from(loaded.vectorOf(`i${n}`)!);
        want(n).forEach((x, d) => expect(got[d]).toBeCloseTo(x, 6));
      }
      const [hit] = loaded.similarities(vec(139), ['i139']);
      expect(hit!.score).toBeCloseTo(1, 6);
    }
  });
});
