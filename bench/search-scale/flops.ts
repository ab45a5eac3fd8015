/**
 * What the CPU can do, to judge the embedder against: a float32 MatMul run by ONNX Runtime (the
 * same runtime and thread settings as search/embedder.ts), its integer GEMM (MatMulInteger, uint8 ·
 * int8, what the int8 model's DynamicQuantizeMatMul multiplies with) and a plain Float32Array loop;
 * and the arithmetic of a 12-layer, 384-wide encoder per sequence.
 *
 * The ONNX model (one MatMul of two graph inputs) is written here byte by byte: onnx is a
 * protobuf, and this one needs a dozen fields.
 */
import os from 'node:os';
import ort from 'onnxruntime-node';

// ------------------------------------------------------------------ a tiny protobuf writer ----

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}
const tag = (field: number, wire: number) => varint(field * 8 + wire);
const int = (field: number, n: number) => [...tag(field, 0), ...varint(n)];
const bytes = (field: number, b: number[]) => [...tag(field, 2), ...varint(b.length), ...b];
const str = (field: number, s: string) => bytes(field, [...Buffer.from(s, 'utf8')]);

/** TensorProto.DataType of the element types used here. */
const ELEM = { float32: 1, uint8: 2, int8: 3, int32: 6 } as const;

/** ValueInfoProto of a tensor of the given element type and shape. */
function valueInfo(name: string, shape: number[], elem: keyof typeof ELEM): number[] {
  const dims = shape.flatMap((d) => bytes(1, int(1, d))); // TensorShapeProto.dim { dim_value }
  const tensorType = [...int(1, ELEM[elem]), ...bytes(2, dims)];
  return [...str(1, name), ...bytes(2, bytes(1, tensorType))];
}

/** What a matmul multiplies: float32, or uint8 · int8 into int32. */
export type Arithmetic = 'float32' | 'int8';

/** ModelProto: Y = A · B with A [m, k], B [k, n], opset 17 (MatMul, or MatMulInteger for int8). */
export function matmulModel(m: number, k: number, n: number, arithmetic: Arithmetic = 'float32'): Uint8Array {
  const integer = arithmetic === 'int8';
  const node = [...str(1, 'A'), ...str(1, 'B'), ...str(2, 'Y'), ...str(3, 'mm'), ...str(4, integer ? 'MatMulInteger' : 'MatMul')];
  const graph = [
    ...bytes(1, node),
    ...str(2, 'matmul'),
    ...bytes(11, valueInfo('A', [m, k], integer ? 'uint8' : 'float32')),
    ...bytes(11, valueInfo('B', [k, n], integer ? 'int8' : 'float32')),
    ...bytes(12, valueInfo('Y', [m, n], integer ? 'int32' : 'float32')),
  ];
  const opset = [...str(1, ''), ...int(2, 17)];
  return Uint8Array.from([...int(1, 8 /* ir_version */), ...str(2, 'bench'), ...bytes(7, graph), ...bytes(8, opset)]);
}

// ------------------------------------------------------------------------ measurements ----

export interface MatmulResult {
  shape: string;
  threads: number;
  gflops: number;
}

function randomFloats(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5;
  return a;
}

function randomBytes<T extends Uint8Array | Int8Array>(a: T): T {
  for (let i = 0; i < a.length; i++) a[i] = Math.floor(Math.random() * 256);
  return a;
}

/** Best GFLOP/s (integer: GOP/s) of `m×k · k×n` over runs lasting about `seconds`. */
export async function ortMatmul(m: number, k: number, n: number, threads: number, seconds = 1.5, arithmetic: Arithmetic = 'float32'): Promise<MatmulResult> {
  const session = await ort.InferenceSession.create(matmulModel(m, k, n, arithmetic), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // The embedder's setting (spinning off): what this machine gives the embedder.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
  try {
    const feeds =
      arithmetic === 'int8'
        ? { A: new ort.Tensor('uint8', randomBytes(new Uint8Array(m * k)), [m, k]), B: new ort.Tensor('int8', randomBytes(new Int8Array(k * n)), [k, n]) }
        : { A: new ort.Tensor('float32', randomFloats(m * k), [m, k]), B: new ort.Tensor('float32', randomFloats(k * n), [k, n]) };
    for (let i = 0; i < 3; i++) await session.run(feeds); // warm-up
    const flop = 2 * m * k * n;
    let best = Infinity;
    const until = performance.now() + seconds * 1000;
    // Median of short blocks resists a neighbour's burst better than the mean.
    const blocks: number[] = [];
    while (performance.now() < until || blocks.length < 5) {
      const reps = 5;
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) await session.run(feeds);
      const per = (performance.now() - t0) / reps;
      blocks.push(per);
      best = Math.min(best, per);
      if (blocks.length > 200) break;
    }
    return { shape: `${m}×${k}·${k}×${n}`, threads, gflops: flop / (best / 1000) / 1e9 };
  } finally {
    await session.release();
  }
}

/** A naive i-k-j Float32Array matmul, single-threaded JS: what plain code reaches. */
export function jsMatmul(m = 128, k = 384, n = 384): MatmulResult {
  const a = randomFloats(m * k);
  const b = randomFloats(k * n);
  const c = new Float32Array(m * n);
  const run = () => {
    c.fill(0);
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      for (let p = 0; p < k; p++) {
        const av = a[i * k + p]!;
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j]! += av * b[bp + j]!;
      }
    }
  };
  run();
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return { shape: `${m}×${k}·${k}×${n}`, threads: 1, gflops: (2 * m * k * n) / (best / 1000) / 1e9 };
}

/** The best matmul of the encoder's shapes on one core and on all, by ONNX Runtime (and the JS loop for float32). */
export async function machineMatmul(arithmetic: Arithmetic = 'float32'): Promise<{ results: MatmulResult[]; bestAllCores: number; bestOneCore: number }> {
  const cores = os.availableParallelism();
  const shapes: [number, number, number][] = [
    [512, 384, 1536], // FFN up-projection of 16 sequences × 32 tokens
    [512, 1536, 384], // FFN down-projection
    [512, 384, 384], // attention projections
  ];
  const results: MatmulResult[] = [];
  for (const threads of [...new Set([1, cores])]) {
    for (const [m, k, n] of shapes) results.push(await ortMatmul(m, k, n, threads, 1.5, arithmetic));
  }
  const ortOnly = [...results];
  if (arithmetic === 'float32') results.push(jsMatmul());
  return {
    results,
    bestAllCores: Math.max(...ortOnly.filter((r) => r.threads === cores).map((r) => r.gflops)),
    bestOneCore: Math.max(...ortOnly.filter((r) => r.threads === 1).map((r) => r.gflops)),
  };
}

// ------------------------------------------------------------------ the encoder's arithmetic ----

export interface EncoderShape {
  layers: number;
  hidden: number;
  intermediate: number;
}

export const E5_SMALL: EncoderShape = { layers: 12, hidden: 384, intermediate: 1536 };

/** Weights of the encoder layers (embedding tables excluded: a lookup costs no FLOPs). */
export function layerParams(s: EncoderShape = E5_SMALL): number {
  const d = s.hidden;
  return s.layers * (4 * d * d + 2 * d * s.intermediate);
}

/**
 * FLOPs of one sequence of `len` tokens: 2 per weight per token in the projections and the
 * feed-forward, plus QKᵀ and attention·V (2·len²·d each per layer). Biases, LayerNorm, GELU and
 * softmax are left out (a few % at these lengths).
 */
export function sequenceFlops(len: number, s: EncoderShape = E5_SMALL): number {
  return 2 * layerParams(s) * len + s.layers * 4 * len * len * s.hidden;
}
