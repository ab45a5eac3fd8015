import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument, OPS, VerbosityLevel, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { SourceError } from '../read-source.js';
import { layoutLines, type PlacedText } from './layout-lines.js';

/** What the PDF itself holds for one page, before any OCR. */
export interface LayerPage {
  page: number;
  /** The text layer as lines in reading order. */
  lines: string[];
  /** Letters in the text layer outside the e-signature stamp. */
  letters: number;
  /** The page paints an image (a scan, a photo, a logo). */
  hasImage: boolean;
  /** Visible signature fields, as crop boxes in points from the page's top-left corner. */
  signatureBoxes: { x: number; y: number; width: number; height: number }[];
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** The lines a signing tool stamps onto a page; they say nothing about the document's own text. */
export const STAMP_LINE = /^(Người ký|Email|Cơ quan|Thời gian ký|Ký bởi|Signed by|Signature)\s*:/i;

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);

/**
 * Opens a PDF with pdf.js (the legacy build, which runs on Node without a canvas) and refuses
 * what cannot be read: a password, a damaged or truncated file, no pages.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdf.js takes ownership of the buffer it is given (and wants a plain Uint8Array, not a Buffer).
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    standardFontDataUrl: pathToFileURL(join(pdfjsRoot, 'standard_fonts/')).href,
    cMapUrl: pathToFileURL(join(pdfjsRoot, 'cmaps/')).href,
    cMapPacked: true,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    throw pdfError(err);
  }
  if (doc.numPages === 0) {
    await doc.destroy();
    throw new SourceError('no-text', 'the PDF has no pages');
  }
  return doc;
}

export function pdfError(err: unknown): SourceError {
  if (err instanceof SourceError) return err;
  const name = (err as { name?: string })?.name;
  const message = (err as Error)?.message ?? String(err);
  if (name === 'PasswordException') {
    return new SourceError('encrypted', 'the PDF is password-protected; remove the password (print it to a new PDF) and send it again');
  }
  return new SourceError('corrupt', `the PDF is damaged or truncated and cannot be read (${message})`);
}

/** One page's text layer, images and signature fields. */
export async function readLayerPage(doc: PDFDocumentProxy, pageNumber: number): Promise<LayerPage> {
  let page: PDFPageProxy | undefined;
  try {
    page = await doc.getPage(pageNumber);
    const content = await page.getTextContent();
    const runs: PlacedText[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const [a, b, , d, x, y] = item.transform as number[];
      runs.push({
        str: item.str.replace(/[\r\n\u2028\u2029\v\f]/g, ' '),
        x: x!,
        y: y!,
        width: item.width,
        size: Math.hypot(a!, b!) || Math.abs(d!) || item.height,
      });
    }
    const lines = layoutLines(runs).map((l) => l.normalize('NFC'));
    const ops = await page.getOperatorList();
    const annotations = await page.getAnnotations();
    const [, , , top] = page.view as [number, number, number, number];
    const left = page.view[0]!;
    const signatureBoxes = annotations
      .filter((a) => a.subtype === 'Widget' && a.fieldType === 'Sig' && a.hasAppearance && !a.hidden)
      .map((a) => {
        const [x1, y1, x2, y2] = a.rect as [number, number, number, number];
        return { x: Math.max(0, x1 - left - 2), y: Math.max(0, top - y2 - 2), width: x2 - x1 + 4, height: y2 - y1 + 4 };
      });
    return {
      page: pageNumber,
      lines,
      letters: lines.filter((l) => !STAMP_LINE.test(l)).reduce((n, l) => n + (l.match(/\p{L}/gu) ?? []).length, 0),
      hasImage: ops.fnArray.some((op) => IMAGE_OPS.has(op)),
      signatureBoxes,
    };
  } catch (err) {
    throw pdfError(err);
  } finally {
    page?.cleanup();
  }
}
