/**
 * Fits a logistic model (search/calibration.ts) to judged examples by Newton's method on the
 * log-loss with a small ridge penalty (features standardised first, weights returned on the raw
 * scale). A few thousand examples and a handful of features: a dozen steps of a 5×5 solve, so
 * bench/relevance.ts can refit once per left-out source without a dependency.
 */
import type { Logistic } from '../calibration.js';

export interface FitOptions {
  /** Ridge penalty on the standardised weights (not the bias), per example. */
  l2?: number;
  iterations?: number;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A small and well conditioned). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

export function fitLogistic(features: readonly (readonly number[])[], labels: readonly boolean[], opts: FitOptions = {}): Logistic {
  const { l2 = 1e-3, iterations = 25 } = opts;
  const n = features.length;
  const d = features[0]?.length ?? 0;
  if (n === 0) return { bias: 0, weights: new Array<number>(d).fill(0) };
  const mean = Array.from({ length: d }, (_, j) => features.reduce((s, x) => s + x[j]!, 0) / n);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(features.reduce((s, x) => s + (x[j]! - mean[j]!) ** 2, 0) / n) || 1);
  // Column 0 is the bias.
  const z = features.map((x) => [1, ...x.map((v, j) => (v - mean[j]!) / sd[j]!)]);
  let w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    z.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, j) => s + v * w[j]!, 0)));
      const e = (labels[i] ? 1 : 0) - p;
      const q = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j <= d; j++) {
        grad[j]! += e * x[j]!;
        for (let k = 0; k <= d; k++) hess[j]![k]! += q * x[j]! * x[k]!;
      }
    });
    for (let j = 1; j <= d; j++) {
      grad[j]! -= n * l2 * w[j]!;
      hess[j]![j]! += n * l2;
    }
    const step = solve(hess, grad);
    w = w.map((v, j) => v + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  const weights = w.slice(1).map((v, j) => v / sd[j]!);
  return { bias: w[0]! - w.slice(1).reduce((s, v, j) => s + (v * mean[j]!) / sd[j]!, 0), weights };
}
