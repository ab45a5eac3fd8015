import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../ingest/extract/detect-format.js';
import { extractSource } from '../../ingest/extract/extract-source.js';
import { SourceError } from '../../ingest/read-source.js';

const fixtures = join(import.meta.dirname, '../fixtures/formats');
const read = (name: string) => readFileSync(join(fixtures, name));
const MAX = 5 * 1024 * 1024;

async function refusal(bytes: Uint8Array, fileName: string, maxBytes = MAX): Promise<SourceError> {
  try {
    await extractSource(bytes, fileName, { maxBytes });
  } catch (err) {
    expect(err).toBeInstanceOf(SourceError);
    return err as SourceError;
  }
  throw new Error(`${fileName} was not refused`);
}

const ACCEPTED = 'accepted: .txt, .md, .pdf (text or scanned), .docx, .html';

describe('format detection', () => {
  it('goes by the bytes, the extension only telling HTML from text', () => {
    expect(sniffFormat(Buffer.from('%PDF-1.7\n…'), 'report.txt')).toBe('pdf');
    expect(sniffFormat(Buffer.from('\ufeff  <!DOCTYPE html><html><body>x</body></html>'), 'plan.txt')).toBe('html');
    expect(sniffFormat(Buffer.from('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'), 'plan')).toBe('html');
    expect(sniffFormat(Buffer.from('<p>Kế hoạch</p><br>'), 'plan.htm')).toBe('html');
    // Markdown from portals carries <b> and <sup> tags and stays text.
    expect(sniffFormat(Buffer.from('**Kế hoạch** số 1<sup>1</sup> <b>x</b>'), 'plan.md')).toBe('text');
    expect(sniffFormat(read('plan.docx'), 'plan.bin')).toBe('zip');
    expect(sniffFormat(Buffer.from('Kế hoạch số 12/KH-UBND'), 'plan.pdf')).toBe('text');
  });

  it('refuses images, legacy Office files and archives, naming what is accepted', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
    const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const xlsx = zipSync({ '[Content_Types].xml': Buffer.from('<Types/>'), 'xl/workbook.xml': Buffer.from('<workbook/>') });
    const zip = zipSync({ 'a.txt': Buffer.from('Kế hoạch') });
    for (const [bytes, name, what] of [
      [png, 'scan.png', 'a PNG image'],
      [jpeg, 'scan.docx', 'a JPEG image'],
      [doc, 'plan.doc', 'Word 97–2003'],
      [xlsx, 'tasks.xlsx', 'an Excel workbook'],
      [zip, 'plans.zip', 'a ZIP archive'],
    ] as const) {
      const err = await refusal(bytes, name);
      expect(err.code, name).toBe('unsupported-format');
      expect(err.message, name).toContain(what);
      expect(err.message, name).toContain(ACCEPTED);
    }
  });

  it('refuses a password-protected Word file (an OLE container holding an EncryptedPackage stream)', async () => {
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(64)]);
    const err = await refusal(cfb, 'locked.docx');
    expect(err.code).toBe('encrypted');
    expect(err.message).toMatch(/password-protected/);
  });

  it('refuses random bytes as binary, naming what is accepted', async () => {
    let x = 7;
    const noise = Buffer.from(Array.from({ length: 4096 }, () => (x = (x * 1103515245 + 12345) % 2 ** 31) & 0xff));
    const err = await refusal(noise, 'noise.txt');
    expect(err.code).toBe('binary');
    expect(err.message).toContain(ACCEPTED);
  });

  it('refuses a text with a NUL byte past its first 8 KB as binary (was: stored with the NUL in its text)', async () => {
    const plan = read('../../../data/corpus/003_2c04bff435a40578.txt');
    const at = plan.indexOf('\n', 30_000) + 1; // between two lines: the rest stays valid UTF-8
    const withNul = Buffer.concat([plan.subarray(0, at), Buffer.from([0]), plan.subarray(at)]);
    const err = await refusal(withNul, '003-nul.txt');
    expect(err.code).toBe('binary');
    expect(err.message).toMatch(/NUL/);
  });

  it('keeps the text refusals: UTF-16, legacy encodings, empty files', async () => {
    expect((await refusal(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Kế hoạch', 'utf16le')]), 'a.txt')).code).toBe('encoding');
    expect((await refusal(Buffer.alloc(0), 'a.txt')).code).toBe('empty');
  });
});

describe('refusals of damaged, locked and hostile files', () => {
  it('refuses a password-protected PDF', async () => {
    const err = await refusal(read('encrypted.pdf'), 'encrypted.pdf');
    expect(err.code).toBe('encrypted');
    expect(err.message).toMatch(/password/);
  });

  it('refuses a truncated PDF as corrupt', async () => {
    const err = await refusal(read('truncated.pdf'), 'truncated.pdf');
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/damaged or truncated/);
  });

  it('refuses a PDF without pages', async () => {
    const err = await refusal(read('no-pages.pdf'), 'no-pages.pdf');
    expect(err.code).toBe('no-text');
  });

  it('refuses a scanned PDF whose only page is blank (OCR finds no words)', async () => {
    const err = await refusal(read('blank-scan.pdf'), 'blank-scan.pdf');
    expect(err.code).toBe('no-text');
    expect(err.message).toMatch(/no readable text/);
  });

  it('refuses a zip bomb before unzipping it', async () => {
    const started = performance.now();
    const err = await refusal(read('zip-bomb.docx'), 'zip-bomb.docx');
    expect(err.code).toBe('zip-bomb');
    expect(err.message).toMatch(/60\.0 MB .*zip bomb/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a DOCX that would unpack too tightly even under the size limit', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(20 * 1024 * 1024).fill(0x20) }, { level: 9 });
    expect((await refusal(bomb, 'small-bomb.docx')).code).toBe('zip-bomb');
  });

  it('refuses a truncated DOCX as corrupt, and a few bytes starting like a ZIP as binary', async () => {
    const docx = read('plan.docx');
    expect((await refusal(docx.subarray(0, docx.length >> 1), 'half.docx')).code).toBe('corrupt');
    expect((await refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0x00]), 'upload.bin')).code).toBe('binary');
  });

  it('refuses a DOCX that is not a Word document inside', async () => {
    const fake = zipSync({ 'word/document.xml': Buffer.from('not xml at all <<<') });
    expect((await refusal(fake, 'fake.docx')).code).toBe('corrupt');
  });

  it('refuses a file over the limit before reading it', async () => {
    const err = await refusal(read('text-layer.pdf'), 'text-layer.pdf', 10_000);
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/over the 10 KB limit/);
  });

  it('leaves no temporary files behind, refused or not', async () => {
    // A temp dir of its own, so OCR run at the same time by other tests or programs cannot interfere.
    const own = await mkdtemp(join(tmpdir(), 'extract-refusals-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = own;
    try {
      await refusal(read('blank-scan.pdf'), 'blank-scan.pdf');
      await extractSource(read('text-layer.pdf'), 'text-layer.pdf', { maxBytes: MAX });
      expect(await readdir(own)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      await rm(own, { recursive: true, force: true });
    }
  });
});
