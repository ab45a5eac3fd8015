/**
 * The parser on real documents it was not written from (data/wild: 68 portal copies, OCR and
 * transcriptions crawled from public repositories), against what people read in them:
 * data/wild/identity.tsv and the task gold of test/fixtures/wild-gold/ (see its README).
 * `npx tsx bench/parser-wild.ts -v` prints the same figures with every miss.
 *
 * The floors are the targets (number and date ≥ 0.95; tasks ≥ 0.90; leads ≥ 0.85). The
 * documents kept aside to judge the parser are of the same kinds; these keep it honest here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/paths.js';
import type { DocumentRecord } from '../../graph-schema/index.js';
import { parseDocument } from '../../ingest/parse/parse-document.js';
import {
  addScores,
  identityChecks,
  loadIdentityRows,
  loadWildGold,
  rates,
  scoreTasks,
  type IdentityField,
} from '../helpers/wild-gold.js';

const WILD = path.join(REPO_ROOT, 'data/wild');
const rows = loadIdentityRows(path.join(WILD, 'identity.tsv'));
const gold = loadWildGold(path.join(REPO_ROOT, 'test/fixtures/wild-gold'));
const records = new Map<string, DocumentRecord>();

// Parsing the 68 documents takes 2–3 s on a quiet machine and over 10 s (the default hook
// timeout) when the cores are shared; how long it takes is bench/parser-wild.ts' business.
beforeAll(() => {
  for (const row of rows) {
    const text = readFileSync(path.join(WILD, 'docs', row.file), 'utf8');
    records.set(row.file, parseDocument(text, { fileName: row.file }));
  }
}, 120_000);

describe('the parser on real documents (data/wild)', () => {
  it('reads every one of the 68 without an error', () => {
    expect(records.size).toBe(68);
  });

  it.each<[IdentityField, number]>([
    ['number', 0.95],
    ['date', 0.95],
    ['province', 0.95],
    ['type', 0.9],
  ])('reads the %s of at least %f of them', (field, floor) => {
    const checks = rows.flatMap((row) => identityChecks(records.get(row.file)?.document, row).filter((c) => c.field === field));
    const misses = checks.filter((c) => !c.ok);
    expect(1 - misses.length / checks.length, JSON.stringify(misses)).toBeGreaterThanOrEqual(floor);
  });

  it('finds the tasks of the annotated plans with precision and recall ≥ 0.90, their leads ≥ 0.85, coordinating agencies ≥ 0.85', () => {
    const all = addScores(gold.map((g) => scoreTasks(records.get(g.source)!, g)));
    const r = rates(all);
    const report = JSON.stringify(r);
    expect(r.taskPrecision, report).toBeGreaterThanOrEqual(0.9);
    expect(r.taskRecall, report).toBeGreaterThanOrEqual(0.9);
    expect(r.leadPrecision, report).toBeGreaterThanOrEqual(0.85);
    expect(r.leadRecall, report).toBeGreaterThanOrEqual(0.85);
    expect(r.coordPrecision, report).toBeGreaterThanOrEqual(0.9);
    expect(r.coordRecall, report).toBeGreaterThanOrEqual(0.85);
  });

  it('never cites a document from itself, nor gives a central issuer a province', () => {
    for (const [file, record] of records) {
      const self = record.document;
      expect(record.citations.filter((c) => c.to === self.id), file).toEqual([]);
      if (self.number) {
        const own = record.citedDocuments.filter((d) => d.number === self.number && d.typeCode === self.typeCode);
        expect(own.map((d) => d.id), file).toEqual([]);
      }
      if (self.level === 'central') expect(self.province, file).toBeNull();
    }
  });
});
