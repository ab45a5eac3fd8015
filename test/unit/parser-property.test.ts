import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentRecord } from '../../graph-schema/index.js';
import { parseBytes } from '../../ingest/parse-file.js';
import { SourceError } from '../../ingest/read-source.js';
import { ParseError } from '../../ingest/parse/parse-document.js';

const corpusDir = join(import.meta.dirname, '../../data/corpus');
const corpus = [
  ...readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).map((f) => join(corpusDir, f)),
  ...readdirSync(join(corpusDir, 'national')).map((f) => join(corpusDir, 'national', f)),
].map((f) => readFileSync(f, 'utf8'));
const MAX = 1_000_000;

/**
 * Whatever the input, parsing either returns a valid record or refuses it with one of our two
 * errors and a readable reason, within a time that rules out runaway regular expressions.
 */
async function checkParse(bytes: Uint8Array): Promise<void> {
  const started = performance.now();
  try {
    const record = await parseBytes(bytes, 'fuzz.txt', MAX);
    expect(() => DocumentRecord.parse(record)).not.toThrow();
    for (const item of record.items) expect(item.lineEnd).toBeGreaterThanOrEqual(item.lineStart);
  } catch (err) {
    expect(err instanceof SourceError || err instanceof ParseError, `unexpected ${String(err)}`).toBe(true);
    expect((err as Error).message.length).toBeGreaterThan(10);
  }
  expect(performance.now() - started, 'parse took too long: a runaway pattern?').toBeLessThan(5_000);
}

const lines = (text: string) => text.split('\n');

describe('parser on random and mutated input', () => {
  it('handles arbitrary unicode text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 2000 }), (s) => checkParse(Buffer.from(s))), {
      numRuns: 200,
    });
  });

  it('handles arbitrary bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), (b) => checkParse(b)), { numRuns: 200 });
  });

  it('handles real documents with lines dropped, duplicated, shuffled and truncated', async () => {
    const mutated = fc
      .record({
        doc: fc.constantFrom(...corpus),
        ops: fc.array(
          fc.record({
            kind: fc.constantFrom('drop', 'dup', 'swap', 'truncate', 'noise'),
            at: fc.nat(),
            noise: fc.string({ maxLength: 80 }),
          }),
          { maxLength: 20 },
        ),
      })
      .map(({ doc, ops }) => {
        let ls = lines(doc);
        for (const op of ops) {
          const i = op.at % Math.max(ls.length, 1);
          if (op.kind === 'drop') ls.splice(i, 1);
          else if (op.kind === 'dup') ls.splice(i, 0, ls[i] ?? '');
          else if (op.kind === 'swap') [ls[i], ls[0]] = [ls[0] ?? '', ls[i] ?? ''];
          else if (op.kind === 'truncate') ls = ls.slice(0, i + 1);
          else ls.splice(i, 0, op.noise);
        }
        return ls.join('\n');
      });
    await fc.assert(fc.asyncProperty(mutated, (text) => checkParse(Buffer.from(text))), { numRuns: 150 });
  });

  it('handles pathological repetition (long runs of markers, numbers and separators)', async () => {
    const piece = fc.constantFrom('- ', '+ ', '1.', 'a)', 'I.', '**', '\t', ' /KH-UBND ', 'số ', '|', 'chủ trì, phối hợp', '\n');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 100, maxLength: 3000 }), (parts) => checkParse(Buffer.from(parts.join('')))),
      { numRuns: 60 },
    );
  });

  it('refuses the bad inputs the issue names, each with its reason', async () => {
    const refusals: [Uint8Array, RegExp][] = [
      [Buffer.alloc(0), /empty/],
      [Buffer.from('   \n\n  '), /empty/],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), /binary/],
      [Buffer.from('Kế hoạch số 12/KH-UBND về việc '.repeat(50000)), /over the .* limit/],
      [Buffer.from('Lorem ipsum dolor sit amet, consectetur adipiscing elit.\nNo policy here.'), /not recognisable as a policy document/i],
    ];
    for (const [bytes, reason] of refusals) {
      await expect(parseBytes(bytes, 'bad.txt', MAX)).rejects.toThrow(reason);
    }
  });

  it('refuses a plan of 4,000 tasks (a data table, not a plan), with the count and the cap', async () => {
    const rows = Array.from({ length: 4_000 }, (_, i) => `- Sở Tài chính chủ trì rà soát hồ sơ tài sản số ${i + 1}.`);
    const text = ['ỦY BAN NHÂN DÂN TỈNH NINH THUẬN', 'Số: 77/KH-UBND', 'KẾ HOẠCH', 'Kiểm kê tài sản công', ...rows].join('\n');
    await expect(parseBytes(Buffer.from(text), 'bang.txt', 5_000_000)).rejects.toThrow(/has 4000 items, more than the 3000 a document may have/);
  });

  it('refuses a table of 10,000 rows before reading the rest of it: in less time than reading 3,000 in full (was: 3 times as long)', async () => {
    const table = (rows: number) =>
      [
        'ỦY BAN NHÂN DÂN TỈNH NINH THUẬN',
        'Số: 77/KH-UBND',
        'KẾ HOẠCH',
        'Kiểm kê tài sản công',
        'STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian',
        ...Array.from({ length: rows }, (_, i) => `${i + 1}\tRà soát hồ sơ tài sản công số ${i + 1} của đơn vị\tSở Tài chính\tSở Nội vụ\tNăm 2026`),
      ].join('\n');
    const timed = async (text: string) => {
      const started = performance.now();
      const outcome = await parseBytes(Buffer.from(text), 'bang.txt', 5_000_000).then(
        (r) => `${r.items.length} items`,
        (err: Error) => err.message,
      );
      return { ms: performance.now() - started, outcome };
    };
    await timed(table(10)); // the parser's first run compiles its patterns
    const full = await timed(table(3_000));
    const refused = await timed(table(10_000));
    expect(full.outcome).toBe('3000 items');
    expect(refused.outcome).toMatch(/has 10000 items, more than the 3000 a document may have/);
    expect(refused.ms).toBeLessThan(2 * full.ms);
  });

  it('refuses a megabyte on one line at once, saying how long the line is (was: seconds of parsing; for a line of letters, most of an hour)', async () => {
    for (const unit of ['a', 'Sở ', 'I.1.', '|']) {
      const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const started = performance.now();
      await expect(parseBytes(Buffer.from(`ỦY BAN NHÂN DÂN TỈNH NINH THUẬN\nSố: 77/KH-UBND\nKẾ HOẠCH\n${line}`), 'dong.txt', 5_000_000)).rejects.toThrow(
        `has a line of ${line.length} characters, more than the 20000 a paragraph may have`,
      );
      expect(performance.now() - started, unit).toBeLessThan(500);
    }
  });
});
