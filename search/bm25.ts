/**
 * An in-memory BM25 over tone-folded syllables and syllable pairs, the alternative lexical side
 * bench/relevance.ts measures against Neo4j's full-text index. It exists because Neo4j's
 * `standard-folding` analyzer drops English stop words, and folded Vietnamese collides with them:
 * "thể" → "the", "an" (an ninh), "tổ" → "to", "nợ" → "no", "ổn" → "on", "ít" → "it". Here no
 * syllable is a stop word; IDF alone discounts the common ones. Measured only (not incremental:
 * built once from all texts); see bench/relevance.ts.
 */
import { tokenize } from './text.js';

const K1 = 1.2;
const B = 0.75;

export interface Bm25Options {
  /** Weight of a syllable pair relative to a single syllable. */
  pairWeight?: number;
  /** Weight of the section headings relative to the item text. */
  titleWeight?: number;
}

interface Field {
  /** term → (doc index → term frequency) */
  postings: Map<string, Map<number, number>>;
  lengths: number[];
  avg: number;
}

function terms(text: string): string[] {
  const t = tokenize(text).map((x) => x.folded);
  const out = [...t];
  for (let i = 0; i + 1 < t.length; i++) out.push(`${t[i]} ${t[i + 1]}`);
  return out;
}

function buildField(texts: string[]): Field {
  const postings = new Map<string, Map<number, number>>();
  const lengths = texts.map((text, doc) => {
    const ts = terms(text);
    for (const term of ts) {
      let p = postings.get(term);
      if (!p) postings.set(term, (p = new Map()));
      p.set(doc, (p.get(doc) ?? 0) + 1);
    }
    return ts.length;
  });
  const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  return { postings, lengths, avg };
}

export class Bm25Index {
  private readonly ids: string[];
  private readonly text: Field;
  private readonly titles: Field;

  constructor(items: { id: string; text: string; titles: string }[]) {
    this.ids = items.map((i) => i.id);
    this.text = buildField(items.map((i) => i.text));
    this.titles = buildField(items.map((i) => i.titles));
  }

  search(query: string, k: number, allowed?: ReadonlySet<string>, opts: Bm25Options = {}): { id: string; score: number }[] {
    const pairWeight = opts.pairWeight ?? 1;
    const titleWeight = opts.titleWeight ?? 0.3;
    const n = this.ids.length;
    const scores = new Map<number, number>();
    for (const term of new Set(terms(query))) {
      const w = term.includes(' ') ? pairWeight : 1;
      for (const [field, fw] of [[this.text, 1], [this.titles, titleWeight]] as const) {
        const p = field.postings.get(term);
        if (!p) continue;
        const idf = Math.log(1 + (n - p.size + 0.5) / (p.size + 0.5));
        for (const [doc, tf] of p) {
          const norm = tf + K1 * (1 - B + (B * field.lengths[doc]!) / Math.max(1, field.avg));
          scores.set(doc, (scores.get(doc) ?? 0) + w * fw * idf * ((tf * (K1 + 1)) / norm));
        }
      }
    }
    return [...scores]
      .map(([doc, score]) => ({ id: this.ids[doc]!, score }))
      .filter((h) => !allowed || allowed.has(h.id))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, k);
  }
}
