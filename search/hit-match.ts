/**
 * How well a search hit answers its query, as a probability that means the same for every query
 * (search/calibration.ts): from the cosine of query and item embeddings and the share of the
 * query's words the item has. The fused score orders a query's hits but is stretched to 0..1 per
 * query: the best hit for "xyzqwv" scores 1 too. These two signals are not stretched, so they also
 * give the relevance floor: a query that nothing in the graph answers gets no hits.
 */
import { matchOf, probability, type Levels, type Logistic, type Match } from './calibration.js';
import type { QueryTerms } from './highlight.js';
import { FUNCTION_WORDS, isAccented, tokensOf } from './text.js';

/** Fit by `npx tsx bench/relevance.ts --fit` on the relevance set's judged hits: [cosine, coverage]. */
export const SEARCH_MODEL: Logistic = { bias: -21.39, weights: [20.17, 4.45] };

/**
 * On the relevance set, "strong" hits were relevant about 8 times in 10, "related" ones 4 in 10,
 * "partial" ones 1 in 7. Under the floor fall queries about nothing the corpus holds ("xyzqwv",
 * "bóng đá": cosines ≤ 0.82 and no shared word, p ≤ 0.01), and none of the relevant hits the 44
 * queries rank in their first 30 (the least sure of them: p 0.03, a youth-talent task for "hội thi
 * sáng tạo kỹ thuật cho thanh thiếu niên").
 */
export const SEARCH_LEVELS: Levels = { strong: 0.6, related: 0.3, partial: 0.025 };

/**
 * Cosine assumed for an item the index does not hold yet (written, not synced): about the median
 * of relevant hits, so its words alone decide whether it shows.
 */
export const UNKNOWN_COSINE = 0.85;

/**
 * Share of the query's distinct syllables that the texts (an item's text and its headings) have:
 * a syllable typed with tone marks must have them in the text too ("bóng đá" is not "đa dạng"),
 * one typed without matches any marks. Function words count only in a query made of nothing else.
 */
export function queryCoverage(terms: QueryTerms, ...texts: string[]): number {
  const content = terms.tokens.filter((t) => !FUNCTION_WORDS.has(t.exact));
  // Typed with marks: the tone key must match; typed without: the folded form.
  const byKey = new Set<string>();
  const byFolded = new Set<string>();
  for (const t of content.length > 0 ? content : terms.tokens) {
    if (isAccented(t)) byKey.add(t.key);
    else byFolded.add(t.folded);
  }
  const wanted = byKey.size + byFolded.size;
  if (wanted === 0) return 0;
  // Scanned, not kept per text: at 100k items a search's candidates are mostly new, and a kept
  // set of words per text was most of what outlived each search for the collector to copy.
  const foldedFound = new Set<string>();
  const keysFound = new Set<string>();
  for (const text of texts) {
    for (const t of tokensOf(text)) {
      if (byFolded.has(t.folded)) foldedFound.add(t.folded);
      if (byKey.has(t.key)) keysFound.add(t.key);
    }
    if (foldedFound.size + keysFound.size === wanted) break;
  }
  return (foldedFound.size + keysFound.size) / wanted;
}

export function searchMatch(cosine: number | null, coverage: number, levels: Levels = SEARCH_LEVELS): Match | null {
  return matchOf(probability(SEARCH_MODEL, [cosine ?? UNKNOWN_COSINE, coverage]), levels);
}
