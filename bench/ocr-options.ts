/**
 * OCR settings for scanned PDFs, measured side by side: resolution, tesseract's page segmentation
 * mode, grayscale or colour, language packs. Ground truth is page 1 of three scans of
 * data/pdf-scans, transcribed by hand from the page images into test/fixtures/ocr-truth/.
 *
 *   npx tsx bench/ocr-options.ts            # every setting below, 3 rounds of 3 pages (about 5 minutes on 2 cores)
 *
 * Per setting: pages/s with one tesseract per core (the product's parallelism), character error
 * rate (CER: edit distance of the transcription against the closest stretch of the OCR text,
 * over the transcription's length; whitespace collapsed), whether the number ("Số: 2216/QĐ-TTg")
 * and the place-and-date line came out exactly, and the mean word confidence tesseract reports.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OCR, ocrPdfPage, type OcrSettings } from '../ingest/extract/ocr-page.js';
import { mapPool } from '../ingest/extract/pool.js';
import { withTempDir } from '../ingest/extract/temp-dir.js';
import { runCommand } from '../ingest/extract/run-command.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const truthDir = path.join(root, 'test/fixtures/ocr-truth');
const scanDir = path.join(root, 'data/pdf-scans');

/** One factor at a time around the default, plus the combinations worth a look. */
const base = DEFAULT_OCR;
const SETTINGS: { name: string; s: OcrSettings }[] = [
  { name: 'default', s: base },
  { name: '200 dpi', s: { ...base, dpi: 200 } },
  { name: '400 dpi', s: { ...base, dpi: 400 } },
  { name: 'psm 4', s: { ...base, psm: 4 } },
  { name: 'psm 6', s: { ...base, psm: 6 } },
  { name: 'colour', s: { ...base, gray: false } },
  { name: 'vie+eng', s: { ...base, lang: 'vie+eng' } },
  { name: '200 dpi, psm 4', s: { ...base, dpi: 200, psm: 4 } },
];

interface Truth {
  file: string;
  text: string;
  number: string;
  dateLine: string;
}

function loadTruths(): Truth[] {
  return readdirSync(truthDir)
    .filter((f) => f.endsWith('.p1.txt'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(truthDir, f), 'utf8');
      const head = text.split('\n').find((l) => l.startsWith('Số:'));
      const m = head && /^(Số: \S+) (.+)$/.exec(head);
      if (!m) throw new Error(`${f}: no "Số: … <place>, ngày …" line`);
      return { file: f.replace(/\.p1\.txt$/, '.pdf'), text, number: m[1]!, dateLine: m[2]! };
    });
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Edit distance of `truth` against its best-matching substring of `ocr` (Sellers' algorithm). */
export function substringEditDistance(truth: string, ocr: string): number {
  const t = [...truth];
  const o = [...ocr];
  let prev = new Uint32Array(o.length + 1);
  let cur = new Uint32Array(o.length + 1);
  for (let i = 1; i <= t.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= o.length; j++) {
      const sub = prev[j - 1]! + (t[i - 1] === o[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return Math.min(...prev);
}

interface Row {
  name: string;
  s: OcrSettings;
  pagesPerSecond: number;
  cpuPerPage: number;
  cer: number[];
  numberOk: boolean[];
  dateOk: boolean[];
  confidence: number;
}

/**
 * Timed rounds. Each round runs every setting once, in a new shuffled order, so that a busy
 * moment of the machine falls on all settings alike; a setting's speed is its median round.
 */
const ROUNDS = 3;

/**
 * CPU seconds used so far by this process's finished children (pdftoppm, tesseract), from
 * /proc/self/stat (cutime + cstime). Unlike wall time it hardly moves when other work shares the
 * machine, so settings stay comparable on a busy one.
 */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

interface Reading {
  seconds: number;
  cpuSeconds: number;
  texts: string[];
  confidence: number;
}

async function readPages(s: OcrSettings, truths: Truth[]): Promise<Reading> {
  const started = performance.now();
  const cpuBefore = childCpuSeconds();
  const pages = await withTempDir((dir) =>
    mapPool(truths, availableParallelism(), (t) => ocrPdfPage(path.join(scanDir, t.file), 1, dir, s)),
  );
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: childCpuSeconds() - cpuBefore,
    texts: pages.map((p) => norm(p.lines.join('\n'))),
    confidence: pages.reduce((a, p) => a + (p.confidence ?? 0), 0) / pages.length,
  };
}

function score(name: string, s: OcrSettings, truths: Truth[], readings: Reading[]): Row {
  const { texts, confidence } = readings[0]!;
  const times = readings.map((r) => r.seconds).sort((a, b) => a - b);
  return {
    name,
    s,
    pagesPerSecond: truths.length / times[Math.floor(times.length / 2)]!,
    cpuPerPage: median(readings.map((r) => r.cpuSeconds)) / truths.length,
    cer: truths.map((t, i) => substringEditDistance(norm(t.text), texts[i]!) / [...norm(t.text)].length),
    numberOk: truths.map((t, i) => texts[i]!.includes(norm(t.number))),
    dateOk: truths.map((t, i) => texts[i]!.includes(norm(t.dateLine))),
    confidence,
  };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const marks = (oks: boolean[]) => oks.map((ok) => (ok ? '✓' : '✗')).join('');

async function main() {
  const truths = loadTruths();
  const version = (await runCommand('tesseract', ['--version'])).stdout.toString().split('\n')[0];
  console.log(`machine: ${cpus()[0]?.model.trim()}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${version}`);
  console.log(`pages: page 1 of ${truths.map((t) => t.file).join(', ')}, ${availableParallelism()} at a time; speed: median of ${ROUNDS} interleaved rounds; load average at start ${loadavg()[0]!.toFixed(2)}\n`);
  // Untimed: the first run loads the language data and the PDFs from disk.
  await readPages(base, truths);
  const readings = new Map<string, Reading[]>(SETTINGS.map((x) => [x.name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const { name, s } of shuffled(SETTINGS, round)) readings.get(name)!.push(await readPages(s, truths));
    process.stderr.write(`  round ${round} of ${ROUNDS} done (load average ${loadavg()[0]!.toFixed(2)})\n`);
  }
  const rows = SETTINGS.map(({ name, s }) => score(name, s, truths, readings.get(name)!));
  const header = ['setting', 'dpi', 'psm', 'gray', 'lang', 'CPU s/page', 'pages/s', ...truths.map((t) => `CER ${t.file.split('.')[0]}`), 'CER mean', 'number', 'date', 'confidence'];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) {
    const mean = r.cer.reduce((a, b) => a + b, 0) / r.cer.length;
    console.log(
      `| ${[r.name, r.s.dpi, r.s.psm, r.s.gray ? 'yes' : 'no', r.s.lang, r.cpuPerPage.toFixed(2), r.pagesPerSecond.toFixed(2), ...r.cer.map(pct), pct(mean), marks(r.numberOk), marks(r.dateOk), r.confidence.toFixed(3)].join(' | ')} |`,
    );
  }
  console.log(`\nCPU s/page: rasterising and OCR, median round; pages/s: wall clock with ${availableParallelism()} pages at a time (load average now ${loadavg()[0]!.toFixed(2)}).`);
  console.log(`number / date: one mark per page, in the order of the CER columns (✓ the line came out exactly).`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
