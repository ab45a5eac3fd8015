/**
 * Builds the product's HNSW index (search/index-store.ts VectorIndex, upsert after upsert as
 * search/sync.ts does) in a process of its own, so its resident-memory delta is not blurred by
 * what the parent allocated and freed before (models, throughput runs), and saves it.
 *
 *   node --import tsx bench/search-scale/build-index.ts <vectors.f32> <n> <dim> <index dir> <deadline epoch ms>
 *
 * Prints one JSON line: { buildSeconds, rssBeforeMiB, rssAfterMiB, saveSeconds }.
 */
import fs from 'node:fs';
import { VectorIndex } from '../../search/index-store.js';
import { taskId } from './corpus.js';
import { fullGc, rssMiB } from './stats.js';

const [file, nArg, dimArg, dir, deadlineArg] = process.argv.slice(2);
const n = Number(nArg);
const dim = Number(dimArg);
const deadline = Number(deadlineArg);
const buf = fs.readFileSync(file!);
const matrix = new Float32Array(buf.buffer, buf.byteOffset, n * dim);
const ids = Array.from({ length: n }, (_, i) => taskId(i));
// Keep the vectors alive until after the last RSS reading: V8 may free a module-level buffer
// after its last use, which would hide the index's own growth behind the 150 MB it releases.
(globalThis as { benchKeepAlive?: unknown }).benchKeepAlive = buf;

fullGc();
const rssBeforeMiB = rssMiB();
const index = VectorIndex.empty(dir!, dim);
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  index.upsert(ids[i]!, matrix.subarray(i * dim, (i + 1) * dim));
  if ((i + 1) % 1000 === 0 && Date.now() > deadline) {
    console.error('build-index: time budget spent');
    process.exit(3);
  }
  if ((i + 1) % 25_000 === 0) console.error(`  hnsw: ${i + 1} inserted, ${((i + 1) / ((performance.now() - t0) / 1000)).toFixed(0)}/s`);
}
const buildSeconds = (performance.now() - t0) / 1000;
fullGc();
const rssAfterMiB = rssMiB();
const t1 = performance.now();
index.save();
const saveSeconds = (performance.now() - t1) / 1000;
console.log(JSON.stringify({ buildSeconds, rssBeforeMiB, rssAfterMiB, saveSeconds }));
