import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { SourceFormat } from '../../graph-schema/index.js';
import { SourceError } from '../read-source.js';
import { DEFAULT_OCR, ocrPdfPage, type OcrSettings } from './ocr-page.js';
import type { OcrPage } from './tesseract-tsv.js';
import { openPdf, readLayerPage, type LayerPage } from './pdf-layer.js';
import { readPgm } from './gray-image.js';
import { fileNameSerial } from '../../core/file-names.js';
import { rereadHandwrittenFields } from './handwritten-fields.js';
import { readStampText, stampDay } from './pdf-stamp.js';
import { mapPool } from './pool.js';
import { withTempDir } from './temp-dir.js';
import { MissingToolError } from './run-command.js';

/** A page whose text layer holds fewer letters than this (stamp aside) and an image is a scan. */
export const OCR_BELOW_LETTERS = 200;
/** Mean word confidence under which a page is flagged: well below what clean scans give (about 0.92). */
export const LOW_CONFIDENCE = 0.8;
/** Fewer readable letters than this in the whole document: a blank or unreadable scan. */
const MIN_READABLE_LETTERS = 20;

export interface PdfText {
  /** Each page's text, lines separated by '\n'. */
  pages: string[];
  format: Extract<SourceFormat, 'pdf' | 'pdf-ocr'>;
  ocrConfidence: number | null;
  warnings: string[];
}

export interface PdfOptions {
  onPage?: (done: number, total: number) => void;
  concurrency?: number;
  ocr?: OcrSettings;
  /** Skip the second look at page 1's handwritten number and date (to measure without it). */
  noSecondLook?: boolean;
  /** The document's file name: a serial it starts with is checked against the header's. */
  fileName?: string;
}

/**
 * A PDF's text, page by page: the text layer where it has one; OCR where a page is an image with
 * (next to) no text. The signature stamp is kept after each page's text. Scanned pages are read
 * in parallel, one tesseract per core; `onPage` hears of every page once it is read.
 */
export async function extractPdf(bytes: Uint8Array, opts: PdfOptions = {}): Promise<PdfText> {
  const doc = await openPdf(bytes);
  const total = doc.numPages;
  let done = 0;
  const tick = () => opts.onPage?.(++done, total);
  const layer: LayerPage[] = [];
  try {
    for (let p = 1; p <= total; p++) layer.push(await readLayerPage(doc, p));
  } finally {
    await doc.destroy();
  }
  const toOcr = layer.filter((p) => p.letters < OCR_BELOW_LETTERS && p.hasImage);
  for (const p of layer) if (!toOcr.includes(p)) tick();
  const needsPoppler = toOcr.length > 0 || layer.some((p) => p.signatureBoxes.length > 0);
  if (!needsPoppler) return { pages: layer.map((p) => p.lines.join('\n')), format: 'pdf', ocrConfidence: null, warnings: [] };

  return withTempDir(async (dir) => {
    const pdfPath = join(dir, 'source.pdf');
    await writeFile(pdfPath, bytes);
    const warnings: string[] = [];
    const stamps = await readStamps(pdfPath, layer, toOcr.length > 0, warnings);
    // Page 1's handwritten number and date get a second, digits-only look (handwritten-fields.ts).
    let handwriting: string | null = null;
    const secondLook = async (read: OcrPage, imagePath: string): Promise<OcrPage> => {
      try {
        const image = async () => readPgm(await readFile(imagePath));
        const result = await rereadHandwrittenFields(read, image, {
          stamp: stampDay(stamps[0] ?? []),
          workDir: dir,
          tag: 'page-1',
          fileSerial: fileNameSerial(opts.fileName),
        });
        handwriting = result.warning;
        return result.page;
      } catch (err) {
        handwriting = `page 1: the handwritten number and date were not read again (${err instanceof Error ? err.message : String(err)})`;
        return read;
      }
    };
    const ocr = await mapPool(toOcr, opts.concurrency ?? availableParallelism(), async (p) => {
      const settings = opts.ocr ?? DEFAULT_OCR;
      const read = await ocrPdfPage(pdfPath, p.page, dir, settings, p.page === 1 && !opts.noSecondLook ? secondLook : undefined);
      tick();
      return read;
    });
    const ocrOf = new Map(toOcr.map((p, i) => [p.page, ocr[i]!]));
    const readable = layer.reduce((n, p) => n + (ocrOf.get(p.page)?.readableLetters ?? p.letters), 0);
    if (readable < MIN_READABLE_LETTERS) {
      throw new SourceError('no-text', 'the PDF holds no readable text: its pages are blank or unreadable images (OCR found no words)');
    }
    const confidences: number[] = [];
    const pages = layer.map((p, i) => {
      const read = ocrOf.get(p.page);
      if (read?.confidence != null) {
        confidences.push(read.confidence);
        if (read.confidence < LOW_CONFIDENCE) warnings.push(`page ${p.page}: low OCR confidence (${read.confidence.toFixed(2)})`);
      }
      if (read && p.page === 1 && handwriting) warnings.push(handwriting);
      const body = read ? read.lines : p.lines.filter((l) => !stamps[i]!.includes(l));
      return [...body, ...stamps[i]!].join('\n');
    });
    if (toOcr.length > 0 && toOcr.length < layer.length) {
      warnings.push(`pages ${toOcr.map((p) => p.page).join(', ')} of ${layer.length} read by OCR (no text layer)`);
    }
    const mean = confidences.length > 0 ? confidences.reduce((a, b) => a + b, 0) / confidences.length : null;
    return {
      pages,
      format: toOcr.length > 0 ? 'pdf-ocr' : 'pdf',
      ocrConfidence: mean === null ? null : Math.round(mean * 1000) / 1000,
      warnings,
    };
  });
}

/**
 * Each page's stamp lines. Without poppler a text PDF is still read (its stamp is only a date
 * fallback for the parser), with a warning; a scan cannot be, and the missing tool is reported.
 */
async function readStamps(pdfPath: string, layer: LayerPage[], scanned: boolean, warnings: string[]): Promise<string[][]> {
  try {
    return await Promise.all(layer.map((p) => readStampText(pdfPath, p)));
  } catch (err) {
    if (scanned || !(err instanceof MissingToolError)) throw err;
    warnings.push(`signature stamp not read: ${err.message}`);
    return layer.map(() => []);
  }
}
