/**
 * The second, digits-only OCR pass over the handwritten number and day of page 1
 * (ingest/extract/handwritten-fields.ts), measured on the 8 signed scans of data/pdf-scans:
 * how many document numbers and issue dates the parser gets from the text without and with it,
 * and what the pass costs.
 *
 *   npx tsx bench/handwritten-fields.ts        the table (about 4 minutes on 2 cores)
 *   npx tsx bench/handwritten-fields.ts -v     also what each OCR mode read in each field
 *
 * Truth: the number and date of each scan in data/pdf-scans/README.md. A value counts as read
 * "from the text" when the parser found it without one of its scan fallbacks (the serial of the
 * file name, a date completed from or taken from the e-signature stamp), which it reports as
 * warnings; "with fallbacks" counts every right value. Each document is extracted twice, whole,
 * with `noSecondLook` and without; the pass's own time is measured on page 1 alone, wall clock
 * and the CPU seconds of the tesseract processes it starts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractSource, type ExtractedSource } from '../ingest/extract/extract-source.js';
import { readPgm } from '../ingest/extract/gray-image.js';
import { rereadHandwrittenFields, DIGIT_MODES, type HandwritingResult } from '../ingest/extract/handwritten-fields.js';
import { DEFAULT_OCR, ocrPdfPage } from '../ingest/extract/ocr-page.js';
import { stampDay } from '../ingest/extract/pdf-stamp.js';
import { withTempDir } from '../ingest/extract/temp-dir.js';
import { parseDocument } from '../ingest/parse/parse-document.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scanDir = path.join(root, 'data/pdf-scans');
const verbose = process.argv.includes('-v');

interface Truth {
  file: string;
  number: string;
  date: string;
}

/** "| 190-ttg.signed.pdf | 190/CĐ-TTg, 07/10/2025, …" rows of the folder's README. */
function loadTruths(): Truth[] {
  const rows = readFileSync(path.join(scanDir, 'README.md'), 'utf8')
    .split('\n')
    .map((l) => /^\|\s*(\S+\.pdf)\s*\|\s*(\d+\/[^\s,]+),\s*(\d{2})\/(\d{2})\/(\d{4})/u.exec(l.normalize('NFC')))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[1]!, number: m[2]!, date: `${m[5]}-${m[4]}-${m[3]}` }));
  const files = readdirSync(scanDir).filter((f) => f.endsWith('.pdf'));
  if (rows.length !== files.length) throw new Error(`README.md lists ${rows.length} scans, the folder holds ${files.length}`);
  return rows;
}

interface Parsed {
  number: string | null;
  date: string | null;
  numberFallback: boolean;
  dateFallback: boolean;
  header: string;
}

function parse(x: ExtractedSource, file: string): Parsed {
  const doc = parseDocument(x.text, { fileName: file, source: x.source }).document;
  return {
    number: doc.number,
    date: doc.date,
    numberFallback: doc.warnings.some((w) => /file name/.test(w)),
    dateFallback: doc.warnings.some((w) => /e-signature stamp/.test(w)),
    header: x.text.split('\n').find((l) => /^Số/u.test(l)) ?? '',
  };
}

/** CPU seconds of this process's finished children (cutime + cstime of /proc/self/stat). */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Page 1 through the first pass, then the second pass alone, timed. */
async function timeSecondPass(file: string, stampLines: string[]): Promise<{ ms: number; cpu: number; result: HandwritingResult }> {
  return withTempDir(async (dir) => {
    let out: { ms: number; cpu: number; result: HandwritingResult } | null = null;
    await ocrPdfPage(path.join(scanDir, file), 1, dir, DEFAULT_OCR, async (read, imagePath) => {
      const started = performance.now();
      const cpu = childCpuSeconds();
      const image = async () => readPgm(await readFile(imagePath));
      const result = await rereadHandwrittenFields(read, image, { stamp: stampDay(stampLines), workDir: dir, tag: 'bench' });
      out = { ms: performance.now() - started, cpu: childCpuSeconds() - cpu, result };
      return result.page;
    });
    return out!;
  });
}

const mark = (value: string | null, truth: string, fallback: boolean) => `${value ?? '–'} ${value !== truth ? '✗' : fallback ? '✓ (fallback)' : '✓'}`;

async function main() {
  const truths = loadTruths();
  console.log(`${truths.length} scans, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}; modes ${DIGIT_MODES.map((m) => `${m.lang} psm ${m.psm}`).join(', ')}\n`);
  const rows: string[][] = [];
  const tally = { numBefore: 0, numAfter: 0, numBeforeAll: 0, numAfterAll: 0, dateBefore: 0, dateAfter: 0, dateBeforeAll: 0, dateAfterAll: 0 };
  let passMs = 0;
  let passCpu = 0;
  for (const t of truths) {
    const bytes = readFileSync(path.join(scanDir, t.file));
    const before = parse(await extractSource(bytes, t.file, { maxBytes: 50 * 1024 * 1024, noSecondLook: true }), t.file);
    const afterX = await extractSource(bytes, t.file, { maxBytes: 50 * 1024 * 1024 });
    const after = parse(afterX, t.file);
    const page1 = afterX.text.split('\n').slice(0, afterX.source.pages[0]!.lineEnd);
    const timed = await timeSecondPass(t.file, page1);
    passMs += timed.ms;
    passCpu += timed.cpu;
    const okNum = (p: Parsed) => p.number === t.number;
    const okDate = (p: Parsed) => p.date === t.date;
    tally.numBefore += okNum(before) && !before.numberFallback ? 1 : 0;
    tally.numAfter += okNum(after) && !after.numberFallback ? 1 : 0;
    tally.numBeforeAll += okNum(before) ? 1 : 0;
    tally.numAfterAll += okNum(after) ? 1 : 0;
    tally.dateBefore += okDate(before) && !before.dateFallback ? 1 : 0;
    tally.dateAfter += okDate(after) && !after.dateFallback ? 1 : 0;
    tally.dateBeforeAll += okDate(before) ? 1 : 0;
    tally.dateAfterAll += okDate(after) ? 1 : 0;
    const reread = timed.result.fields.map((f) => `${f.kind} ${JSON.stringify(f.firstPass)} → ${f.applied ? f.chosen : (f.chosen ?? 'unread') + ' (kept)'}`).join('; ') || 'none garbled';
    rows.push([t.file.replace('.signed.pdf', ''), `${t.number}, ${t.date}`, mark(before.number, t.number, before.numberFallback), mark(after.number, t.number, after.numberFallback), mark(before.date, t.date, before.dateFallback), mark(after.date, t.date, after.dateFallback), reread, `${timed.ms.toFixed(0)} ms / ${timed.cpu.toFixed(2)} s`]);
    process.stderr.write(`  ${t.file}\n    before: ${before.header}\n    after:  ${after.header}\n`);
    if (verbose) {
      for (const f of timed.result.fields) {
        console.log(`  ${t.file} ${f.kind} ${JSON.stringify(f.firstPass)}: ${f.readings.map((r, i) => `${DIGIT_MODES[i]!.lang}${DIGIT_MODES[i]!.psm} ${r ? `${r.digits} (${Math.round(r.conf)})` : '–'}`).join(', ')} → ${f.chosen ?? 'none'}`);
      }
    }
  }
  const header = ['scan', 'truth', 'number before', 'number after', 'date before', 'date after', 'second pass', 'pass wall / CPU'];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  const n = truths.length;
  console.log(`\nnumbers from the text: ${tally.numBefore}/${n} before, ${tally.numAfter}/${n} after; with the parser's fallbacks ${tally.numBeforeAll}/${n} → ${tally.numAfterAll}/${n}`);
  console.log(`dates from the text:   ${tally.dateBefore}/${n} before, ${tally.dateAfter}/${n} after; with the parser's fallbacks ${tally.dateBeforeAll}/${n} → ${tally.dateAfterAll}/${n}`);
  console.log(`second pass on page 1: ${(passMs / n).toFixed(0)} ms wall and ${(passCpu / n).toFixed(2)} s CPU per scan on average (${passMs.toFixed(0)} ms in all)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
