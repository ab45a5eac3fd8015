/**
 * The vector index saves a sync's changes by appending them to its journal and reads snapshot +
 * journal back as the same index; a journal cut short by a crash, or left over from an older
 * snapshot, never corrupts what is loaded. Real hnswlib files in a temporary directory.
 */
import fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VectorIndex } from '../../search/index-store.js';
import { seededVector } from '../helpers/seeded-vector.js';

const DIM = 16;
let dir: string;

const vec = (n: number) => seededVector(n, DIM);

const idOf = (n: number) => `vn/doc-${n % 7}#${n}`;
const open = () => VectorIndex.open(dir, DIM);
const nearest = (ix: VectorIndex, n: number) => ix.search(vec(n), 5).map((h) => h.id);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'index-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function seeded(count: number): VectorIndex {
  const ix = VectorIndex.empty(dir, DIM);
  for (let n = 0; n < count; n++) ix.upsert(idOf(n), vec(n));
  expect(ix.save()).toBe('snapshot');
  return ix;
}

describe('the index journal', () => {
  it('appends a small change instead of rewriting the snapshot, and reads back the same index', () => {
    const ix = seeded(300);
    const files = VectorIndex.files(dir);
    const snapshotMtime = fs.statSync(files.index).mtimeMs;
    for (let n = 300; n < 320; n++) ix.upsert(idOf(n), vec(n));
    for (let n = 0; n < 10; n++) ix.remove(idOf(n));
    ix.upsert(idOf(50), vec(5050));
    expect(ix.save()).toBe('journal');
    expect(fs.statSync(files.index).mtimeMs).toBe(snapshotMtime);
    expect(ix.save()).toBeNull();

    const { index: back, status } = open();
    expect(status).toEqual({ state: 'loaded' });
    expect(new Set(back.ids())).toEqual(new Set(ix.ids()));
    expect(back.size).toBe(310);
    expect(back.has(idOf(3))).toBe(false);
    expect(back.fingerprintOf(idOf(50))).toBe(ix.fingerprintOf(idOf(50)));
    for (const n of [5050, 311, 42]) expect(nearest(back, n)).toEqual(nearest(ix, n));
  });

  it('loads what was written before a torn last record and appends after it', () => {
    const ix = seeded(100);
    ix.upsert(idOf(100), vec(100));
    ix.save();
    ix.upsert(idOf(101), vec(101));
    ix.save();
    const { journal } = VectorIndex.files(dir);
    const bytes = fs.readFileSync(journal);
    fs.writeFileSync(journal, bytes.subarray(0, bytes.length - 40));

    const back = open().index;
    expect(back.has(idOf(100))).toBe(true);
    expect(back.has(idOf(101))).toBe(false);
    back.upsert(idOf(102), vec(102));
    expect(back.save()).toBe('journal');
    const again = open().index;
    expect([idOf(100), idOf(101), idOf(102)].map((id) => again.has(id))).toEqual([true, false, true]);
    expect(again.size).toBe(102);
  });

  it('ignores a journal left over from an older snapshot', () => {
    const ix = seeded(100);
    ix.remove(idOf(1));
    ix.save();
    const { journal } = VectorIndex.files(dir);
    const stale = fs.readFileSync(journal);
    ix.clear();
    for (let n = 0; n < 100; n++) ix.upsert(idOf(n), vec(n));
    expect(ix.save()).toBe('snapshot');
    expect(fs.existsSync(journal)).toBe(false);
    // A crash between writing the new snapshot and removing the journal leaves this behind.
    fs.writeFileSync(journal, stale);
    const back = open().index;
    expect(back.has(idOf(1))).toBe(true);
    expect(back.size).toBe(100);
  });

  it('folds a long journal into a new snapshot', () => {
    const ix = seeded(50);
    let mode: string | null = null;
    for (let round = 0; round < 30 && mode !== 'snapshot'; round++) {
      for (let n = 0; n < 100; n++) ix.upsert(idOf(1000 + round * 100 + n), vec(round * 100 + n));
      mode = ix.save();
    }
    expect(mode).toBe('snapshot');
    expect(fs.existsSync(VectorIndex.files(dir).journal)).toBe(false);
    expect(open().index.size).toBe(ix.size);
  });

  it('takes only the new records when another process appended to the journal', () => {
    const ix = seeded(100);
    const other = open().index;
    other.upsert(idOf(200), vec(200));
    other.remove(idOf(7));
    expect(other.save()).toBe('journal');
    expect(ix.reloadIfChangedOnDisk()).toBe(true);
    expect(ix.has(idOf(200))).toBe(true);
    expect(ix.has(idOf(7))).toBe(false);
    expect(nearest(ix, 200)).toEqual(nearest(other, 200));
    // And the other way round, the first one's journal continuing the same file.
    ix.upsert(idOf(201), vec(201));
    expect(ix.save()).toBe('journal');
    expect(other.reloadIfChangedOnDisk()).toBe(true);
    expect(other.has(idOf(201))).toBe(true);
    // 100, one added and one removed by the other, one added by the first.
    expect(open().index.size).toBe(101);
  });
});
