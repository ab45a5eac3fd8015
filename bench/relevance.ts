/**
 * `npx tsx bench/relevance.ts [--per-query] [--fit] [--wild]`: search quality on the relevance set
 * (test/fixtures/relevance/queries.json) over the demo corpus, with the real model: nDCG@10,
 * Recall@10 and MRR@10 for vector-only, lexical-only, hybrid and the variants tried, side by side,
 * overall and for queries typed with and without tone marks; what the calibrated match and its
 * floor make of the hits (bench/relevance/search-match.ts); and "tasks like this" on its judged
 * set, before and after issue 13 (bench/relevance/similar.ts). `--fit` prints the coefficients
 * the judged sets give for SEARCH_MODEL and SIMILAR_MODEL. `--wild`: the real documents of data/wild
 * beside the demo corpus, and the queries judged over them (test/fixtures/relevance/wild-queries.json),
 * which the ranking was not tuned on: the two sides, the shipped hybrid and it with copies shown
 * apart; then "tasks like this" on tasks judged there (test/fixtures/similar-tasks/wild-judgments.json),
 * which its model was not fit on.
 *
 * The database is a fresh local Neo4j (or NEO4J_URI, which should then hold only the corpus), the
 * index a temporary directory; nothing of the user's is touched.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, openDb, readQuery, type Db } from '../graph-store/db.js';
import { migrate } from '../graph-store/migrate.js';
import { discoverFiles } from '../ingest/discover-files.js';
import { ingestFiles } from '../ingest/pipeline.js';
import { REPO_ROOT } from '../core/paths.js';
import { checkPrerequisites, ensureLauncherBuilt, startLocalNeo4j } from '../graph-store/local-neo4j.js';
import { disposeEmbedder } from '../search/embedder.js';
import { DEPTH, evaluate, idsShown, type Evaluation } from '../search/eval/evaluate.js';
import { loadRelevanceSet, RELEVANCE_SET, resolveRelevanceSet, type ResolvedSet } from '../search/eval/relevance-set.js';
import { lazyEmbedder, openSearch } from '../search/open.js';
import type { Embedder, HybridSearchService, LexicalSide, RankingOptions } from '../search/service.js';
import { luceneQuery } from '../search/lexical.js';
import { fulltextItems } from '../graph-store/search-reads.js';
import type { Logistic } from '../search/calibration.js';
import type { SimilarScores } from '../search/eval/similar-evaluate.js';
import { measureSearchMatch, type SearchMatchRun } from './relevance/search-match.js';
import { measureSimilar, measureSimilarHeldOut, type HeldOutSimilarRun, type SimilarRun } from './relevance/similar.js';

/**
 * The variants measured. The first three are the two sides alone and the shipped default
 * (DEFAULT_RANKING); each other line changes one thing against the default.
 */
export interface Variant {
  name: string;
  ranking: Partial<RankingOptions>;
  /** Lexical side: the in-memory BM25 (default, search/lexical-index.ts) or Neo4j's full-text index. */
  lexical?: 'fulltext';
}

export const VARIANTS: Variant[] = [
  { name: 'vector only', ranking: { mode: 'vector', accentPenalty: 0 } },
  { name: 'lexical only', ranking: { mode: 'lexical', accentPenalty: 0 } },
  { name: 'hybrid (default)', ranking: {} },
  { name: 'hybrid, copies shown apart', ranking: { foldCopies: false } },
  { name: 'vector only, no tone restoration', ranking: { mode: 'vector', accentPenalty: 0, restoreTones: false } },
  { name: 'lexical only, headings weighted as text', ranking: { mode: 'lexical', accentPenalty: 0, titleWeight: 1 } },
  { name: 'lexical only, headings 0.1', ranking: { mode: 'lexical', accentPenalty: 0, titleWeight: 0.1 } },
  { name: 'lexical only, no syllable pairs', ranking: { mode: 'lexical', accentPenalty: 0, pairWeight: 0 } },
  { name: 'lexical only, pairs weighted 1', ranking: { mode: 'lexical', accentPenalty: 0, pairWeight: 1 } },
  // Neo4j's full-text index (Lucene, `standard-folding`) was the lexical side until issue 13's
  // latency work: a round trip per search, and English stop words folded Vietnamese collides with.
  { name: 'lexical only, Neo4j full-text', ranking: { mode: 'lexical', accentPenalty: 0 }, lexical: 'fulltext' },
  { name: 'hybrid, Neo4j full-text', ranking: {}, lexical: 'fulltext' },
  { name: 'hybrid, pairs weighted 1', ranking: { pairWeight: 1 } },
  { name: 'hybrid, no relevance floor', ranking: { relevanceFloor: false } },
  { name: 'hybrid, no tone restoration', ranking: { restoreTones: false } },
  { name: 'hybrid, headings weighted as text', ranking: { titleWeight: 1 } },
  { name: 'hybrid, no accent penalty', ranking: { accentPenalty: 0 } },
  { name: 'hybrid, accent penalty 1', ranking: { accentPenalty: 1 } },
  { name: 'hybrid, accent penalty 10', ranking: { accentPenalty: 10 } },
  { name: 'hybrid, vector scores not filled in', ranking: { fillVectorScores: false } },
  { name: 'hybrid, not filled in, spread not floored', ranking: { fillVectorScores: false, vectorMinSpread: 0 } },
  { name: 'hybrid, vector spread ≥ 0.2', ranking: { vectorMinSpread: 0.2 } },
  { name: 'hybrid, vector spread not floored', ranking: { vectorMinSpread: 0 } },
  { name: 'hybrid, vector spread ≥ 0.1', ranking: { vectorMinSpread: 0.1 } },
  { name: 'hybrid, RRF k=60', ranking: { fusion: 'rrf', rrfK: 60 } },
  { name: 'hybrid, RRF k=20', ranking: { fusion: 'rrf', rrfK: 20 } },
  { name: 'hybrid, score fusion, vector 0.4', ranking: { fusion: 'score', vectorWeight: 0.4 } },
  { name: 'hybrid, score fusion, vector 0.5', ranking: { fusion: 'score', vectorWeight: 0.5 } },
  { name: 'hybrid, score fusion, vector 0.6', ranking: { fusion: 'score', vectorWeight: 0.6 } },
];

/** Neo4j's full-text index as it was queried before (syllables, pairs as phrases ^2, headings ^0.3). */
function fulltextSide(db: Db): LexicalSide {
  return async (query, filter, k) => {
    const lucene = luceneQuery(query, { pairBoost: 2, titleWeight: 0.3 });
    return lucene ? fulltextItems(db, lucene, filter, k) : [];
  };
}

/** Query vectors computed once per query, whatever the number of variants. */
export function cachingEmbedder(inner: Embedder): Embedder {
  const cache = new Map<string, Promise<Float32Array>>();
  return {
    embedPassages: (texts, opts) => inner.embedPassages(texts, opts),
    startQuery: async (text) => {
      let v = cache.get(text);
      if (!v) cache.set(text, (v = (await inner.startQuery(text)).vector));
      return { vector: v };
    },
  };
}

/** The ids a search shows, best first; a hit stands for the copies it names (they follow it). */
export function rankerOf(service: HybridSearchService) {
  return async (query: string) => (await service.search(query, { kind: 'any' }, DEPTH)).flatMap(idsShown);
}

export interface RelevanceRun {
  set: ResolvedSet;
  results: { name: string; evaluation: Evaluation }[];
  syncMs: number;
  embedded: number;
  /** The shipped service over the corpus, for the measurements that follow. */
  service: HybridSearchService;
}

/** What a run reads: the folders ingested and the judged queries over them. */
export interface RelevanceInput {
  folders: string[];
  setFile: string;
}

export const DEMO: RelevanceInput = { folders: ['data/corpus'], setFile: RELEVANCE_SET };
export const WILD: RelevanceInput = { folders: ['data/corpus', 'data/wild/docs'], setFile: join(REPO_ROOT, 'test/fixtures/relevance/wild-queries.json') };

/** Ingests the corpus into `db`, builds the index in `indexDir`, evaluates every variant. */
export async function measureRelevance(db: Db, indexDir: string, variants = VARIANTS, input = DEMO): Promise<RelevanceRun> {
  const files = await discoverFiles(input.folders.map((f) => join(REPO_ROOT, f)));
  const outcomes = await ingestFiles(db, files, { maxBytes: 5_000_000 });
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) throw new Error(`corpus ingest failed: ${failed.map((f) => f.file).join(', ')}`);
  const embedder = cachingEmbedder(lazyEmbedder);
  const opened = await openSearch(db, { indexDir, embedder });
  const set = await resolveRelevanceSet(db, loadRelevanceSet(input.setFile));
  const fulltext = fulltextSide(db);
  const results = [];
  for (const v of variants) {
    const service = opened.service.withRanking(v.ranking, v.lexical === 'fulltext' ? fulltext : undefined);
    results.push({ name: v.name, evaluation: await evaluate(set, rankerOf(service)) });
  }
  return { set, results, syncMs: opened.sync.ms, embedded: opened.sync.embedded, service: opened.service };
}

const f = (x: number) => x.toFixed(3);

function printRun(run: RelevanceRun, perQuery: boolean): void {
  const { set } = run;
  const judgments = set.queries.reduce((n, q) => n + q.relevant.size, 0);
  console.log(`${set.queries.length} queries, ${judgments} judged items resolved (${set.byIdOnly} by id only), ${set.unresolved.length} unresolved`);
  for (const u of set.unresolved) console.log(`  unresolved: ${u}`);
  console.log(`index sync: ${(run.syncMs / 1000).toFixed(1)} s (${run.embedded} items embedded; 0 when Neo4j already held the vectors)\n`);
  const head = ['variant', 'nDCG@10', 'R@10', 'MRR@10', 'nDCG toned', 'nDCG toneless', 'R@10 toneless', 'ms/query'];
  const rows = run.results.map(({ name, evaluation: e }) => [
    name,
    f(e.all.ndcg10),
    f(e.all.recall10),
    f(e.all.mrr10),
    f(e.toned.ndcg10),
    f(e.toneless.ndcg10),
    f(e.toneless.recall10),
    e.msPerQuery.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  if (perQuery) {
    console.log('\nper query, nDCG@10 (' + run.results.map((r) => r.name).join(' | ') + ')');
    set.queries.forEach((q, i) => {
      console.log(`${q.id} ${run.results.map((r) => f(r.evaluation.perQuery[i]!.ndcg10)).join(' ')}  ${q.query}`);
    });
  }
}

const pct = (a: number, b: number) => (b > 0 ? `${Math.round((100 * a) / b)} %` : '–');
const coefficients = (m: Logistic) => `{ bias: ${m.bias.toFixed(2)}, weights: [${m.weights.map((w) => w.toFixed(2)).join(', ')}] }`;

function printSearchMatch(run: SearchMatchRun, fit: boolean): void {
  console.log('\n## Calibrated match of search hits (judged hits of the 44 queries, relevance floor off)\n');
  for (const l of run.levels) console.log(`${l.level.padEnd(16)} ${String(l.hits).padStart(5)} hits, ${pct(l.relevant, l.hits)} relevant`);
  console.log('\nqueries the corpus cannot answer, hits with the floor / without:');
  for (const u of run.unanswerable) console.log(`  ${u.query.padEnd(12)} ${u.hits} / ${u.withoutFloor}`);
  if (fit) console.log(`\nSEARCH_MODEL fit on these hits ([cosine, coverage]): ${coefficients(run.fitted)}`);
}

function printHeldOutSimilar(run: HeldOutSimilarRun): void {
  const { all } = run.shipped;
  console.log(`\n## Tasks like this on real documents (${run.set.sources.length} source tasks, ${run.judgments} judgments, ${run.set.unresolved.length} unresolved; not fit on)\n`);
  for (const u of run.set.unresolved) console.log(`  unresolved: ${u}`);
  console.log(`shipped: P@5 ${f(all.p5)}, P@5 attainable ${f(all.p5Attainable)}, nDCG@10 ${f(all.ndcg10)}, ${run.shipped.meanReturned.toFixed(1)} hits/source`);
  console.log('levels of the hits, share judged like the source:');
  for (const l of run.levels) console.log(`  ${l.level.padEnd(8)} ${String(l.hits).padStart(4)} hits, ${pct(l.like, l.hits)} like it`);
}

function printSimilar(run: SimilarRun, fit: boolean): void {
  console.log(`\n## Tasks like this (${run.set.sources.length} source tasks, ${run.judgments} judgments, ${run.set.unresolved.length} unresolved)\n`);
  for (const u of run.set.unresolved) console.log(`  unresolved: ${u}`);
  const head = ['method', 'P@5', 'P@5 attainable', 'nDCG@10', 'hits/source'];
  const row = (name: string, sc: SimilarScores, returned: number) => [name, f(sc.p5), f(sc.p5Attainable), f(sc.ndcg10), returned.toFixed(1)];
  const rows = [
    row('before: embedding neighbours, grouped by province', run.before.all, run.before.meanReturned),
    row('after: shipped model and floor', run.shipped.all, run.shipped.meanReturned),
    ...run.leaveOneOut.map((v) => row(`after, fit without the source: ${v.name}`, v.scores, v.returned)),
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log(`\nlike tasks among the candidates (embedding, words and lineage sides, 50 each): ${pct(run.poolRecall, 1)}`);
  console.log('levels of the candidates (fit without the source), share judged like the source:');
  for (const l of run.levels) console.log(`  ${l.level.padEnd(16)} ${String(l.candidates).padStart(5)} candidates, ${pct(l.like, l.candidates)} like it`);
  if (fit) console.log(`\nSIMILAR_MODEL fit on every source ([cosine, words, headings, lineage]): ${coefficients(run.fitted)}`);
}

async function main(): Promise<void> {
  const load = (await readFile('/proc/loadavg', 'utf8')).split(' ')[0];
  console.log(`# Search relevance (load average ${load})\n`);
  const perQuery = process.argv.includes('--per-query');
  const fit = process.argv.includes('--fit');
  const wild = process.argv.includes('--wild');
  const indexDir = await mkdtemp(join(tmpdir(), 'relevance-index-'));
  let dataDir: string | null = null;
  let local: Awaited<ReturnType<typeof startLocalNeo4j>> | null = null;
  if (!process.env.NEO4J_URI) {
    await checkPrerequisites();
    await ensureLauncherBuilt({ onProgress: (m) => console.error(m) });
    dataDir = await mkdtemp(join(tmpdir(), 'relevance-neo4j-'));
    local = await startLocalNeo4j({ port: 0, dataDir });
  }
  const db = openDb({ uri: process.env.NEO4J_URI ?? local!.uri, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD });
  try {
    await migrate(db);
    const run = wild ? await measureRelevance(db, indexDir, VARIANTS.slice(0, 4), WILD) : await measureRelevance(db, indexDir);
    const [{ n }] = (await readQuery<{ n: number }>(db, 'MATCH (d:Document) WHERE NOT d.stub AND d.sourceFile IS NOT NULL RETURN count(d) AS n')) as [{ n: number }];
    const expected = wild ? 75 : 7;
    if (n !== expected) console.log(`warning: the graph holds ${n} documents read from files, not the ${expected} read: figures are not comparable\n`);
    printRun(run, perQuery);
    if (wild) return printHeldOutSimilar(await measureSimilarHeldOut(db, run.service));
    printSearchMatch(await measureSearchMatch(run.service, run.set), fit);
    printSimilar(await measureSimilar(db, run.service), fit);
  } finally {
    await disposeEmbedder();
    await closeDb(db);
    await local?.stop();
    await rm(indexDir, { recursive: true, force: true });
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
