/**
 * What a score means to a reader: the probability that a hit is relevant, from a logistic model
 * over signals that keep their meaning from one query to the next (a cosine, the share of the
 * query's words an item has, …), fit on judged sets by bench/relevance.ts. Staff see it as a
 * word, never as a number: a fused score of 0.48 says nothing, "liên quan" does.
 */
import type { Match, MatchLevel } from '../api-schema/search.js';

export type { Match, MatchLevel } from '../api-schema/search.js';

/** P(relevant) = σ(bias + Σ weights[i] · features[i]). */
export interface Logistic {
  bias: number;
  weights: readonly number[];
}

export function probability(model: Logistic, features: readonly number[]): number {
  let z = model.bias;
  model.weights.forEach((w, i) => (z += w * (features[i] ?? 0)));
  return 1 / (1 + Math.exp(-z));
}

/** Lowest probability of each level, best first; below the last, a hit is not shown at all. */
export interface Levels {
  strong: number;
  related: number;
  partial: number;
}

export function matchOf(p: number, levels: Levels): Match | null {
  const level: MatchLevel | null = p >= levels.strong ? 'strong' : p >= levels.related ? 'related' : p >= levels.partial ? 'partial' : null;
  return level ? { level, probability: p } : null;
}
