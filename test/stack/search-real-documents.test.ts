/**
 * The search on two real documents of data/wild, as portals serve them: Đồng Tháp's 597/KH-UBND (a
 * plan whose tasks include "Hệ thống thu phí điện tử không dừng …", line 271) and Quảng Trị's
 * 2708/QĐ-UBND (a decision publishing administrative procedures: no task, but fields such as
 * "h) Phí, lệ phí: Không." at lines 185 and 343). Before tasks and directive items were the
 * default, a staff query for electronic toll collection got that procedure field twice as a strong
 * match; now the two fields, asked for, are one hit naming the other (search/twins.ts).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/paths.js';
import { logger } from '../../core/logger.js';
import type { HybridSearchService } from '../../search/service.js';
import { searchOver, type SearchOver } from '../helpers/search-over.js';

logger.level = 'error';

const WILD = join(REPO_ROOT, 'data/wild/docs');
const PLAN = 'tnt305__689f49d25e51cbaa.md';
const PROCEDURES = 'tnt305__4c6ac60a4ebc43d6.md';

let opened: SearchOver;
let service: HybridSearchService;

beforeAll(async () => {
  opened = await searchOver([join(WILD, PLAN), join(WILD, PROCEDURES)]);
  ({ service } = opened);
});

afterAll(() => opened.close());

describe('search on real documents', () => {
  it('finds the toll-collection task typed without tone marks, and no procedure field beside it', async () => {
    const hits = await service.search('thu phi khong dung', { kind: 'any' }, 10);
    expect(hits[0]!.item.text).toMatch(/^Hệ thống thu phí điện tử không dừng/);
    expect(hits[0]!.item.documentNumber).toBe('597/KH-UBND');
    for (const h of hits) expect(h.item.isTask || h.item.isDirective, h.item.text).toBe(true);
    expect(hits.some((h) => /^Phí, lệ phí/.test(h.item.text))).toBe(false);
  });

  it('still finds the procedure fields when every paragraph is asked for, the same field of two procedures as one hit', async () => {
    const hits = await service.search('phí, lệ phí', { kind: 'all' }, 10);
    const fields = hits.filter((h) => /^Phí, lệ phí: Không/.test(h.item.text));
    expect(fields).toHaveLength(1);
    const [field] = fields;
    expect([185, 343]).toContain(field!.item.lineStart);
    expect(field!.item.isTask || field!.item.isDirective).toBe(false);
    // The other procedure's field, named beside it.
    expect(field!.alsoIn.map((t) => t.documentId)).toEqual([field!.item.documentId]);
    expect(field!.alsoIn[0]!.sectionPath).not.toEqual(field!.item.sectionPath);
  });
});
