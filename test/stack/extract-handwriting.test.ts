import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractSource, type ExtractedSource } from '../../ingest/extract/extract-source.js';
import { parseDocument } from '../../ingest/parse/parse-document.js';

/**
 * The second, digits-only OCR pass over page 1's handwritten number and day
 * (ingest/extract/handwritten-fields.ts), with real pdftoppm and tesseract, on page 1 alone of two
 * signed scans of data/pdf-scans (copied into a one-page PDF with its e-signature field, so the
 * stamp's date is there to check against). What is expected was read on the page images: "Số: 190
 * /CĐ-TTg", "ngày 07 tháng 10" and "ngày 06 tháng 10" are written by hand; the first pass reads
 * "Số: /90 /CĐ-TTg", "ngày O0Tftháng10" and "ngày tháng 10".
 */
const SCANS = join(import.meta.dirname, '../../data/pdf-scans');

async function firstPage(file: string): Promise<Uint8Array> {
  const source = await PDFDocument.load(readFileSync(join(SCANS, file)));
  const out = await PDFDocument.create();
  const [page] = await out.copyPages(source, [0]);
  out.addPage(page!);
  return out.save();
}

describe('second OCR pass over the handwritten number and date', () => {
  const read = new Map<string, ExtractedSource>();
  const header = (file: string) => read.get(file)!.text.split('\n').find((l) => l.startsWith('Số:'))!.replace(/\s+/g, ' ');

  beforeAll(async () => {
    for (const file of ['190-ttg.signed.pdf', '2179-ttg.signed.pdf']) {
      const started = performance.now();
      read.set(file, await extractSource(await firstPage(file), file, { maxBytes: 5 * 1024 * 1024 }));
      console.log(`${file}, page 1: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  }, 120_000);

  it('reads the handwritten serial and day of 190/CĐ-TTg into the text, and says so', () => {
    expect(header('190-ttg.signed.pdf')).toBe('Số: 190/CĐ-TTg Hà Nội, ngày 07 tháng 10 năm 2025');
    expect(read.get('190-ttg.signed.pdf')!.source.warnings).toContain('page 1: handwritten number/day read by a second, digits-only OCR pass (190, 07)');
  });

  it('reads the day of 2179/QĐ-TTg that the first pass left out', () => {
    expect(header('2179-ttg.signed.pdf')).toMatch(/Hà Nội, ngày 06 tháng 10 năm 2025$/);
    expect(read.get('2179-ttg.signed.pdf')!.source.warnings).toContain('page 1: handwritten day read by a second, digits-only OCR pass (06)');
  });

  it('gives the parser the number and date from the text, without its scan fallbacks', () => {
    const x = read.get('190-ttg.signed.pdf')!;
    // Under another name, so that the parser cannot take the serial from the file name.
    const doc = parseDocument(x.text, { fileName: 'cong-dien.pdf', source: x.source }).document;
    expect(doc.number).toBe('190/CĐ-TTg');
    expect(doc.date).toBe('2025-10-07');
    expect(doc.warnings.filter((w) => /file name|e-signature stamp/.test(w))).toEqual([]);
    const y = read.get('2179-ttg.signed.pdf')!;
    expect(parseDocument(y.text, { fileName: '2179-ttg.signed.pdf', source: y.source }).document.date).toBe('2025-10-06');
  });
});
