import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.js';
import { readTesseractTsv, type OcrPage } from './tesseract-tsv.js';

export interface OcrSettings {
  dpi: number;
  /** Tesseract page segmentation mode: 3 automatic, 4 one column of varying sizes, 6 one uniform block. */
  psm: number;
  gray: boolean;
  lang: string;
}

/** Chosen from bench/ocr-options.ts on the scans of data/pdf-scans (figures in bench/README.md). */
export const DEFAULT_OCR: OcrSettings = { dpi: 300, psm: 3, gray: true, lang: 'vie' };

const PAGE_TIMEOUT_MS = 180_000;

/**
 * Page `page` (1-based) of the PDF at `pdfPath` → image → tesseract. The signature widget is left
 * out of the image (`-hide-annotations`): its text is read exactly from the PDF instead, and OCR
 * of the stamp over the portal logo only adds noise. `afterRead` may read parts of the image again
 * before it is removed. Tesseract gets one thread: pages are the unit of parallelism, and OpenMP
 * threads inside one process slow it down on few cores.
 */
export async function ocrPdfPage(
  pdfPath: string,
  page: number,
  workDir: string,
  settings: OcrSettings = DEFAULT_OCR,
  /** A second look at what was read while the page image still exists (the handwritten fields of page 1). */
  afterRead?: (read: OcrPage, imagePath: string) => Promise<OcrPage>,
): Promise<OcrPage> {
  const imageRoot = join(workDir, `page-${page}-${randomUUID()}`);
  await runCommand(
    'pdftoppm',
    ['-r', String(settings.dpi), '-f', String(page), '-l', String(page), '-singlefile', '-hide-annotations', ...(settings.gray ? ['-gray'] : []), pdfPath, imageRoot],
    { timeoutMs: PAGE_TIMEOUT_MS },
  );
  const image = `${imageRoot}.${settings.gray ? 'pgm' : 'ppm'}`;
  try {
    const { stdout } = await runCommand('tesseract', [image, 'stdout', '-l', settings.lang, '--psm', String(settings.psm), 'tsv'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      timeoutMs: PAGE_TIMEOUT_MS,
    });
    const read = readTesseractTsv(stdout.toString('utf8'));
    return afterRead ? await afterRead(read, image) : read;
  } finally {
    // A 300 dpi page is 9 MB in gray, 26 MB in colour: a long document must not pile them up.
    await rm(image, { force: true });
  }
}
