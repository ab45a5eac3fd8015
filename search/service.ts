/**
 * Hybrid search over items (SearchService, the contract the server uses): the vector side
 * (multilingual-e5-small over the HNSW index, the query's tone marks restored first when it was
 * typed without) and the lexical side (Neo4j full-text, tone-folded) each rank candidates under
 * the same filters; their normalised scores are fused; items that match the query's words only
 * with other tone marks are pushed down; every hit says why it was found.
 *
 * Defaults come from bench/relevance.ts on the relevance set (44 queries over the demo corpus):
 * min-max score fusion beat reciprocal rank fusion (nDCG@10 0.837 against 0.799), tone
 * restoration took toneless queries on the vector side from 0.19 to 0.79, weighting headings 0.3
 * took the lexical side from 0.74 to 0.81. The accent penalty is neutral there (0.836 without);
 * it exists for queries whose words fold onto other words ("tri thức" / "trí thức").
 */
import type { Db } from '../graph-store/db.js';
import {
  embeddingsOf,
  itemTexts,
  searchItems,
  taskBrief,
  taskIdsOutside,
  type ItemFilter,
  type SearchItemRow,
} from '../graph-store/search-reads.js';
import { accentConflict, explain, queryTerms, type QueryTerms } from './highlight.js';
import type { VectorIndex } from './index-store.js';
import { lexicalSearch } from './lexical.js';
import { reciprocalRankFusion, scoreFusion, type Fused, type Ranked } from './fuse.js';
import { GraphToneRestorer } from './restore-tones.js';
import { syncSearchIndex, type PassageEmbedder, type SyncOptions, type SyncResult } from './sync.js';
import type { SearchFilters, SearchHit, SearchService, SimilarGroup } from './types.js';
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
  /** Boost of adjacent-syllable phrases in the Lucene query. */
  pairBoost: number;
  /** Weight of section headings against item text in the Lucene query (null: equal, one query). */
  titleWeight: number | null;
  /** Candidates each side contributes (at least 2 × the requested limit). */
  depth: number;
  /** Put tone marks back on unmarked query syllables before embedding (restore-tones.ts). */
  restoreTones: boolean;
}

export const DEFAULT_RANKING: RankingOptions = {
  mode: 'hybrid',
  fusion: 'score',
  rrfK: 60,
  vectorWeight: 0.5,
  vectorMinSpread: 0.05,
  fillVectorScores: true,
  accentPenalty: 3,
  pairBoost: 2,
  titleWeight: 0.3,
  depth: 50,
  restoreTones: true,
};

export type Embedder = QueryEmbedder & PassageEmbedder;

/** A lexical ranker other than the full-text index (bench/relevance.ts measures alternatives). */
export type LexicalSide = (query: string, filter: ItemFilter, k: number) => Promise<Ranked[]>;

/** How often, at most, a search checks whether another process saved a newer index. */
const RELOAD_CHECK_MS = 1_000;

export class HybridSearchService implements SearchService {
  readonly ranking: RankingOptions;
  private lastReloadCheck = 0;
  private readonly tones: GraphToneRestorer;

  constructor(
    private readonly db: Db,
    readonly index: VectorIndex,
    private readonly embedder: Embedder,
    ranking: Partial<RankingOptions> = {},
    private readonly lexicalSide?: LexicalSide,
    tones?: GraphToneRestorer,
  ) {
    this.ranking = { ...DEFAULT_RANKING, ...ranking };
    this.tones = tones ?? new GraphToneRestorer(() => itemTexts(db));
  }

  /** Brings vectors and index in line with the graph (after an ingest, upload or delete). */
  async syncIndex(opts?: SyncOptions): Promise<SyncResult> {
    const result = await syncSearchIndex(this.db, this.index, this.embedder, opts);
    if (result.added > 0 || result.removed > 0) this.tones.invalidate();
    return result;
  }

  /** The query as the vector side embeds it: tone marks restored when it was typed without. */
  queryForEmbedding(query: string): Promise<string> {
    return this.ranking.restoreTones ? this.tones.restore(query) : Promise.resolve(query);
  }

  /** The same service with other ranking knobs (or lexical side), sharing index, embedder and models. */
  withRanking(ranking: Partial<RankingOptions>, lexicalSide = this.lexicalSide): HybridSearchService {
    return new HybridSearchService(this.db, this.index, this.embedder, { ...this.ranking, ...ranking }, lexicalSide, this.tones);
  }

  async search(query: string, filters: SearchFilters, limit: number): Promise<SearchHit[]> {
    const q = query.trim();
    if (!q || limit <= 0) return [];
    this.maybeReload();
    const r = this.ranking;
    const depth = Math.max(r.depth, 2 * limit);
    const [[queryVector, vector], lexical] = await Promise.all([
      r.mode === 'lexical'
        ? ([null, []] as const)
        : this.queryForEmbedding(q)
            .then((text) => this.embedder.embedQuery(text))
            .then(async (v) => [v, await vectorSearch(this.db, this.index, v, filters, depth)] as const),
      r.mode === 'vector'
        ? []
        : this.lexicalSide
          ? this.lexicalSide(q, filters, depth)
          : lexicalSearch(this.db, q, filters, depth, { pairBoost: r.pairBoost, titleWeight: r.titleWeight }),
    ]);
    const fuse = r.fusion === 'score' ? scoreFusion : reciprocalRankFusion;
    const found = new Set(vector.map((h) => h.id));
    const missed = lexical.map((h) => h.id).filter((id) => !found.has(id));
    const fused = fuse([...vector], lexical, {
      k: r.rrfK,
      vectorWeight: r.vectorWeight,
      vectorMinSpread: r.vectorMinSpread,
      vectorExtra: queryVector && r.fillVectorScores ? this.index.similarities(queryVector, missed) : [],
    });
    // The accent penalty can move an item a few places, so look a little past the limit.
    const candidates = fused.slice(0, limit + Math.max(10, limit));
    const rows = await searchItems(this.db, candidates.map((c) => c.id), filters);
    const terms = queryTerms(q);
    return candidates
      .filter((c) => rows.has(c.id))
      .map((c) => this.hit(c, rows.get(c.id)!, terms))
      .sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : 1))
      .slice(0, limit);
  }

  private hit(c: Fused, row: SearchItemRow, terms: QueryTerms): SearchHit {
    // Matches that exist only because tone marks were folded away count for less.
    const conflict = accentConflict(row.text, terms) ?? 0;
    const score = c.score / (1 + this.ranking.accentPenalty * conflict);
    return { item: row, score, vectorScore: c.vectorScore, lexicalScore: c.lexicalScore, ...explain(row.text, terms) };
  }

  /**
   * The tasks nearest to a task by embedding, among tasks of other provinces, grouped by province
   * (groups in the order of their best hit). `limit` counts tasks over all groups, at most half of
   * them (rounded up) from one province, so one verbose plan (Bình Thuận repeats its tasks in an
   * appendix) does not crowd the others out. Matched terms are the phrases both texts share.
   */
  async similarTasks(taskId: string, limit: number): Promise<SimilarGroup[]> {
    const task = await taskBrief(this.db, taskId);
    if (!task || limit <= 0) return [];
    this.maybeReload();
    const vector = await this.vectorOfItem(task.id, task.text);
    const allowed = await taskIdsOutside(this.db, task.province);
    allowed.delete(task.id);
    const candidates = this.index.search(vector, limit * 4, allowed);
    const rows = await searchItems(this.db, candidates.map((h) => h.id));
    const perProvince = Math.ceil(limit / 2);
    const taken = new Map<string | null, number>();
    const near = candidates
      .filter((h) => {
        const province = rows.get(h.id)?.province ?? null;
        if (!rows.has(h.id) || (taken.get(province) ?? 0) >= perProvince) return false;
        taken.set(province, (taken.get(province) ?? 0) + 1);
        return true;
      })
      .slice(0, limit);
    const terms = queryTerms(task.text);
    const groups = new Map<string | null, SimilarGroup>();
    for (const h of near) {
      const row = rows.get(h.id);
      if (!row) continue;
      const { matchedTerms, highlights } = explain(row.text, terms, { pairsOnly: true });
      const hit: SearchHit = { item: row, score: h.score, vectorScore: h.score, lexicalScore: null, matchedTerms, highlights };
      let g = groups.get(row.province);
      if (!g) groups.set(row.province, (g = { province: row.province, hits: [] }));
      g.hits.push(hit);
    }
    return [...groups.values()];
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
    this.index.reloadIfChangedOnDisk();
  }
}
