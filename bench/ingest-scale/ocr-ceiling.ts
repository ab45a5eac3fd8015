/**
 * The OCR ceiling: tesseract alone, with the product's settings (ingest/extract/ocr-page.ts
 * DEFAULT_OCR, OMP_THREAD_LIMIT=1), on page images rendered beforehand exactly as the product
 * renders them (pdftoppm, same resolution, gray, annotations hidden). Measured with one process
 * per core from a flat queue of every page (what the machine can do at best), and with one
 * process (the single-core rate). No PDF parsing, no Node work between pages beyond spawning.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DEFAULT_OCR, type OcrSettings } from '../../ingest/extract/ocr-page.js';
import { OCR_BELOW_LETTERS } from '../../ingest/extract/pdf.js';
import { openPdf, readLayerPage } from '../../ingest/extract/pdf-layer.js';
import { mapPool } from '../../ingest/extract/pool.js';
import { runCommand } from '../../ingest/extract/run-command.js';
import { cpuWindow, type Window } from './machine.js';

export interface ScanPage {
  file: string;
  page: number;
}

/** The pages the product reads by OCR: its own rule (pdf.ts: few letters in the text layer and an image). */
export async function pagesToOcr(files: string[]): Promise<{ pages: ScanPage[]; perFile: Map<string, number> }> {
  const pages: ScanPage[] = [];
  const perFile = new Map<string, number>();
  for (const file of files) {
    const doc = await openPdf(await readFile(file));
    try {
      for (let p = 1; p <= doc.numPages; p++) {
        const layer = await readLayerPage(doc, p);
        if (layer.letters < OCR_BELOW_LETTERS && layer.hasImage) {
          pages.push({ file, page: p });
          perFile.set(file, (perFile.get(file) ?? 0) + 1);
        }
      }
    } finally {
      await doc.destroy();
    }
  }
  return { pages, perFile };
}

export interface Rendered {
  images: string[];
  seconds: number;
  window: Window;
}

/** The same pdftoppm call as ocrPdfPage, one per core; the images stay for the timed runs. */
export async function renderPages(pages: ScanPage[], dir: string, cores: number, pids: () => number[], settings: OcrSettings = DEFAULT_OCR): Promise<Rendered> {
  const close = cpuWindow(pids);
  const t0 = performance.now();
  const images = await mapPool(pages, cores, async ({ file, page }, i) => {
    const root = join(dir, `${String(i).padStart(3, '0')}-${basename(file, '.pdf')}-p${page}`);
    await runCommand(
      'pdftoppm',
      ['-r', String(settings.dpi), '-f', String(page), '-l', String(page), '-singlefile', '-hide-annotations', ...(settings.gray ? ['-gray'] : []), file, root],
      { timeoutMs: 180_000 },
    );
    return `${root}.${settings.gray ? 'pgm' : 'ppm'}`;
  });
  return { images, seconds: (performance.now() - t0) / 1000, window: close() };
}

export interface OcrRun {
  processes: number;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  /** tesseract's CPU seconds per page (children's cutime + cstime). */
  cpuPerPage: number;
  window: Window;
}

/** Every image through tesseract, `processes` at a time, as ocrPdfPage calls it. */
export async function tesseractRun(images: string[], processes: number, pids: () => number[], settings: OcrSettings = DEFAULT_OCR): Promise<OcrRun> {
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const close = cpuWindow(pids);
  const t0 = performance.now();
  await mapPool(images, processes, (image) =>
    runCommand('tesseract', [image, 'stdout', '-l', settings.lang, '--psm', String(settings.psm), 'tsv'], { env, timeoutMs: 180_000 }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const window = close();
  return { processes, pages: images.length, seconds, pagesPerSecond: images.length / seconds, cpuPerPage: window.childCpu / images.length, window };
}

/**
 * The best the product's order can do: it reads one document after another, each with its own
 * pool of `cores` workers, so a document's last round may leave cores idle. Rounds of pages per
 * document (Σ ⌈pages / cores⌉) against a flat queue of all pages (⌈Σ pages / cores⌉).
 */
export function perDocumentRounds(pagesPerFile: number[], cores: number): { perDocument: number; flat: number } {
  const total = pagesPerFile.reduce((a, b) => a + b, 0);
  return { perDocument: pagesPerFile.reduce((a, p) => a + Math.ceil(p / cores), 0), flat: Math.ceil(total / cores) };
}
