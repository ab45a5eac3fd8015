import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractSource, type ExtractedSource } from '../../ingest/extract/extract-source.js';
import { parseDocument } from '../../ingest/parse/parse-document.js';

/**
 * Real OCR (pdftoppm + tesseract, Vietnamese) of the shortest scan of data/pdf-scans: 2216/QĐ-TTg,
 * two scanned pages whose only text layer is the e-signature stamp. What is checked was read on
 * the page image (see test/fixtures/ocr-truth/2216-ttg.signed.p1.txt).
 */
const SCAN = join(import.meta.dirname, '../../data/pdf-scans/2216-ttg.signed.pdf');

describe('OCR of a scanned PDF', () => {
  let result: ExtractedSource;
  const progress: [number, number][] = [];
  let seconds = 0;

  beforeAll(async () => {
    const started = performance.now();
    result = await extractSource(readFileSync(SCAN), '2216-ttg.signed.pdf', {
      maxBytes: 5 * 1024 * 1024,
      onPage: (done, total) => progress.push([done, total]),
    });
    seconds = (performance.now() - started) / 1000;
    console.log(`OCR of 2 pages: ${seconds.toFixed(1)} s`);
  }, 180_000);

  it('reads the issuer, the number and the place-and-date line', () => {
    const text = result.text.replace(/[ \t]+/g, ' ');
    expect(text).toContain('THỦ TƯỚNG CHÍNH PHỦ');
    expect(text).toContain('Số: 2216/QĐ-TTg');
    expect(text).toContain('Hà Nội, ngày 07 tháng 10 năm 2025');
    expect(text).toContain('Điều 1. Công bố Quyết định số 22/2021/QĐ-TTg');
  });

  it("keeps the e-signature stamp's text after the first page's text", () => {
    const page1 = result.text.split('\n').slice(result.source.pages[0]!.lineStart - 1, result.source.pages[0]!.lineEnd);
    expect(page1.slice(-4)).toEqual([
      'Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ',
      'Email: thongtinchinhphu@chinhphu.vn',
      'Cơ quan: VĂN PHÒNG CHÍNH PHỦ',
      'Thời gian ký: 09.10.2025 16:06:26 +07:00',
    ]);
  });

  it('records the pages, their lines and the OCR confidence', () => {
    const { source, text } = result;
    expect(source.format).toBe('pdf-ocr');
    expect(source.pages).toHaveLength(2);
    expect(source.pages[0]!.lineStart).toBe(1);
    expect(source.pages[1]!.lineStart).toBe(source.pages[0]!.lineEnd + 1);
    expect(source.pages[1]!.lineEnd).toBe(text.split('\n').length);
    const lines = text.split('\n');
    const pageOf = (needle: string) => source.pages.find((p) => lines.slice(p.lineStart - 1, p.lineEnd).some((l) => l.includes(needle)))?.page;
    expect(pageOf('Số: 2216/QĐ-TTg')).toBe(1);
    // Page 2 holds Điều 3 and the signature (read on the page image).
    expect(pageOf('Điều 3')).toBe(2);
    expect(source.ocrConfidence).toBeGreaterThan(0.8);
    expect(source.ocrConfidence).toBeLessThanOrEqual(1);
  });

  it('reports every page as it is read', () => {
    expect(progress.map(([, total]) => total)).toEqual([2, 2]);
    expect(progress.map(([done]) => done)).toEqual([1, 2]);
  });

  it('gives the parser a document with its pages and confidence', () => {
    const record = parseDocument(result.text, { fileName: '2216-ttg.signed.pdf', source: result.source });
    expect(record.document.sourceFormat).toBe('pdf-ocr');
    expect(record.document.pageCount).toBe(2);
    expect(record.document.ocrConfidence).toBe(result.source.ocrConfidence);
  });
});
