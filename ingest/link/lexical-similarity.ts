import { matchKey } from '../../core/vn-text.js';
import type { TextSimilarity } from './similarity.js';

/**
 * Tone-folded syllables and syllable bigrams, TF-IDF weighted over the texts being compared,
 * cosine-scored. Vietnamese words are mostly two syllables ("khởi nghiệp"), so bigrams carry
 * the word-level signal that single syllables ("khởi", "nghiệp") lose.
 */
export function syllableTerms(text: string): string[] {
  const syllables = matchKey(text).split(/[^a-z0-9]+/).filter((s) => s.length > 0);
  const terms = [...syllables];
  for (let i = 0; i + 1 < syllables.length; i++) terms.push(`${syllables[i]}_${syllables[i + 1]}`);
  return terms;
}

type Vector = Map<string, number>;

function tfidf(docs: string[][], idf: Map<string, number>): Vector[] {
  return docs.map((terms) => {
    const v: Vector = new Map();
    for (const t of terms) v.set(t, (v.get(t) ?? 0) + 1);
    let norm = 0;
    for (const [t, tf] of v) {
      const w = (1 + Math.log(tf)) * (idf.get(t) ?? 0);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return dot;
}

export const lexicalSimilarity: TextSimilarity = {
  name: 'lexical-tfidf',
  async matrix(left, right) {
    const l = left.map(syllableTerms);
    const r = right.map(syllableTerms);
    const df = new Map<string, number>();
    for (const terms of [...l, ...r]) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
    const n = l.length + r.length;
    const idf = new Map([...df].map(([t, d]) => [t, Math.log(1 + n / d)]));
    const lv = tfidf(l, idf);
    const rv = tfidf(r, idf);
    return lv.map((a) => rv.map((b) => cosine(a, b)));
  },
};
