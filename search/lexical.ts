/**
 * Neo4j's full-text index `item_text` (Lucene BM25, `standard-folding` analyzer, so "khoi nghiep"
 * finds "khởi nghiệp"): what "tasks like this" asks for a task's words (similar.ts). The search's
 * own lexical side is in memory (lexical-index.ts); bench/relevance.ts still measures this one.
 *
 * The Lucene query is built from the user's words only, never from their raw string: the text is
 * cut into syllables (letters, marks and digits; see text.ts) and each is quoted, so operators,
 * field names, wildcards, fuzzy and range syntax typed by a user are just separators. Vietnamese
 * words are mostly two syllables, so besides every syllable the query asks for each adjacent pair
 * as a phrase, boosted: "khởi nghiệp" beats an item with "khởi" and "nghiệp" far apart.
 */
import type { Db } from '../graph-store/db.js';
import { EVERY_ITEM, fulltextItems } from '../graph-store/search-reads.js';
import { MAX_QUERY_SYLLABLES, type LexicalHit } from './lexical-index.js';
import { tokenize } from './text.js';

export interface LuceneOptions {
  /** Boost of each adjacent-syllable phrase; 0 leaves phrases out. */
  pairBoost?: number;
  /**
   * Weight of the section headings against the item text. Null: Lucene's default, one query
   * over both fields with equal weight.
   */
  titleWeight?: number | null;
}

/** Backslash-escapes every character Lucene's classic query parser treats as syntax. */
export function escapeLucene(s: string): string {
  return s.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&');
}

/** A safe Lucene query for `query`, or null when it has no words. */
export function luceneQuery(query: string, opts: LuceneOptions = {}): string | null {
  const pairBoost = opts.pairBoost ?? 2;
  // Folded here as well as by the analyzer: the query is then plain ASCII for Vietnamese.
  const words = tokenize(query)
    .slice(0, MAX_QUERY_SYLLABLES)
    .map((t) => t.folded);
  if (words.length === 0) return null;
  const quote = (s: string) => `"${escapeLucene(s)}"`;
  const clauses = [...new Set(words)].map(quote);
  if (pairBoost > 0) {
    const pairs = new Set<string>();
    for (let i = 0; i + 1 < words.length; i++) pairs.add(`${words[i]} ${words[i + 1]}`);
    for (const p of pairs) clauses.push(`${quote(p)}^${pairBoost}`);
  }
  const body = clauses.join(' ');
  const titleWeight = opts.titleWeight ?? null;
  if (titleWeight === null) return body;
  // Field names are the indexed properties (graph-schema: item_text over text, sectionTitlesText).
  return `text:(${body}) sectionTitlesText:(${body})^${titleWeight}`;
}

/** A whole task text as a query ("tasks like this"): long, but bounded under Lucene's 1024 clauses. */
export const MAX_LIKE_SYLLABLES = 400;

/**
 * A Lucene query asking one field of `item_text` for the words of a whole text: each distinct
 * syllable, and each distinct adjacent pair as a phrase boosted like the search's pairs. Lucene's
 * IDF then weighs them: the "khoa học, công nghệ" every item has counts for little. Null when the
 * text has no words.
 */
export function likeQuery(text: string, field: 'text' | 'sectionTitlesText', pairBoost = 2): string | null {
  const words = tokenize(text)
    .slice(0, MAX_LIKE_SYLLABLES)
    .map((t) => t.folded);
  if (words.length === 0) return null;
  const quote = (s: string) => `"${escapeLucene(s)}"`;
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) pairs.add(`${words[i]} ${words[i + 1]}`);
  const clauses = [...[...new Set(words)].map(quote), ...[...pairs].map((p) => `${quote(p)}^${pairBoost}`)];
  return `${field}:(${clauses.join(' ')})`;
}

/** Items whose `field` shares words with `text`, best first, unfiltered (the text's own item included). */
export async function likeSearch(db: Db, text: string, field: 'text' | 'sectionTitlesText', k: number): Promise<LexicalHit[]> {
  const lucene = likeQuery(text, field);
  return lucene ? fulltextItems(db, lucene, EVERY_ITEM, k) : [];
}
