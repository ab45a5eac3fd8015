/**
 * Vietnamese text as search sees it: syllables with their positions in the original string, and
 * two comparable forms of each: `exact` (NFC, lower case, tone marks kept) and `folded` (marks
 * removed, đ → d), the form people type without a Vietnamese keyboard.
 *
 * Tokens are found in the string exactly as stored (never in a normalised copy), so their offsets
 * are valid ranges of that string even when it holds decomposed characters.
 */

import { kept, lastFew } from './lru.js';

export interface Token {
  /** [start, end) in the original string. */
  start: number;
  end: number;
  /** NFC, lower case, tone marks kept: "khởi". */
  exact: string;
  /** Tone marks and diacritics removed, đ → d: "khoi". */
  folded: string;
  /**
   * `exact` with its tone mark moved to the end: "hoá" and "hóa", "uỷ" and "ủy" (old and new
   * placement of the same tone) compare equal, "trí" and "tri" do not.
   */
  key: string;
}

// Letters with their combining marks, or digits: the syllables of Vietnamese text. Everything
// else (punctuation, Lucene operators, quotes) separates tokens and is never part of one.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const COMBINING = /\p{M}/gu;
/** The five Vietnamese tone marks (grave, acute, tilde, hook above, dot below), decomposed. */
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/gu;

export function exactForm(s: string): string {
  return s.normalize('NFC').toLowerCase();
}

export function fold(s: string): string {
  return s.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export function toneKey(s: string): string {
  const d = s.normalize('NFD').toLowerCase();
  const tones = d.match(TONE)?.join('') ?? '';
  return d.replace(TONE, '').normalize('NFC') + tones;
}

/**
 * The three forms of each syllable met so far. Every search tokenizes its query and the text of
 * each of its 40 hits, over and over the same few thousand syllables: normalising each one three
 * times was a quarter of a search's CPU on a national graph (bench/load.ts).
 */
const formsOf = kept(100_000, (raw): Pick<Token, 'exact' | 'folded' | 'key'> => ({ exact: exactForm(raw), folded: fold(raw), key: toneKey(raw) }));

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const raw = m[0];
    out.push({ start, end: start + raw.length, ...formsOf(raw) });
  }
  return out;
}

/**
 * The tokens of an item's text, kept for a while: a search reads the text of each of its 20
 * candidates three times (words covered, tone conflicts, highlights). Callers only read the array.
 */
export const tokensOf: (text: string) => readonly Token[] = lastFew(64, tokenize);

/** Whether a syllable carries a tone mark or diacritic, i.e. says more than its folded form. */
export function isAccented(token: Pick<Token, 'exact' | 'folded'>): boolean {
  return token.exact !== token.folded;
}

/**
 * Function words that occur in almost every item: alone they explain nothing, so they are not
 * highlighted on their own. Exact forms (with marks), so "cơ" (cơ chế) is not "có", nor "tài" "tại".
 */
export const FUNCTION_WORDS = new Set([
  'và', 'các', 'của', 'có', 'cho', 'với', 'trong', 'được', 'là', 'những', 'đến', 'để', 'theo', 'từ',
  'về', 'tại', 'trên', 'này', 'một', 'khi', 'đã', 'sẽ', 'như', 'thì', 'mà', 'hoặc', 'bằng', 'do', 'ở',
  'nhằm', 'vào', 'ra', 'cũng', 'việc', 'đó', 'nào', 'gì',
]);
