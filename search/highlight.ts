/**
 * What explains a hit to a reader: the query's words as the item writes them, and where.
 * Matching is tone-insensitive (a query typed without marks still lights up "khởi nghiệp"), and
 * ranges are offsets of the item's own text, found by tokenising that text as stored.
 */
import { FUNCTION_WORDS, isAccented, tokenize, tokensOf, type Token } from './text.js';

export interface Explanation {
  /** Distinct matched phrases as they appear in the text, in order of first appearance. */
  matchedTerms: string[];
  /** [start, end) ranges of the text; adjacent matched syllables form one range. */
  highlights: [number, number][];
}

export interface QueryTerms {
  tokens: Token[];
  folded: Set<string>;
  /** "a b" for each pair of adjacent query syllables, folded. */
  bigrams: Set<string>;
  /** True when every query word is a function word: then they are highlighted after all. */
  onlyFunctionWords: boolean;
}

export function queryTerms(query: string): QueryTerms {
  const tokens = tokenize(query);
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) bigrams.add(`${tokens[i]!.folded} ${tokens[i + 1]!.folded}`);
  return {
    tokens,
    folded: new Set(tokens.map((t) => t.folded)),
    bigrams,
    onlyFunctionWords: tokens.every((t) => FUNCTION_WORDS.has(t.exact)),
  };
}

/** Only whitespace (or a hyphen, as in "kinh tế - xã hội") between two matched syllables joins them. */
const JOINER = /^[\s\u00a0-]*$/u;

export interface ExplainOptions {
  /**
   * Only syllables that continue a query phrase. For "tasks like this" the query is a whole task
   * text: shared single syllables are everywhere, shared phrases are the explanation.
   */
  pairsOnly?: boolean;
}

/**
 * Which query syllables an item syllable answers to. Tone-insensitive, except that a syllable
 * typed with marks prefers the same marks: "đổi" lights up "đổi" and not "đời" when the item has
 * "đổi"; if it has no exact form of it (a typo in the marks), any form will do.
 */
function matcher(tokens: readonly Token[], q: QueryTerms): (t: Token) => boolean {
  const exactInItem = new Set(tokens.map((t) => t.key));
  const wanted = new Map<string, Set<string> | null>(); // folded → exact forms required, or null: any
  for (const qt of q.tokens) {
    const strict = isAccented(qt) && exactInItem.has(qt.key);
    const prev = wanted.get(qt.folded);
    if (!strict || prev === null) wanted.set(qt.folded, null);
    else wanted.set(qt.folded, new Set([...(prev ?? []), qt.key]));
  }
  return (t) => {
    if (!wanted.has(t.folded)) return false;
    const forms = wanted.get(t.folded);
    return forms === null || forms!.has(t.key);
  };
}

export function explain(text: string, q: QueryTerms, opts: ExplainOptions = {}): Explanation {
  const tokens = tokensOf(text);
  const matches = matcher(tokens, q);
  const marked = tokens.map(matches);
  // A pair of adjacent syllables that is also adjacent in the query: the unit of a Vietnamese word.
  const joined = tokens.map(
    (t, i) =>
      i > 0 &&
      marked[i - 1]! &&
      marked[i]! &&
      q.bigrams.has(`${tokens[i - 1]!.folded} ${t.folded}`) &&
      !(FUNCTION_WORDS.has(tokens[i - 1]!.exact) && FUNCTION_WORDS.has(t.exact)) &&
      JOINER.test(text.slice(tokens[i - 1]!.end, t.start)),
  );
  const inPair = tokens.map((_, i) => joined[i]! || joined[i + 1] === true);
  const anyPair = inPair.some(Boolean);
  // Lone syllables explain a hit only when no phrase does (otherwise "nghiệp" of "doanh nghiệp"
  // would light up beside "khởi nghiệp"), and never a lone function word ("và", "của").
  const lone = (i: number) =>
    !opts.pairsOnly && !anyPair && marked[i]! && (q.onlyFunctionWords || !FUNCTION_WORDS.has(tokens[i]!.exact));
  const highlights: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!inPair[i] && !lone(i)) continue;
    const last = highlights[highlights.length - 1];
    // Two matched phrases side by side read as one ("khởi nghiệp sáng tạo").
    if (last && (joined[i] || (inPair[i] && last[1] === tokens[i - 1]?.end && JOINER.test(text.slice(last[1], tokens[i]!.start))))) {
      last[1] = tokens[i]!.end;
    } else highlights.push([tokens[i]!.start, tokens[i]!.end]);
  }
  if (opts.pairsOnly) {
    // Two task texts share "phát triển", "công nghệ" whatever their subject: only phrases of three
    // syllables or more say what they have in common.
    const long = highlights.filter(([s, e]) => tokens.filter((t) => t.start >= s && t.end <= e).length >= 3);
    highlights.splice(0, highlights.length, ...long);
  }
  const seen = new Set<string>();
  const matchedTerms: string[] = [];
  for (const [s, e] of highlights) {
    const term = text.slice(s, e).normalize('NFC').replace(/\s+/gu, ' ');
    const key = term.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      matchedTerms.push(term);
    }
  }
  return { matchedTerms, highlights };
}

/**
 * How much an item contradicts the tone marks the query was typed with, 0..1: among the query's
 * syllables and syllable pairs the item contains tone-insensitively, the share it contains only
 * with other marks. "tri thức" (knowledge) typed, an item with "trí thức" (intellectuals) and no
 * "tri thức" contradicts it; an item without the word at all does not (the two rankers judge
 * that). In a query typed with marks an unmarked syllable is deliberate too. Null when the query
 * has no marks at all or the item shares none of its words: there is nothing to contradict.
 */
export function accentConflict(text: string, q: QueryTerms): number | null {
  if (!q.tokens.some(isAccented)) return null;
  const tokens = tokensOf(text);
  let present = 0;
  let conflicting = 0;
  // A query syllable, or pair with the one before it: found folded somewhere, and with its marks?
  const unit = (before: Token | null, t: Token) => {
    let folded = false;
    for (let i = before ? 1 : 0; i < tokens.length; i++) {
      if (tokens[i]!.folded !== t.folded || (before && tokens[i - 1]!.folded !== before.folded)) continue;
      folded = true;
      if (tokens[i]!.key === t.key && (!before || tokens[i - 1]!.key === before.key)) {
        present++;
        return;
      }
    }
    if (folded) {
      present++;
      conflicting++;
    }
  };
  q.tokens.forEach((t, i) => {
    if (!FUNCTION_WORDS.has(t.exact)) unit(null, t);
    const p = q.tokens[i - 1];
    if (p && !(FUNCTION_WORDS.has(p.exact) && FUNCTION_WORDS.has(t.exact))) unit(p, t);
  });
  return present === 0 ? null : conflicting / present;
}
