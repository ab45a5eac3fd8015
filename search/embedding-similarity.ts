import type { TextSimilarity } from '../ingest/link/similarity.js';
import { lexicalSimilarity } from '../ingest/link/lexical-similarity.js';
import { embedPassages } from './embedder.js';

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Cosine of e5 passage embeddings (unit vectors, so a dot product), for the task → directive
 * linker. e5 cosines of any two Vietnamese policy sentences sit around 0.8, so they are rescaled
 * from [floor, 1] to [0, 1] to share the lexical measure's threshold scale.
 */
export function embeddingSimilarity(floor = 0.8): TextSimilarity {
  return {
    name: 'e5-small',
    async matrix(left, right) {
      const vectors = await embedPassages([...left, ...right]);
      const l = vectors.slice(0, left.length);
      const r = vectors.slice(left.length);
      return l.map((a) => r.map((b) => Math.max(0, (dot(a, b) - floor) / (1 - floor))));
    },
  };
}

/** The mean of the lexical and embedding scores: words shared and meaning shared. */
export function blendedSimilarity(weight = 0.5): TextSimilarity {
  const semantic = embeddingSimilarity();
  return {
    name: `lexical+e5-${weight}`,
    async matrix(left, right) {
      const [lex, emb] = await Promise.all([lexicalSimilarity.matrix(left, right), semantic.matrix(left, right)]);
      return lex.map((row, i) => row.map((v, j) => (1 - weight) * v + weight * (emb[i]?.[j] ?? 0)));
    },
  };
}
