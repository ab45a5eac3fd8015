import { matchKey } from '../../core/vn-text.js';
import { expandAbbreviations } from './abbreviations.js';
import { addSynonyms } from './synonyms.js';
import type { TextSimilarity } from './similarity.js';

/**
 * Tone-folded syllables and syllable bigrams, TF-IDF weighted over the texts being compared,
 * cosine-scored. Vietnamese words are mostly two syllables ("khởi nghiệp"), so bigrams carry
 * the word-level signal that single syllables ("khởi", "nghiệp") lose.
 */
export function syllables(text: string): string[] {
  return addSynonyms(matchKey(expandAbbreviations(text))).split(/[^a-z0-9]+/).filter((s) => s.length > 0);
}

/**
 * Terms of a text: its syllables and adjacent-syllable bigrams. A stop syllable is no term of its
 * own, and a bigram of two stop syllables ("khoa_hoc", "hoc_va") is dropped, but a bigram with one
 * content syllable stays: "công nghệ cao" keeps "nghe_cao", "chuyển đổi số" keeps "doi_so".
 */
export function syllableTerms(text: string, stop: ReadonlySet<string> = new Set()): string[] {
  const s = syllables(text);
  const terms = s.filter((x) => !stop.has(x));
  for (let i = 0; i + 1 < s.length; i++) {
    if (stop.has(s[i]!) && stop.has(s[i + 1]!)) continue;
    terms.push(`${s[i]}_${s[i + 1]}`);
  }
  return terms;
}

/**
 * Folded Vietnamese function words ("và", "các", "của", "trong", "để", …): no term of their own,
 * and no bigram between two of them ("cua_cac"). The domain's shared vocabulary ("thực hiện",
 * "phát triển", "khoa học", "công nghệ", "đổi mới sáng tạo") is deliberately not listed: measured on
 * the gold set (bench/linker-eval.ts) stopping it did not help — IDF already weighs it down, and
 * group headings such as "Nâng cao tiềm lực khoa học, công nghệ và đổi mới sáng tạo" are made of
 * little else.
 */
export const STOP_SYLLABLES: ReadonlySet<string> = new Set(
  'va cac cua nhung trong voi de cho theo la co duoc ve tu tai den tren nay do mot nham gan viec vao nhu hoac cung da se'.split(' '),
);

export interface LexicalOptions {
  /** Syllables that are no terms of their own (see syllableTerms). Default STOP_SYLLABLES. */
  stop?: ReadonlySet<string>;
  /**
   * Which texts the IDF is counted over: 'right' (default) the candidates only, 'both' the two
   * sides. The linker asks which directive item a task carries out, so only the candidates' words
   * weigh: a word is telling when few candidates use it, and a task's words that no candidate uses
   * (a sector plan's own subject, "kết cấu hạ tầng xây dựng", its agencies) get no weight instead of
   * diluting the task's vector. Under 'both' a sector plan's tasks, mostly made of such words,
   * scored 0.05–0.10 against the paragraph they carry out and fell under any useful threshold
   * (bench/README.md: tuning F1 69.8 → 76.1 with the settings re-chosen).
   */
  idfFrom?: 'right' | 'both';
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

export function createLexicalSimilarity(options: LexicalOptions = {}): TextSimilarity {
  const stop = options.stop ?? STOP_SYLLABLES;
  const idfFrom = options.idfFrom ?? 'right';
  return {
    name: 'lexical-tfidf',
    async matrix(left, right) {
      const l = left.map((t) => syllableTerms(t, stop));
      const r = right.map((t) => syllableTerms(t, stop));
      const df = new Map<string, number>();
      const counted = idfFrom === 'right' ? r : [...l, ...r];
      for (const terms of counted) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
      const n = counted.length;
      const idf = new Map([...df].map(([t, d]) => [t, Math.log(1 + n / d)]));
      const lv = tfidf(l, idf);
      const rv = tfidf(r, idf);
      return lv.map((a) => rv.map((b) => Math.min(1, Math.max(0, cosine(a, b)))));
    },
  };
}

export const lexicalSimilarity: TextSimilarity = createLexicalSimilarity();
