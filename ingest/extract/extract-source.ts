import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { SourceReading } from '../parse/parse-document.js';
import { ACCEPTED_FORMATS, decodeSource, formatBytes, SourceError } from '../read-source.js';
import { sniffFormat, zipKind } from './detect-format.js';
import { docxToText } from './docx.js';
import { htmlFileToText } from './html.js';
import { extractPdf } from './pdf.js';
import type { OcrSettings } from './ocr-page.js';
import { inspectZip } from './zip-inspect.js';

export interface ExtractedSource {
  /** The document's text; pages joined with '\n'. */
  text: string;
  /** sha256 of the bytes: an unchanged file is recognised without reading it again. */
  contentHash: string;
  source: SourceReading;
}

export interface ExtractOptions {
  maxBytes: number;
  /** Pages read so far (text layer or OCR) of `total`; PDF only. */
  onPage?: (done: number, total: number) => void;
  /** OCR processes at a time; default one per core. */
  concurrency?: number;
  ocr?: OcrSettings;
  /** Skip the second OCR look at page 1's handwritten number and date (bench/handwritten-fields.ts measures with and without). */
  noSecondLook?: boolean;
}

/** A DOCX's XML beyond this, or packed tighter than this, is refused before it is unzipped. */
export const DOCX_LIMITS = { maxUncompressed: 50 * 1024 * 1024, maxRatio: 100 };

/**
 * Bytes of a document in any accepted format → its text and how it was read. The format comes
 * from the bytes, the name is only a hint (see detect-format.ts). Throws `SourceError` with a
 * reason meant for the person who sent the file; nothing is kept of a refused file.
 */
export async function extractSource(bytes: Uint8Array, fileName: string, opts: ExtractOptions): Promise<ExtractedSource> {
  if (bytes.length > opts.maxBytes) {
    throw new SourceError('too-large', `file is ${formatBytes(bytes.length)}, over the ${formatBytes(opts.maxBytes)} limit`);
  }
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const reading = (format: SourceReading['format'], text: string): ExtractedSource => ({
    text: clean(text),
    contentHash,
    source: { format, pages: [], ocrConfidence: null, warnings: [] },
  });
  switch (sniffFormat(bytes, fileName)) {
    case 'pdf': {
      const pdf = await extractPdf(bytes, { onPage: opts.onPage, concurrency: opts.concurrency, ocr: opts.ocr, noSecondLook: opts.noSecondLook, fileName });
      const pages = pdf.pages.map(clean);
      if (!pages.some((p) => /\p{L}/u.test(p))) throw new SourceError('no-text', 'the PDF holds no text (its pages are empty)');
      let line = 1;
      const spans = pages.map((p, i) => {
        const count = p.split('\n').length;
        const span = { page: i + 1, lineStart: line, lineEnd: line + count - 1 };
        line += count;
        return span;
      });
      return { text: pages.join('\n'), contentHash, source: { format: pdf.format, pages: spans, ocrConfidence: pdf.ocrConfidence, warnings: pdf.warnings } };
    }
    case 'zip': {
      const entries = await inspectZip(bytes, DOCX_LIMITS, 'the DOCX file').catch((err: unknown) => {
        // Four bytes alone do not make a DOCX: unless the name says so, an unreadable one is just binary.
        if (err instanceof SourceError && err.code === 'corrupt' && extname(fileName).toLowerCase() !== '.docx') {
          throw new SourceError('binary', `file is binary: it starts like a ZIP archive but is damaged or truncated (accepted: ${ACCEPTED_FORMATS})`);
        }
        throw err;
      });
      zipKind(entries.map((e) => e.name));
      return nonEmpty(reading('docx', await docxToText(bytes)), 'the DOCX file holds no text');
    }
    case 'html':
      return nonEmpty(reading('html', htmlFileToText(bytes)), 'the web page holds no document text');
    case 'text':
      // As the file says: the parser normalises it, and spans must point at the file's own lines.
      return { text: decodeSource(bytes, opts.maxBytes).text, contentHash, source: { format: 'text', pages: [], ocrConfidence: null, warnings: [] } };
  }
}

/** One convention for every format: NFC, '\n' line ends, no trailing spaces. */
function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n\t]+$/gm, '');
}

function nonEmpty(extracted: ExtractedSource, message: string): ExtractedSource {
  if (!/\p{L}/u.test(extracted.text)) throw new SourceError('no-text', message);
  return extracted;
}
