/**
 * Fusing two ranked lists into one. Reciprocal rank fusion needs no score calibration between
 * Lucene's BM25 (unbounded) and cosine similarity (0..1), which is why it is the default; the
 * weighted variants exist so bench/relevance.ts can measure them against it.
 */

export interface Ranked {
  id: string;
  score: number;
}

export interface Fused {
  id: string;
  score: number;
  vectorScore: number | null;
  lexicalScore: number | null;
}

export interface FuseOptions {
  /** RRF's rank constant: larger flattens the head of each list. */
  k?: number;
  /** Weight of the vector list (the lexical one weighs 1 − this). */
  vectorWeight?: number;
  /**
   * Score fusion: the smallest cosine spread min-max normalisation stretches to 0..1. For a
   * short query e5's similarities to every item can lie within 0.02 of each other: stretching
   * that to 0..1 turns noise into half of the fused score.
   */
  vectorMinSpread?: number;
  /**
   * Score fusion: cosines of lexical candidates the vector side's top k missed. They are
   * normalised like the list (clipped at 0), so a candidate is judged on both sides rather than
   * falling off a cliff at rank k + 1 of a list whose scores barely differ.
   */
  vectorExtra?: Ranked[];
}

export const RRF_K = 60;

/** Σ w / (k + rank) over the lists an item appears in, rank from 1. */
export function reciprocalRankFusion(vector: Ranked[], lexical: Ranked[], opts: FuseOptions = {}): Fused[] {
  const k = opts.k ?? RRF_K;
  const wv = opts.vectorWeight ?? 0.5;
  const out = new Map<string, Fused>();
  const entry = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { id, score: 0, vectorScore: null, lexicalScore: null }));
    return e;
  };
  vector.forEach((h, i) => {
    const e = entry(h.id);
    e.score += (2 * wv) / (k + i + 1);
    e.vectorScore = h.score;
  });
  lexical.forEach((h, i) => {
    const e = entry(h.id);
    e.score += (2 * (1 - wv)) / (k + i + 1);
    e.lexicalScore = h.score;
  });
  return sortFused([...out.values()]);
}

/**
 * Convex combination of min-max normalised scores (missing = 0): keeps how far apart the scores
 * are, which ranks throw away.
 */
export function scoreFusion(vector: Ranked[], lexical: Ranked[], opts: FuseOptions = {}): Fused[] {
  const wv = opts.vectorWeight ?? 0.5;
  const norm = (xs: Ranked[], minSpread = 0) => {
    const max = Math.max(...xs.map((x) => x.score));
    const min = Math.min(...xs.map((x) => x.score));
    const spread = Math.max(max - min, minSpread);
    return (s: number) => (spread > 0 ? (s - (max - spread)) / spread : 1);
  };
  const nv = norm(vector, opts.vectorMinSpread);
  const nl = norm(lexical);
  const out = new Map<string, Fused>();
  const entry = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { id, score: 0, vectorScore: null, lexicalScore: null }));
    return e;
  };
  for (const h of vector) {
    const e = entry(h.id);
    e.score += wv * nv(h.score);
    e.vectorScore = h.score;
  }

  for (const h of opts.vectorExtra ?? []) {
    const e = entry(h.id);
    if (e.vectorScore !== null) continue;
    e.score += wv * Math.max(0, nv(h.score));
    e.vectorScore = h.score;
  }
  for (const h of lexical) {
    const e = entry(h.id);
    e.score += (1 - wv) * nl(h.score);
    e.lexicalScore = h.score;
  }
  return sortFused([...out.values()]);
}

function sortFused(xs: Fused[]): Fused[] {
  return xs.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
