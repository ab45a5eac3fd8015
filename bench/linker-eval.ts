/**
 * How well the task → directive linker matches the hand-made gold set (test/fixtures/links/gold.json:
 * the tasks of four provincial plans carrying out 69-KL/TW, judged against its 14 directive
 * paragraphs, and of Đồng Tháp's 597/KH-UBND (2025) and 2597/QĐ-TTg carrying out 57-NQ/TW, judged
 * against its 22 paragraphs of part III; positives and hard negatives, all judged by reading).
 *
 * The set is split once, by document, into a tuning part (000 Quảng Bình, 004 Bắc Giang, 2597/QĐ-TTg)
 * and a held-out part (002 Kon Tum, 003 Bình Thuận, Đồng Tháp 597). Settings are chosen on the tuning part
 * only; the held-out figures are what the linker is judged by (issue 12: F1 ≥ 0.90 held out).
 *
 *   npx tsx bench/linker-eval.ts            # defaults per split and per document, grid on the tuning part
 *   npx tsx bench/linker-eval.ts --links    # also print each task's links next to its gold
 *   npx tsx bench/linker-eval.ts --all      # also the embedding similarities (slow: loads the model)
 *
 * Pure: parses the files, no database. Precision / recall / F1 are micro-averaged over
 * (task, directive) pairs; each document is linked on its own, as ingest does.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentRecord } from '../graph-schema/index.js';
import { parseDocument } from '../ingest/parse/parse-document.js';
import { defaultLinkOptions, type LinkOptions } from '../ingest/link/link-tasks.js';
import { lexicalSimilarity } from '../ingest/link/lexical-similarity.js';
import type { TextSimilarity } from '../ingest/link/similarity.js';
import {
  cachedSimilarity,
  evaluateLinker,
  judgedPairs,
  resolveGold,
  type GoldSet,
  type GoldSplit,
  type ResolvedDocument,
  type Scores,
} from '../ingest/link/link-eval.js';

/** The similarities measured. Loaded lazily so a heavy one (embeddings) costs nothing until used. */
const SIMILARITIES: { name: string; heavy: boolean; load: () => Promise<TextSimilarity> }[] = [
  { name: 'lexical', heavy: false, load: async () => lexicalSimilarity },
  { name: 'e5-small', heavy: true, load: async () => (await import('../search/embedding-similarity.js')).embeddingSimilarity() },
  { name: 'lexical+e5', heavy: true, load: async () => (await import('../search/embedding-similarity.js')).blendedSimilarity() },
];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOLD = path.join(ROOT, 'test/fixtures/links/gold.json');

/** A gold file name: repo-relative when it starts with data/ or test/, else under data/corpus. */
export const goldPath = (file: string) => path.join(ROOT, /^(data|test)\//.test(file) ? file : path.join('data/corpus', file));

const THRESHOLDS = [0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 0.8];
const MAX_LINKS = [1, 2, 3];
const SECTION_WEIGHTS = [0, 0.15, 0.25, 0.35, 0.5];
/** Only matters with maxLinks > 1. */
const RELATIVE = [0, 0.8, 0.9];
/** Clause links off, and thresholds for the lexical scale and for the embeddings' (cosines near 0.8). */
const CLAUSE = [Infinity, 0.25, 0.3, 0.35, 0.5, 0.7, 0.85, 0.9];

/** Parses every file the gold set names and resolves the set against them. */
export function loadEvalCorpus(goldFile = GOLD): ResolvedDocument[] {
  const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as GoldSet;
  const files = new Set([gold.directiveFile, ...gold.documents.flatMap((d) => [d.file, ...(d.directiveFile ? [d.directiveFile] : [])])]);
  const records = new Map<string, DocumentRecord>();
  for (const file of files) records.set(file, parseDocument(readFileSync(goldPath(file), 'utf8'), { fileName: path.basename(file) }));
  return resolveGold(gold, records);
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const fmt = (s: Scores) => `P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (tp ${s.tp} fp ${s.fp} fn ${s.fn})`;
const optStr = (o: LinkOptions) =>
  `t=${o.threshold.toFixed(2)} k=${o.maxLinks} w=${o.sectionWeight.toFixed(2)} r=${o.minRelativeScore.toFixed(1)} c=${Number.isFinite(o.clauseThreshold) ? o.clauseThreshold.toFixed(2) : 'off'}`;
const short = (file: string) => path.basename(file).slice(0, 12);

/** Every grid setting scored on one split. */
async function grid(docs: ResolvedDocument[], similarity: TextSimilarity, split: GoldSplit) {
  const rows: { options: LinkOptions; overall: Scores }[] = [];
  for (const sectionWeight of SECTION_WEIGHTS) {
    for (const maxLinks of MAX_LINKS) {
      for (const minRelativeScore of maxLinks === 1 ? [0] : RELATIVE) {
        for (const threshold of THRESHOLDS) {
          for (const clauseThreshold of CLAUSE) {
            const options = { ...defaultLinkOptions, threshold, maxLinks, sectionWeight, minRelativeScore, clauseThreshold };
            rows.push({ options, overall: (await evaluateLinker(docs, similarity, options, split)).overall });
          }
        }
      }
    }
  }
  return rows.sort((a, b) => b.overall.f1 - a.overall.f1);
}

function printLinks(docs: ResolvedDocument[], links: { taskId: string; directiveId: string; score: number }[]) {
  const label = (id: string) => id.split('#')[1];
  for (const doc of docs) {
    console.log(`\n--- ${doc.file} (${doc.split})`);
    for (const t of doc.tasks) {
      const got = links.filter((l) => l.taskId === t.id).map((l) => `${label(l.directiveId)}(${l.score.toFixed(2)})`);
      const want = [...doc.gold.get(t.id)!].map(label);
      const ok = got.length === want.length && want.every((w) => got.some((g) => g.startsWith(`${w}(`)));
      console.log(`${ok ? '  ' : '✗ '}${label(t.id)!.padEnd(14)} gold [${want.join(' ')}]  got [${got.join(' ')}]  ${t.text.slice(0, 50)}`);
    }
  }
}

async function main() {
  const showLinks = process.argv.includes('--links');
  const all = process.argv.includes('--all');
  const docs = loadEvalCorpus();
  const cpus = os.cpus();
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}`);
  for (const split of ['tuning', 'held-out'] as const) {
    const part = docs.filter((d) => d.split === split);
    const pairs = judgedPairs(part);
    const tasks = part.reduce((a, d) => a + d.tasks.length, 0);
    console.log(`${split.padEnd(8)}: ${part.map((d) => short(d.file)).join(', ')} — ${tasks} tasks, ${pairs.positives} links + ${pairs.negatives} hard negatives judged`);
  }
  const total = judgedPairs(docs);
  console.log(`gold set: ${total.positives + total.negatives} judged task → directive pairs (${total.positives} links, ${total.negatives} hard negatives)`);
  console.log(`defaults: ${optStr(defaultLinkOptions)}\n`);

  for (const { name, heavy, load } of SIMILARITIES) {
    if (heavy && !all) continue;
    const similarity = cachedSimilarity(await load());
    console.log(`=== ${name} (${similarity.name}) ===`);
    for (const split of ['tuning', 'held-out'] as const) {
      const e = await evaluateLinker(docs, similarity, {}, split);
      console.log(`defaults, ${split.padEnd(8)}  ${fmt(e.overall)}  hard negatives linked ${e.hardNegativesLinked}`);
      for (const d of e.perDocument) console.log(`    ${d.file.padEnd(40)} ${fmt(d.scores)}`);
    }
    const rows = await grid(docs, similarity, 'tuning');
    console.log(`\nbest settings on the tuning part, and what each scores held out:`);
    for (const r of rows.slice(0, 6)) {
      const held = await evaluateLinker(docs, similarity, r.options, 'held-out');
      console.log(`  ${optStr(r.options)}  tuning F1 ${pct(r.overall.f1)}   held-out ${fmt(held.overall)}`);
    }
    if (showLinks) printLinks(docs, (await evaluateLinker(docs, similarity)).links);
    console.log('');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
