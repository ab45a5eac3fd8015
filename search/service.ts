/**
 * Hybrid search over items (SearchService, the contract the server uses): the vector side
 * (multilingual-e5-small over the HNSW index, the query's tone marks restored first when it was
 * typed without) and the lexical side (BM25 in memory, tone-folded, lexical-index.ts) each rank candidates under
 * the same filters; their normalised scores are fused; items that match the query's words only
 * with other tone marks are pushed down; every hit says why it was found.
 *
 * Defaults come from bench/relevance.ts on the relevance set (44 queries over the demo corpus):
 * min-max score fusion beat reciprocal rank fusion (nDCG@10 0.837 against 0.799), tone
 * restoration took toneless queries on the vector side from 0.19 to 0.79, weighting headings 0.3
 * took the lexical side from 0.74 to 0.81. The accent penalty is neutral there (0.836 without);
 * it exists for queries whose words fold onto other words ("tri thức" / "trí thức"). The lexical
 * side moved from Neo4j's full-text index into memory (lexical-index.ts) for latency, and ranks
 * better there: hybrid 0.840 against 0.823 over Neo4j, syllable pairs weighted 2 as the full-text
 * query boosted them (0.830 at 1).
 *
 * Every hit carries a calibrated match (hit-match.ts) and hits under its floor are dropped: a
 * query about nothing the graph holds ("xyzqwv") gets no hits rather than the least bad forty.
 * Copies of one text within a province (or among central documents) are one hit naming the
 * others (twins.ts).
 */
import { logger } from '../core/logger.js';
import { BULK_DEADLINE_MS, type Db } from '../graph-store/db.js';
import {
  documentItemRows,
  documentsWrittenSince,
  embeddingsOf,
  filteredItemIds,
  isUnfiltered,
  allItemRows,
  searchItems,
  type ItemFilter,
  type SearchItemRow,
  type TaskBrief,
} from '../graph-store/search-reads.js';
import { accentConflict, explain, queryTerms } from './highlight.js';
import { queryCoverage, searchMatch, SEARCH_LEVELS } from './hit-match.js';
import type { VectorIndex } from './index-store.js';
import { IndexedItems } from './indexed-items.js';
import type { LexicalHit } from './lexical-index.js';
import { reciprocalRankFusion, scoreFusion, type Fused, type Ranked } from './fuse.js';
import { GraphToneRestorer } from './restore-tones.js';
import { rankSimilar, similarCandidates, SIMILAR_LEVELS, SIMILAR_MODEL, type SimilarCandidate } from './similar.js';
import { foldTwins } from './twins.js';
import { syncSearchIndex, type PassageEmbedder, type SyncOptions, type SyncResult } from './sync.js';
import { Lru } from './lru.js';
import type { HitTwin, SearchFilters, SearchHit, SearchService } from './types.js';
import type { StartedEmbedding } from './embedder.js';
import { vectorSearch, type QueryEmbedder } from './vector.js';

export type SearchMode = 'hybrid' | 'vector' | 'lexical';

/** Knobs of the ranking; the defaults are what bench/relevance.ts measured best (see its output). */
export interface RankingOptions {
  mode: SearchMode;
  fusion: 'rrf' | 'score';
  /** RRF rank constant. */
  rrfK: number;
  /** Share of the vector side in fusion, 0..1. */
  vectorWeight: number;
  /** Score fusion: cosine spread below which the vector side is not stretched (fuse.ts). */
  vectorMinSpread: number;
  /** Score fusion: lexical candidates the vector side's top k missed get their own cosine. */
  fillVectorScores: boolean;

  /**
   * Penalty for contradicting the query's tone marks: score / (1 + accentPenalty × conflict),
   * conflict the share of matched words the item has only with other marks (highlight.ts).
   */
  accentPenalty: number;
  /** Weight of an adjacent-syllable pair ("khởi nghiệp") against a single syllable on the lexical side. */
  pairWeight: number;
  /** Weight of section headings against item text on the lexical side. */
  titleWeight: number;
  /** Candidates each side contributes (at least 2 × the requested limit). */
  depth: number;
  /** Put tone marks back on unmarked query syllables before embedding (restore-tones.ts). */
  restoreTones: boolean;
  /** Drop hits under the calibrated floor (hit-match.ts); off, every hit shows (level "partial" at worst). */
  relevanceFloor: boolean;
  /** Keep query vectors by their text (KEPT_QUERY_VECTORS); benches timing the embedding turn it off. */
  keepQueryVectors: boolean;
  /** Copies of one text within a province as one hit naming the others (twins.ts); off, each its own hit. */
  foldCopies: boolean;
}

export const DEFAULT_RANKING: RankingOptions = {
  mode: 'hybrid',
  fusion: 'score',
  rrfK: 60,
  vectorWeight: 0.5,
  vectorMinSpread: 0.05,
  fillVectorScores: true,
  accentPenalty: 3,
  pairWeight: 2,
  titleWeight: 0.3,
  depth: 50,
  restoreTones: true,
  keepQueryVectors: true,
  relevanceFloor: true,
  foldCopies: true,
};

export type Embedder = QueryEmbedder & PassageEmbedder;

/** A lexical ranker other than the in-memory index (bench/relevance.ts measures Neo4j's full-text index). */
export type LexicalSide = (query: string, filter: ItemFilter, k: number) => Promise<Ranked[]>;

/** How often, at most, a search checks whether another process saved a newer index. */
const RELOAD_CHECK_MS = 1_000;
/** Filters whose admitted items are kept (a province's: a few thousand ids). */
const KEPT_FILTERS = 64;
/**
 * Query vectors kept by the text embedded (1.5 KB each), for as long as the model stays: staff
 * ask the same words again, and the UI asks them again for each filter, page and grouping. An
 * embedding costs a search about 10 ms of a core, its largest share under load (bench/load.ts).
 */
const KEPT_QUERY_VECTORS = 2_000;

export class HybridSearchService implements SearchService {
  readonly ranking: RankingOptions;
  private lastReloadCheck = 0;
  /** Whether the last look for documents written elsewhere failed (Neo4j down). */
  private writesUnread = false;
  private readonly tones: GraphToneRestorer;
  /** The indexed items' words and rows, in memory (indexed-items.ts). */
  private readonly items: IndexedItems;
  /** The items each filter admits (null: every indexed item), until the index next changes. */
  private readonly admitted = new Lru<Promise<ReadonlySet<string> | null>>(KEPT_FILTERS);
  private readonly queryVectors = new Lru<Promise<Float32Array>>(KEPT_QUERY_VECTORS);

  constructor(
    private readonly db: Db,
    readonly index: VectorIndex,
    private readonly embedder: Embedder,
    ranking: Partial<RankingOptions> = {},
    private readonly lexicalSide?: LexicalSide,
    shared?: { tones: GraphToneRestorer; items: IndexedItems },
  ) {
    this.ranking = { ...DEFAULT_RANKING, ...ranking };
    // Their first read is the whole graph: not a request's read, though a query may wait on it.
    const bulk = { ...db, queryDeadlineMs: BULK_DEADLINE_MS };
    const rowsOf = async (ids?: string[]) => (ids ? [...(await searchItems(bulk, ids)).values()] : allItemRows(bulk));
    this.items =
      shared?.items ??
      new IndexedItems(index, { ofItems: rowsOf, ofDocuments: (ids) => documentItemRows(bulk, ids), writtenSince: (since) => documentsWrittenSince(db, since) });
    const items = this.items;
    this.tones = shared?.tones ?? new GraphToneRestorer((ids) => items.texts(ids));
  }

  /** Brings vectors and index in line with the graph (after an ingest, upload or delete). */
  async syncIndex(opts?: SyncOptions): Promise<SyncResult> {
    const added: string[] = [];
    const result = await syncSearchIndex(this.db, this.index, this.embedder, {
      ...opts,
      onAdded: (ids) => {
        added.push(...ids);
        opts?.onAdded?.(ids);
      },
    });
    if (result.added > 0 || result.removed > 0) this.tones.changed(added, result.removed);
    // Searchable by its words once the sync is done, like by its meaning.
    const caught = await this.items.catchUp();
    // A write can change what hits show (a lead, a title) without changing any item's text: the
    // rows of the documents it touched are read again (all of them when that is not known).
    if (result.scope === 'documents' && opts?.documents) await this.items.refresh(opts.documents);
    else if (!caught.readAll) await this.items.refresh(null);
    this.admitted.clear();
    return result;
  }

  /** Builds what queries need, so the first of them does not wait for it. */
  async warm(): Promise<void> {
    await Promise.all([this.ranking.restoreTones ? this.tones.warm() : undefined, this.items.ready()]);
  }

  /** The query as the vector side embeds it: tone marks restored when it was typed without. */
  queryForEmbedding(query: string): Promise<string> {
    return this.ranking.restoreTones ? this.tones.restore(query) : Promise.resolve(query);
  }

  /** The same service with other ranking knobs (or lexical side), sharing index, embedder and models. */
  withRanking(ranking: Partial<RankingOptions>, lexicalSide = this.lexicalSide): HybridSearchService {
    return new HybridSearchService(this.db, this.index, this.embedder, { ...this.ranking, ...ranking }, lexicalSide, { tones: this.tones, items: this.items });
  }

  async search(query: string, filters: SearchFilters, limit: number): Promise<SearchHit[]> {
    const q = query.trim();
    if (!q || limit <= 0) return [];
    this.maybeReload();
    const r = this.ranking;
    const depth = Math.max(r.depth, 2 * limit);
    // The query is embedded in every mode: the match of each hit needs its cosine. Embedding runs
    // in its worker while the lexical side ranks here, once the query is on its way there.
    const shown = limit + Math.max(10, limit);
    const embedded = (await this.queryForEmbedding(q).then((text) => this.startQueryVector(text))).vector;
    const [[queryVector, vector], lexical] = await Promise.all([
      embedded.then(async (v) => [v, r.mode === 'lexical' ? [] : await vectorSearch(this.db, this.index, v, filters, depth, (f) => this.admittedBy(f))] as const),
      r.mode === 'vector' ? [] : this.lexicalHits(q, filters, depth),
    ]);
    const fuse = r.fusion === 'score' ? scoreFusion : reciprocalRankFusion;
    const found = new Set(vector.map((h) => h.id));
    const missed = lexical.map((h) => h.id).filter((id) => !found.has(id));
    const fused = fuse([...vector], lexical, {
      k: r.rrfK,
      vectorWeight: r.vectorWeight,
      vectorMinSpread: r.vectorMinSpread,
      // Only beside a vector side: its scores set the scale the extra cosines are put on.
      vectorExtra: r.mode === 'hybrid' && r.fillVectorScores ? this.index.similarities(queryVector, missed) : [],
    });
    // The accent penalty can move an item a few places, so look a little past the limit.
    const candidates = fused.slice(0, shown);
    const rows = await this.rowsOf(candidates.map((c) => c.id), filters);
    const cosines = new Map(this.index.similarities(queryVector, rows.keys()).map((h) => [h.id, h.score]));
    const terms = queryTerms(q);
    const scored: { c: Fused; row: SearchItemRow; match: SearchHit['match']; score: number }[] = [];
    for (const c of candidates) {
      const row = rows.get(c.id);
      if (!row) continue;
      const coverage = queryCoverage(terms, row.text, ...row.sectionTitles);
      const match = searchMatch(cosines.get(c.id) ?? null, coverage, r.relevanceFloor ? SEARCH_LEVELS : { ...SEARCH_LEVELS, partial: 0 });
      // Matches that exist only because tone marks were folded away count for less.
      if (match) scored.push({ c, row, match, score: c.score / (1 + r.accentPenalty * (accentConflict(row.text, terms) ?? 0)) });
    }
    scored.sort((a, b) => b.score - a.score || (a.row.id < b.row.id ? -1 : 1));
    // One hit per text of a province; only the hits shown are explained.
    const shownHits = r.foldCopies ? foldTwins(scored, (s) => s.row, limit) : scored.slice(0, limit).map((head) => ({ head, twins: [] }));
    return shownHits.map(({ head: { c, row, match, score }, twins }) => ({
      item: row,
      alsoIn: twins.map((t) => twinOf(t.row)),
      score,
      match,
      vectorScore: c.vectorScore,
      lexicalScore: c.lexicalScore,
      ...explain(row.text, terms),
    }));
  }

  /** The lexical side's candidates, best first (bench/search-scale.ts times it alone). */
  async lexicalHits(q: string, filters: SearchFilters, depth: number): Promise<LexicalHit[]> {
    if (this.lexicalSide) return this.lexicalSide(q, filters, depth);
    const r = this.ranking;
    const allowed = isUnfiltered(filters) ? undefined : ((await this.admittedBy(filters)) ?? undefined);
    await this.items.ready();
    return this.items.words.search(q, depth, allowed, { pairWeight: r.pairWeight, titleWeight: r.titleWeight });
  }

  /** What the hits show: the indexed items' rows, others (not synced yet) read from the graph. */
  private async rowsOf(ids: string[], filters: ItemFilter): Promise<Map<string, SearchItemRow>> {
    const rows = new Map<string, SearchItemRow>();
    const missing: string[] = [];
    for (const id of ids) {
      const row = this.items.row(id);
      if (row) rows.set(id, row);
      else missing.push(id);
    }
    if (missing.length === 0) return rows;
    for (const [id, row] of await searchItems(this.db, missing, filters)) rows.set(id, row);
    return rows;
  }

  /**
   * Starts the query's embedding (resolving once it runs off this thread), its vector kept by its
   * text (a failed embedding is not kept).
   */
  private async startQueryVector(text: string): Promise<StartedEmbedding> {
    const kept = this.ranking.keepQueryVectors ? this.queryVectors.get(text) : undefined;
    if (kept) return { vector: kept };
    const { vector } = await this.embedder.startQuery(text);
    if (this.ranking.keepQueryVectors) {
      this.queryVectors.set(text, vector);
      vector.catch(() => {
        if (this.queryVectors.get(text) === vector) this.queryVectors.delete(text);
      });
    }
    return { vector };
  }

  /**
   * The items a filter admits, kept per filter until the index changes; null when they are every
   * indexed item (the default kind over tasks and directive items only, as at 100k synthetic
   * tasks), so the search takes its unfiltered path.
   */
  private admittedBy(filter: ItemFilter): Promise<ReadonlySet<string> | null> {
    const key = JSON.stringify(filter, Object.keys(filter).sort());
    let ids = this.admitted.get(key);
    if (!ids) {
      ids = filteredItemIds(this.db, filter).then((admitted) => (everyOf(this.index.ids(), admitted) ? null : admitted));
      this.admitted.set(key, ids);
      // A failed read is not kept.
      ids.catch(() => this.admitted.clear());
    }
    return ids;
  }

  /** A task's candidates for "tasks like this" with their signals (similar.ts); null for an unknown task. */
  similarCandidates(taskId: string): Promise<{ task: TaskBrief; candidates: SimilarCandidate[] } | null> {
    this.maybeReload();
    return similarCandidates(this.db, this.index, { vectorOf: (task) => this.vectorOfItem(task.id, task.text) }, taskId);
  }

  /**
   * Tasks of other provinces like this one (similar.ts), most probable first, down to the floor.
   * Matched terms are the phrases both texts share.
   */
  async similarTasks(taskId: string, limit: number): Promise<SearchHit[]> {
    if (limit <= 0) return [];
    const found = await this.similarCandidates(taskId);
    if (!found) return [];
    const ranked = rankSimilar(found.task, found.candidates, { model: SIMILAR_MODEL, levels: SIMILAR_LEVELS, limit });
    const rows = await this.rowsOf(ranked.flatMap((r) => [r.candidate, ...r.twins].map((c) => c.id)), {});
    const terms = queryTerms(found.task.text);
    return ranked.flatMap(({ candidate, match, twins }) => {
      const row = rows.get(candidate.id);
      if (!row) return [];
      const { cosine, words } = candidate.signals;
      const alsoIn = twins.flatMap((t) => (rows.has(t.id) ? [twinOf(rows.get(t.id)!)] : []));
      return [{ item: row, alsoIn, score: match.probability, match, vectorScore: cosine, lexicalScore: words, ...explain(row.text, terms, { pairsOnly: true }) }];
    });
  }

  /** The stored vector: from the index, else from Neo4j, else (not synced yet) computed now. */
  private async vectorOfItem(id: string, text: string): Promise<ArrayLike<number>> {
    const fromIndex = this.index.vectorOf(id);
    if (fromIndex) return fromIndex;
    const [fromGraph] = await embeddingsOf(this.db, [id]);
    if (fromGraph) return fromGraph.vector;
    const [computed] = await this.embedder.embedPassages([text]);
    return computed!;
  }

  private maybeReload(): void {
    const now = Date.now();
    if (now - this.lastReloadCheck < RELOAD_CHECK_MS) return;
    this.lastReloadCheck = now;
    // Another process wrote and synced: its items come in, and the rows of their documents are read again.
    if (this.index.reloadIfChangedOnDisk()) {
      this.admitted.clear();
      const caught = this.items.catchUp();
      caught.then((c) => this.items.refresh([...c.documents])).catch(() => undefined);
    }
    // Another process wrote without changing any text (a lead, a title): no newer index tells of it.
    this.items.followWrites().then(
      () => (this.writesUnread = false),
      (err: unknown) => {
        // Once per outage: the look is tried again every second.
        if (!this.writesUnread) logger.warn({ component: 'search', err }, 'could not read which documents were written; hits may show rows as they were');
        this.writesUnread = true;
      },
    );
  }
}

const twinOf = ({ id, documentId, documentNumber, documentTitle, sectionPath }: SearchItemRow): HitTwin => ({ id, documentId, documentNumber, documentTitle, sectionPath });

function everyOf(ids: Iterable<string>, set: ReadonlySet<string>): boolean {
  for (const id of ids) if (!set.has(id)) return false;
  return true;
}
