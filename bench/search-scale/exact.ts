/**
 * Ground truth: the exact top k by cosine over every vector (all are unit length, so cosine is the
 * dot product), accumulated in float64, and recall of an approximate answer against it.
 */

export interface Exact {
  /** Row indices, best first. */
  ids: Int32Array;
  scores: Float64Array;
}

export function exactTopK(matrix: Float32Array, n: number, dim: number, q: Float32Array, k: number): Exact {
  const ids = new Int32Array(k).fill(-1);
  const scores = new Float64Array(k).fill(-Infinity);
  for (let r = 0; r < n; r++) {
    const base = r * dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let d = 0; d < dim; d += 4) {
      s0 += matrix[base + d]! * q[d]!;
      s1 += matrix[base + d + 1]! * q[d + 1]!;
      s2 += matrix[base + d + 2]! * q[d + 2]!;
      s3 += matrix[base + d + 3]! * q[d + 3]!;
    }
    const s = s0 + s1 + s2 + s3;
    if (s <= scores[k - 1]!) continue;
    let i = k - 1;
    while (i > 0 && scores[i - 1]! < s) {
      scores[i] = scores[i - 1]!;
      ids[i] = ids[i - 1]!;
      i--;
    }
    scores[i] = s;
    ids[i] = r;
  }
  return { ids, scores };
}

/** Cosine of row r and q (for the tie-tolerant recall). */
export function dot(matrix: Float32Array, r: number, dim: number, q: Float32Array): number {
  let s = 0;
  for (let d = 0; d < dim; d++) s += matrix[r * dim + d]! * q[d]!;
  return s;
}

export interface RecallOptions {
  /**
   * Also count a returned row whose exact cosine is within this of the k-th exact score (a tie
   * the float32 arithmetic of an index may break the other way). 0: standard recall only.
   */
  tolerance: number;
  matrix: Float32Array;
  dim: number;
  query: Float32Array;
}

/** |found ∩ exact| / k, and the tie-tolerant variant. */
export function recallAt(found: ArrayLike<number>, exact: Exact, k: number, opts: RecallOptions): { strict: number; tolerant: number } {
  const truth = new Set(Array.from(exact.ids.subarray(0, k)));
  const kth = exact.scores[k - 1]!;
  let strict = 0;
  let tolerant = 0;
  const seen = new Set<number>();
  for (let i = 0; i < Math.min(k, found.length); i++) {
    const r = found[i]!;
    if (seen.has(r)) continue;
    seen.add(r);
    if (truth.has(r)) {
      strict++;
      tolerant++;
    } else if (opts.tolerance > 0 && dot(opts.matrix, r, opts.dim, opts.query) >= kth - opts.tolerance) tolerant++;
  }
  return { strict: strict / k, tolerant: tolerant / k };
}
