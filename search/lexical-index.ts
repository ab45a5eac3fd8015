/**
 * The lexical side of the search, in memory: BM25 over tone-folded syllables and adjacent-syllable
 * pairs, in two fields (the item's text, and its section headings at a lower weight).
 *
 * It replaced Neo4j's full-text index for the search (issue 13): a Bolt round trip alone costs
 * 3 ms at the median and 12 at the p99 on our 2 cores, more than the whole budget a search has
 * beside its query embedding; here the lexical side runs while the query is embedded in its worker.
 * It also ranks better (bench/relevance.ts): Neo4j's `standard-folding` analyzer drops English stop
 * words, and folded Vietnamese collides with them ("thể" → "the", "tổ" → "to", "nợ" → "no", "ổn" →
 * "on"); here no syllable is a stop word and IDF alone discounts the common ones.
 *
 * Incremental: documents are added and removed one at a time (search/indexed-items.ts keeps it in
 * step with the vector index); removed ones stay in the postings, skipped, until `compact` drops
 * them, as Lucene merges segments. Postings are packed typed arrays (document number and term
 * frequency in one int32): at 100k items a list of a few objects per term, not a Map per term.
 */
import { tokenize } from './text.js';

const K1 = 1.2;
const B = 0.75;
/** Term frequencies are counted up to this (8 bits of a posting). */
const MAX_TF = 255;
const TF_BITS = 8;
/** Syllables of a query read (the rest is cut): its scoring stays bounded. */
export const MAX_QUERY_SYLLABLES = 32;

export interface LexicalDocument {
  id: string;
  text: string;
  /** Section headings, joined. */
  titles: string;
  /** What the caller compares to know whether the document changed (the vector's fingerprint). */
  version: string;
}

export interface LexicalOptions {
  /** Weight of a syllable pair relative to a single syllable. */
  pairWeight?: number;
  /** Weight of the section headings relative to the item text. */
  titleWeight?: number;
  /** Syllables of the query read (the rest is cut); MAX_QUERY_SYLLABLES by default. */
  maxSyllables?: number;
}

export interface LexicalHit {
  id: string;
  score: number;
}

/** Folded syllables of a text, then its adjacent pairs ("khoi nghiep"). */
export function lexicalTerms(text: string, maxSyllables = Number.POSITIVE_INFINITY): string[] {
  const words = tokenize(text)
    .slice(0, maxSyllables)
    .map((t) => t.folded);
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

/**
 * BM25's term-frequency part, tf·(k1 + 1) / (tf + k1·(1 − b + b·length/avg)): what a posting
 * adds to its document's score, times the term's weight and IDF.
 */
const saturation = (tf: number, length: number, avg: number) => (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avg));

/**
 * A growable list of postings: packed (document number << 8 | term frequency), and beside each
 * its saturation at the field's average length (computed when added, again when the average has
 * drifted): a search then only multiplies and adds.
 */
class Postings {
  packed = new Int32Array(2);
  impact = new Float32Array(2);
  length = 0;

  push(doc: number, tf: number, impact: number): void {
    if (this.length === this.packed.length) {
      const packed = new Int32Array(this.packed.length * 2);
      packed.set(this.packed);
      this.packed = packed;
      const impacts = new Float32Array(this.packed.length);
      impacts.set(this.impact);
      this.impact = impacts;
    }
    this.impact[this.length] = impact;
    this.packed[this.length++] = (doc << TF_BITS) | Math.min(tf, MAX_TF);
  }
}

/** Share the average length may drift from the one the impacts were computed at before they are computed again. */
const AVERAGE_DRIFT = 0.05;

class Field {
  readonly postings = new Map<string, Postings>();
  lengths = new Float32Array(1024);
  totalLength = 0;
  /** Documents counted in totalLength (removed ones too, until compacted). */
  documents = 0;
  /** The average length the impacts were computed at. */
  private weighedAt = 1;

  private average(): number {
    return Math.max(1, this.totalLength / Math.max(1, this.documents));
  }

  add(doc: number, text: string): void {
    const terms = lexicalTerms(text);
    const tfs = new Map<string, number>();
    for (const t of terms) tfs.set(t, (tfs.get(t) ?? 0) + 1);
    for (const [term, tf] of tfs) {
      let p = this.postings.get(term);
      if (!p) this.postings.set(term, (p = new Postings()));
      p.push(doc, tf, saturation(Math.min(tf, MAX_TF), terms.length, this.weighedAt));
    }
    if (doc >= this.lengths.length) {
      const grown = new Float32Array(Math.max(doc + 1, this.lengths.length * 2));
      grown.set(this.lengths);
      this.lengths = grown;
    }
    this.lengths[doc] = terms.length;
    this.totalLength += terms.length;
    this.documents++;
  }

  /** Computes the impacts again when the average length has drifted (a first build, many adds). */
  reweighIfDrifted(): void {
    const avg = this.average();
    if (Math.abs(avg - this.weighedAt) <= AVERAGE_DRIFT * this.weighedAt) return;
    this.weighedAt = avg;
    for (const p of this.postings.values()) {
      for (let j = 0; j < p.length; j++) {
        const doc = p.packed[j]! >>> TF_BITS;
        p.impact[j] = saturation(p.packed[j]! & MAX_TF, this.lengths[doc]!, avg);
      }
    }
  }

  /** Keeps the postings of live documents, numbered anew by `renumber` (−1: dropped). */
  compact(renumber: Int32Array, docs: number): void {
    const lengths = new Float32Array(Math.max(1024, docs));
    this.totalLength = 0;
    this.documents = docs;
    for (let old = 0; old < renumber.length; old++) {
      const doc = renumber[old]!;
      if (doc < 0) continue;
      lengths[doc] = this.lengths[old]!;
      this.totalLength += this.lengths[old]!;
    }
    this.lengths = lengths;
    for (const [term, p] of this.postings) {
      const kept = new Postings();
      kept.packed = new Int32Array(Math.max(2, p.length));
      kept.impact = new Float32Array(kept.packed.length);
      for (let j = 0; j < p.length; j++) {
        const doc = renumber[p.packed[j]! >>> TF_BITS]!;
        if (doc < 0) continue;
        kept.impact[kept.length] = p.impact[j]!;
        kept.packed[kept.length++] = (doc << TF_BITS) | (p.packed[j]! & MAX_TF);
      }
      if (kept.length === 0) this.postings.delete(term);
      else this.postings.set(term, kept);
    }
  }
}

export class LexicalIndex {
  private ids: string[] = [];
  private versions: string[] = [];
  private live = new Uint8Array(1024);
  /** Bumped by every add, remove and compact: masks of documents made before are stale. */
  private generation = 0;
  /** The live documents each allowed set admits, by document number (the service keeps a filter's set until the index changes). */
  private readonly masks = new WeakMap<ReadonlySet<string>, { generation: number; mask: Uint8Array }>();
  private readonly byId = new Map<string, number>();
  private text = new Field();
  private titles = new Field();
  /** Per-search scratch: scores by document number, and the documents touched. */
  private scores = new Float64Array(1024);
  private touched = new Int32Array(1024);

  /** Live documents. */
  get size(): number {
    return this.byId.size;
  }

  /** Removed documents still in the postings (dropped by `compact`). */
  get dead(): number {
    return this.ids.length - this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  versionOf(id: string): string | undefined {
    const doc = this.byId.get(id);
    return doc === undefined ? undefined : this.versions[doc];
  }

  idsIn(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** Adds a document, replacing the one with its id. */
  add(d: LexicalDocument): void {
    this.remove(d.id);
    const doc = this.ids.length;
    this.ids.push(d.id);
    this.versions.push(d.version);
    this.byId.set(d.id, doc);
    if (doc >= this.live.length) {
      const grown = new Uint8Array(this.live.length * 2);
      grown.set(this.live);
      this.live = grown;
    }
    this.live[doc] = 1;
    this.generation++;
    this.text.add(doc, d.text);
    this.titles.add(doc, d.titles);
  }

  remove(id: string): boolean {
    const doc = this.byId.get(id);
    if (doc === undefined) return false;
    this.byId.delete(id);
    this.live[doc] = 0;
    this.generation++;
    return true;
  }

  /** Drops removed documents from the postings (their statistics too). */
  compact(): void {
    const renumber = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const versions: string[] = [];
    for (let old = 0; old < this.ids.length; old++) {
      if (!this.live[old]) continue;
      renumber[old] = ids.length;
      ids.push(this.ids[old]!);
      versions.push(this.versions[old]!);
    }
    this.text.compact(renumber, ids.length);
    this.titles.compact(renumber, ids.length);
    this.ids = ids;
    this.versions = versions;
    this.live = new Uint8Array(Math.max(1024, ids.length)).fill(1, 0, ids.length);
    this.generation++;
    this.byId.clear();
    ids.forEach((id, doc) => this.byId.set(id, doc));
  }

  /**
   * The `k` best documents for the query's words, best first (ties by id), among `allowed` when
   * given. IDF and lengths count removed documents until the next `compact`, as Lucene's do.
   */
  search(query: string, k: number, allowed?: ReadonlySet<string>, opts: LexicalOptions = {}): LexicalHit[] {
    const terms = [...new Set(lexicalTerms(query, opts.maxSyllables ?? MAX_QUERY_SYLLABLES))];
    if (terms.length === 0 || k <= 0) return [];
    const lists = this.weighedLists(terms, opts.pairWeight ?? 1, opts.titleWeight ?? 0.3);
    const n = this.ids.length;
    if (this.scores.length < n) {
      this.scores = new Float64Array(Math.max(n, 2 * this.scores.length));
      this.touched = new Int32Array(this.scores.length);
    }
    // Few postings, or a filter: remember the documents touched (only those the filter admits, so
    // a province's search ranks a province's items). Many postings and no filter (common words at
    // 100k items): add without bookkeeping and scan every document once, which costs less.
    const postings = lists.reduce((sum, l) => sum + l.postings.length, 0);
    const dense = !allowed && postings > n / 4;
    const touched = dense ? this.addDense(lists) : this.addTouched(lists, allowed ? this.maskOf(allowed) : this.live);
    try {
      return this.best(dense ? null : touched, k);
    } finally {
      if (dense) this.scores.fill(0, 0, n);
      else for (let j = 0; j < touched; j++) this.scores[this.touched[j]!] = 0;
    }
  }

  /** Each term's postings in each field, with the weight its impacts are multiplied by (weight × field weight × IDF). */
  private weighedLists(terms: string[], pairWeight: number, titleWeight: number): { postings: Postings; weight: number }[] {
    const n = this.ids.length;
    const lists: { postings: Postings; weight: number }[] = [];
    for (const [field, fieldWeight] of [[this.text, 1], [this.titles, titleWeight]] as const) {
      if (fieldWeight <= 0) continue;
      field.reweighIfDrifted();
      for (const term of terms) {
        const p = field.postings.get(term);
        if (!p) continue;
        const idf = Math.log(1 + (n - p.length + 0.5) / (p.length + 0.5));
        lists.push({ postings: p, weight: (term.includes(' ') ? pairWeight : 1) * fieldWeight * idf });
      }
    }
    return lists;
  }

  private addDense(lists: { postings: Postings; weight: number }[]): number {
    const scores = this.scores;
    for (const { postings, weight } of lists) {
      const { packed, impact, length } = postings;
      for (let j = 0; j < length; j++) {
        const doc = packed[j]! >>> TF_BITS;
        scores[doc] = scores[doc]! + weight * impact[j]!;
      }
    }
    return 0;
  }

  /** The live documents of `allowed`, by document number, kept with the set while no document comes or goes. */
  private maskOf(allowed: ReadonlySet<string>): Uint8Array {
    const kept = this.masks.get(allowed);
    if (kept?.generation === this.generation) return kept.mask;
    const mask = new Uint8Array(this.ids.length);
    for (const id of allowed) {
      const doc = this.byId.get(id);
      if (doc !== undefined) mask[doc] = 1;
    }
    this.masks.set(allowed, { generation: this.generation, mask });
    return mask;
  }

  /** Adds into `scores` the postings of eligible documents, listing each one touched first; returns how many. */
  private addTouched(lists: { postings: Postings; weight: number }[], eligible: Uint8Array): number {
    const scores = this.scores;
    const touchedDocs = this.touched;
    let touched = 0;
    for (const { postings, weight } of lists) {
      const { packed, impact, length } = postings;
      for (let j = 0; j < length; j++) {
        const doc = packed[j]! >>> TF_BITS;
        if (!eligible[doc]) continue;
        if (scores[doc] === 0) touchedDocs[touched++] = doc;
        scores[doc] = scores[doc]! + weight * impact[j]!;
      }
    }
    return touched;
  }

  /** The k best scored live documents (the `touched` first ones, all eligible, or all when null): a bounded min-heap, then sorted. */
  private best(touched: number | null, k: number): LexicalHit[] {
    const scores = this.scores;
    const heap: number[] = [];
    const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && this.ids[a]! > this.ids[b]!);
    const count = touched ?? this.ids.length;
    // The score to beat: most documents lose to the heap's worst on the score alone.
    let floor = Number.MIN_VALUE;
    for (let j = 0; j < count; j++) {
      const doc = touched === null ? j : this.touched[j]!;
      if (scores[doc]! < floor) continue;
      if (scores[doc] === 0 || !this.live[doc] || (heap.length === k && !worse(heap[0]!, doc))) continue;
      if (heap.length < k) siftUp(heap, doc, worse);
      else replaceTop(heap, doc, worse);
      if (heap.length === k) floor = scores[heap[0]!]!;
    }
    return heap
      .sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0))
      .map((doc) => ({ id: this.ids[doc]!, score: scores[doc]! }));
  }
}

function siftUp(heap: number[], x: number, worse: (a: number, b: number) => boolean): void {
  let i = heap.push(x) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!worse(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function replaceTop(heap: number[], x: number, worse: (a: number, b: number) => boolean): void {
  heap[0] = x;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
    if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
    if (m === i) break;
    [heap[i], heap[m]] = [heap[m]!, heap[i]!];
    i = m;
  }
}
