/**
 * The arithmetic ceiling for a set of texts, as bench/search-scale/throughput.ts computes it: the
 * texts' token lengths sorted and cut into runs of 16 (the embedder's best case, padding to the
 * longest of each run), e5-small's FLOPs for a sequence of the mean padded length, at the best
 * float32 matmul speed measured on this machine.
 */
import { sequenceFlops } from '../search-scale/flops.js';

export const CEILING_RUN = 16;

export interface Accounting {
  meanTokens: number;
  /** Per text, with each run of 16 padded to its longest. */
  meanPaddedTokens: number;
}

/** Pure: the token accounting of texts of these lengths, embedded shortest first in runs of `run`. */
export function accounting(lengths: number[], run = CEILING_RUN): Accounting {
  const sorted = [...lengths].sort((a, b) => a - b);
  let padded = 0;
  for (let s = 0; s < sorted.length; s += run) {
    const b = sorted.slice(s, s + run);
    padded += b[b.length - 1]! * b.length;
  }
  return { meanTokens: sorted.reduce((a, b) => a + b, 0) / sorted.length, meanPaddedTokens: padded / sorted.length };
}

/** Texts a second at `gflops` for texts of this accounting (throughput.ts: one mean-length sequence per text). */
export function ceilingTextsPerSecond(gflops: number, acc: Accounting): number {
  return (gflops * 1e9) / sequenceFlops(Math.round(acc.meanPaddedTokens));
}

/**
 * Pure: the mean padded length when texts go as the sync sends them: shortest first by
 * characters, calls of `callSize`, each call sorted by tokens and run `run` at a time.
 */
export function syncPaddedTokens(texts: string[], tokens: number[], callSize: number, run = CEILING_RUN): number {
  const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
  let padded = 0;
  for (let s = 0; s < order.length; s += callSize) {
    const call = order.slice(s, s + callSize).map((i) => tokens[i]!).sort((a, b) => a - b);
    for (let r = 0; r < call.length; r += run) {
      const b = call.slice(r, r + run);
      padded += b[b.length - 1]! * b.length;
    }
  }
  return padded / texts.length;
}
