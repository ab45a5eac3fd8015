/**
 * Deadlines (issue 11, item 3): tasks by year of deadline per province, overdue as of a chosen day,
 * the tasks behind a count, and documents by year of issue. The demo corpus plus two real plans with
 * dated tasks (test/helpers/dated-plans.ts says what they read). Real Neo4j, real parser.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../ingest/pipeline.js';
import { TaskList } from '../../api-schema/audit.js';
import { DeadlineGrid } from '../../api-schema/deadlines.js';
import { DATED_PLAN_FILES, HA_NOI_DUE_2025, NGHE_AN_DUE_30_11 } from '../helpers/dated-plans.js';
import { useDemoApi } from '../helpers/demo-api.js';
import { BT_3229 } from '../helpers/demo-corpus.js';

const { get } = await useDemoApi({
  seed: async (db) => {
    const outcomes = await ingestFiles(db, DATED_PLAN_FILES, { maxBytes: 5_000_000 });
    expect(outcomes.map((o) => o.status)).toEqual(['ingested', 'ingested']);
  },
});

const overdueTexts = async (province: string, asOf: string) => {
  const r = await get('/api/deadlines/tasks', { province, asOf, status: 'overdue' });
  expect(r.status).toBe(200);
  return TaskList.parse(r.body).items.map((t) => ({ text: t.task.text, deadline: t.task.deadline }));
};

describe('GET /api/deadlines', () => {
  it('counts tasks by year of deadline per province, and those past their deadline on the day asked', async () => {
    const dec1 = DeadlineGrid.parse((await get('/api/deadlines', { asOf: '2025-12-01' })).body);
    expect(dec1.asOf).toBe('2025-12-01');
    expect(dec1.years).toContain('2025');
    const ngheAn = dec1.provinces.find((p) => p.province === 'Nghệ An')!;
    expect(ngheAn.years['2025']!.due).toBeGreaterThanOrEqual(2);
    // Only the task due on 30/11 had passed its deadline on 1/12; those due within 2025 had not.
    expect(ngheAn.years['2025']!.overdue).toBe(1);
    const nov30 = DeadlineGrid.parse((await get('/api/deadlines', { asOf: '2025-11-30' })).body);
    expect(nov30.provinces.find((p) => p.province === 'Nghệ An')!.overdue).toBe(0);
    // Bình Thuận's plan gives its tasks "Thường xuyên" or no time: nothing falls due.
    const binhThuan = dec1.provinces.find((p) => p.province === 'Bình Thuận')!;
    expect(binhThuan.recurring).toBeGreaterThan(0);
    expect(binhThuan.years).toEqual({});
    expect(binhThuan.tasks).toBe(binhThuan.recurring + binhThuan.undated);
  });

  it('rolls provinces up into their 2025 units with provinces=current', async () => {
    const historical = DeadlineGrid.parse((await get('/api/deadlines', { asOf: '2025-12-01' })).body);
    const current = DeadlineGrid.parse((await get('/api/deadlines', { asOf: '2025-12-01', provinces: 'current' })).body);
    expect(current.provinces.find((p) => p.province === 'Lâm Đồng')!.tasks).toBe(historical.provinces.find((p) => p.province === 'Bình Thuận')!.tasks);
    expect(current.provinces.some((p) => p.province === 'Bình Thuận')).toBe(false);
  });

  it('refuses a day that is not on the calendar', async () => {
    expect((await get('/api/deadlines', { asOf: '2025-02-30' })).status).toBe(400);
    expect((await get('/api/deadlines/tasks', { asOf: '30/11/2025' })).status).toBe(400);
  });
});

describe('GET /api/deadlines/tasks', () => {
  it('lists the tasks past their deadline on a day, soonest first, with their deadline', async () => {
    expect(await overdueTexts('Nghệ An', '2025-11-30')).toEqual([]);
    const dec1 = await overdueTexts('Nghệ An', '2025-12-01');
    expect(dec1).toHaveLength(1);
    expect(dec1[0]!.text).toContain(NGHE_AN_DUE_30_11.text);
    expect(dec1[0]!.deadline).toBe(NGHE_AN_DUE_30_11.deadline);

    expect((await overdueTexts('Hà Nội', '2025-12-31')).some((t) => t.text.includes(HA_NOI_DUE_2025.text))).toBe(false);
    const jan1 = await overdueTexts('ha noi', '2026-01-01');
    expect(jan1.find((t) => t.text.includes(HA_NOI_DUE_2025.text))?.deadline).toBe(HA_NOI_DUE_2025.deadline);
    const deadlines = jan1.map((t) => t.deadline!);
    expect(deadlines).toEqual([...deadlines].sort());
  });

  it('lists the tasks due in a year, overdue or not, and exports them as CSV', async () => {
    const dated = TaskList.parse((await get('/api/deadlines/tasks', { province: 'Nghệ An', asOf: '2025-12-01', status: 'dated', year: 2025 })).body);
    expect(dated.total).toBeGreaterThanOrEqual(2);
    expect(dated.items.every((t) => t.task.deadline?.startsWith('2025'))).toBe(true);
    const csv = await get('/api/deadlines/tasks', { province: 'Nghệ An', asOf: '2025-12-01', status: 'dated', year: 2025, format: 'csv' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.trim().split('\n').length).toBe(dated.total + 1);
  });
});

describe('GET /api/documents?year=', () => {
  it('filters documents by year of issue', async () => {
    const y2024 = (await get('/api/documents', { year: 2024, limit: 200 })).body.items.map((d: { id: string; year: number }) => d);
    expect(y2024.map((d: { id: string }) => d.id)).toContain(BT_3229);
    expect(y2024.every((d: { year: number }) => d.year === 2024)).toBe(true);
    const y2025 = (await get('/api/documents', { year: 2025, province: 'Hà Nội' })).body.items;
    expect(y2025.map((d: { number: string }) => d.number)).toContain('308/KH-UBND');
    expect((await get('/api/documents', { year: 'mười' })).status).toBe(400);
  });
});
