/**
 * The 8 signed scans of the Government portal (data/pdf-scans: no text layer, numbers and days
 * written by hand into the printed form), read end to end — real OCR, the second pass over the
 * handwritten fields, the parser with its fallbacks — give each document's number and date as
 * data/pdf-scans/README.md records them from the page images. Takes a minute or two (OCR).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/paths.js';
import type { DocumentRecord } from '../../graph-schema/index.js';
import { parseFile } from '../../ingest/parse-file.js';

const DIR = path.join(REPO_ROOT, 'data/pdf-scans');

/** "| 190-ttg.signed.pdf | 190/CĐ-TTg, 07/10/2025, …" rows of the README. */
function truths(): Array<{ file: string; number: string; date: string }> {
  const rows = readFileSync(path.join(DIR, 'README.md'), 'utf8').split('\n');
  return rows.flatMap((r) => {
    const m = /^\| (\S+\.pdf) \| ([^,]+), (\d{2})\/(\d{2})\/(\d{4})/.exec(r);
    return m ? [{ file: m[1]!, number: m[2]!.trim(), date: `${m[5]}-${m[4]}-${m[3]}` }] : [];
  });
}

const records = new Map<string, DocumentRecord>();

beforeAll(async () => {
  for (const t of truths()) {
    const parsed = await parseFile(path.join(DIR, t.file), 20 * 1024 * 1024);
    if (parsed.ok) records.set(t.file, parsed.record);
  }
}, 600_000);

describe('signed scans, read by OCR', () => {
  it('has the README\'s 8 scans', () => {
    expect(truths()).toHaveLength(8);
  });

  it.each(truths())('$file: number $number, date $date, central, no province', (t) => {
    const doc = records.get(t.file)?.document;
    expect(doc, `${t.file} was not read`).toBeDefined();
    expect(doc).toMatchObject({ number: t.number, date: t.date, level: 'central', province: null, sourceFormat: 'pdf-ocr' });
    expect(doc!.ocrConfidence).toBeGreaterThan(0.7);
  });
});
