/**
 * Reviews of task → directive links on the demo corpus, through the real app, ingest and Neo4j.
 * The two cases come from reading the texts (issue 12):
 * - Quảng Bình's plan II.6.b (Sở Nội vụ: policies to attract scientists from Quảng Bình living
 *   abroad) is proposed for 69-KL/TW §6.2 (joint ventures, technology transfer with foreign firms
 *   investing in Việt Nam), which it is not about: rejected.
 * - Bắc Giang's plan III.6 (cooperation with institutes at home and abroad, international S&T
 *   cooperation tied to economic cooperation) carries out §6.1 (deeper integration, international
 *   cooperation) as well as §6.2, and is proposed for §6.2 only: §6.1 added.
 * Both decisions must survive the documents deleted and uploaded again and a full re-ingest; a
 * changed task text flags its review stale; every change is kept; writes need the token.
 */
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuery } from '../../graph-store/db.js';
import { discoverFiles } from '../../ingest/discover-files.js';
import { ingestFiles } from '../../ingest/pipeline.js';
import { REPO_ROOT } from '../../core/paths.js';
import { useDemoApi } from '../helpers/demo-api.js';
import { KL69 } from '../helpers/demo-corpus.js';

const TOKEN = 'test-token';
const QB_DOC = 'vn/quang-binh/ubnd/kh/untitled-f98f4cc6c9aa';
const BG_DOC = 'vn/bac-giang/tu/kh/untitled-216c0d7342e2';
const QB_FILE = join(REPO_ROOT, 'data/corpus/000_7e0883046d7fbb4f.txt');
const BG_FILE = join(REPO_ROOT, 'data/corpus/004_d3aaec19ab7e37bf.txt');
const QB_II_6_B = `${QB_DOC}#ii.6.b`;
const BG_III_6 = `${BG_DOC}#iii.6.1`;
const S61 = `${KL69}#6.1`;
const S62 = `${KL69}#6.2`;

const demo = await useDemoApi();

async function review(body: unknown, token: string | null = TOKEN) {
  const res = await fetch(`${demo.server.base}/api/reviews`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function upload(file: string, bytes?: Buffer) {
  const res = await fetch(`${demo.server.base}/api/documents?fileName=${encodeURIComponent(file.split('/').pop()!)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8', authorization: `Bearer ${TOKEN}` },
    body: (bytes ?? (await readFile(file))) as unknown as BodyInit,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function remove(id: string) {
  const res = await fetch(`${demo.server.base}/api/documents?id=${encodeURIComponent(id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
  return res.status;
}

const heatmap = async () => (await demo.get('/api/audit/heatmap', { documentId: KL69 })).body;
const cellOf = (map: any, directiveId: string, province: string): number => map.rows.find((r: any) => r.directive.id === directiveId).cells[province] ?? 0;
const cell = async (directiveId: string, province: string) => (await demo.get('/api/audit/cell', { directiveId, province })).body;
const ids = (tasks: { task: { id: string } }[]) => tasks.map((t) => t.task.id);

/** Both decisions are in force: the heatmap, the cells and the task's links say so. */
async function expectDecisionsKept(before: { qb62: number; bg61: number }) {
  const map = await heatmap();
  expect(cellOf(map, S62, 'Quảng Bình')).toBe(before.qb62 - 1);
  expect(cellOf(map, S61, 'Bắc Giang')).toBe(before.bg61 + 1);
  const qb = await cell(S62, 'Quảng Bình');
  expect(ids(qb.tasks)).not.toContain(QB_II_6_B);
  expect(qb.rejected.map((t: any) => [t.task.id, t.status, t.review.reviewer])).toEqual([[QB_II_6_B, 'rejected', 'Kiểm toán viên A']]);
  const bg = await cell(S61, 'Bắc Giang');
  const added = bg.tasks.find((t: any) => t.task.id === BG_III_6);
  expect(added).toMatchObject({ status: 'added', score: null, review: { decision: 'add', reviewer: 'Kiểm toán viên B' } });
  const links = (await demo.get('/api/reviews/task', { taskId: BG_III_6 })).body;
  expect(links.links.map((l: any) => [l.directive.id, l.status])).toEqual(expect.arrayContaining([[S61, 'added']]));
  expect(links.candidates.map((c: any) => c.id)).not.toContain(S61);
}

describe('reviews of task → directive links', () => {
  let before: { qb62: number; bg61: number };

  it('starts from the linker\'s proposals the texts contradict', async () => {
    const map = await heatmap();
    before = { qb62: cellOf(map, S62, 'Quảng Bình'), bg61: cellOf(map, S61, 'Bắc Giang') };
    const qb = await cell(S62, 'Quảng Bình');
    expect(qb.tasks.find((t: any) => t.task.id === QB_II_6_B)).toMatchObject({ status: 'proposed', review: null });
    expect(ids((await cell(S61, 'Bắc Giang')).tasks)).not.toContain(BG_III_6);
    const links = (await demo.get('/api/reviews/task', { taskId: BG_III_6 })).body;
    expect(links.candidates.map((c: any) => c.id)).toContain(S61);
  });

  it('refuses writes without the token (401) and bad input (400), changing nothing', async () => {
    const ok = { taskId: QB_II_6_B, directiveId: S62, decision: 'reject', reviewer: 'X' };
    expect((await review(ok, null)).status).toBe(401);
    expect((await review(ok, 'wrong')).status).toBe(401);
    const noReviewer = await review({ ...ok, reviewer: '  ' });
    expect(noReviewer.status).toBe(400);
    expect(noReviewer.body.error).toMatch(/^invalid body: reviewer: reviewer is required/);
    expect((await review({ ...ok, decision: 'maybe' })).status).toBe(400);
    expect((await review({ ...ok, extra: 1 })).status).toBe(400);
    expect((await review('{not json')).status).toBe(400);
    expect((await review({ ...ok, taskId: `${QB_DOC}#nope` })).status).toBe(404);
    expect((await review({ ...ok, directiveId: QB_II_6_B })).status).toBe(404);
    expect((await demo.get('/api/reviews')).body.total).toBe(0);
  });

  it('rejects one link and adds another: the heatmap changes', async () => {
    const r1 = await review({ taskId: QB_II_6_B, directiveId: S62, decision: 'reject', reviewer: 'Kiểm toán viên A', comment: 'II.6.b là thu hút nhà khoa học, không phải liên doanh với doanh nghiệp nước ngoài' });
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({ decision: 'reject', status: 'rejected', stale: false, taskMissing: false });
    const r2 = await review({ taskId: BG_III_6, directiveId: S61, decision: 'add', reviewer: 'Kiểm toán viên B', comment: 'III.6 nói về hợp tác quốc tế (§6.1)' });
    expect(r2.status).toBe(201);
    expect(r2.body.status).toBe('added');
    await expectDecisionsKept(before);
    const summary = (await demo.get('/api/audit/summary')).body.items;
    expect(summary.find((d: any) => d.id === QB_DOC)).toMatchObject({ linksRejected: 1, linksReviewed: 0 });
    expect(summary.find((d: any) => d.id === BG_DOC)).toMatchObject({ linksRejected: 0, linksReviewed: 1 });
    // §6.1 is no longer a gap of Bắc Giang.
    const gaps = (await demo.get('/api/audit/unimplemented', { documentId: KL69, province: 'Bắc Giang' })).body.items.map((r: any) => r.directive.id);
    expect(gaps).not.toContain(S61);
    const csv = (await demo.get('/api/audit/cell', { directiveId: S62, province: 'Quảng Bình', format: 'csv' })).text;
    expect(csv).toContain('Kiểm toán viên A');
    expect(csv).toMatch(/rejected/);
  });

  it('keeps both decisions after the documents are deleted and uploaded again', async () => {
    expect(await remove(QB_DOC)).toBe(200);
    expect(await remove(BG_DOC)).toBe(200);
    const waiting = (await demo.get('/api/reviews')).body.items;
    expect(waiting.map((r: any) => [r.taskId, r.taskMissing, r.stale])).toEqual(
      expect.arrayContaining([[QB_II_6_B, true, null], [BG_III_6, true, null]]),
    );
    expect((await upload(QB_FILE)).status).toBe(201);
    expect((await upload(BG_FILE)).status).toBe(201);
    await expectDecisionsKept(before);
  });

  it('keeps both decisions through a full re-ingest of the corpus', async () => {
    // Everything the ingest writes goes; the reviews stay, as they would in a database rebuilt from the files.
    await demo.db.driver.executeQuery('MATCH (n) WHERE NOT n:Review AND NOT n:ReviewEvent DETACH DELETE n', {}, { database: demo.db.database });
    const files = await discoverFiles([join(REPO_ROOT, 'data/corpus')]);
    const outcomes = await ingestFiles(demo.db, files, { maxBytes: 5 * 1024 * 1024 });
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    await expectDecisionsKept(before);
  });

  it('flags a review stale when its task\'s text changes, and keeps it', async () => {
    const text = await readFile(BG_FILE, 'utf8');
    const anchor = 'luật pháp quốc tế, luật pháp Việt Nam.';
    expect(text).toContain(anchor);
    const edited = text.replace(anchor, `${anchor} Tổ chức đoàn công tác trao đổi kinh nghiệm với các đối tác quốc tế hằng năm.`);
    const dir = await mkdtemp(join(tmpdir(), 'review-'));
    await writeFile(join(dir, '004_d3aaec19ab7e37bf.txt'), edited);
    const up = await upload(join(dir, '004_d3aaec19ab7e37bf.txt'), Buffer.from(edited));
    expect(up.status).toBe(201);
    const [bg] = (await demo.get('/api/reviews', { taskId: BG_III_6 })).body.items;
    expect(bg).toMatchObject({ decision: 'add', stale: true, taskMissing: false, status: 'added' });
    const [qb] = (await demo.get('/api/reviews', { taskId: QB_II_6_B })).body.items;
    expect(qb.stale).toBe(false);
    const cellNow = await cell(S61, 'Bắc Giang');
    expect(cellNow.tasks.find((t: any) => t.task.id === BG_III_6).review.stale).toBe(true);
  });

  it('keeps every change as history, and a cleared decision gives the proposal back', async () => {
    const again = await review({ taskId: QB_II_6_B, directiveId: S62, decision: 'clear', reviewer: 'Kiểm toán viên C', comment: 'xem lại' });
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('proposed');
    expect(again.body.history.map((e: any) => [e.decision, e.reviewer, e.comment])).toEqual([
      ['reject', 'Kiểm toán viên A', 'II.6.b là thu hút nhà khoa học, không phải liên doanh với doanh nghiệp nước ngoài'],
      ['clear', 'Kiểm toán viên C', 'xem lại'],
    ]);
    expect(cellOf(await heatmap(), S62, 'Quảng Bình')).toBe(before.qb62);
    const back = await review({ taskId: QB_II_6_B, directiveId: S62, decision: 'reject', reviewer: 'Kiểm toán viên A' });
    expect(back.body.history).toHaveLength(3);
    expect(back.body.history.map((e: any) => e.at)).toEqual([...back.body.history.map((e: any) => e.at)].sort());
    const events = await readQuery<{ n: number }>(demo.db, 'MATCH (e:ReviewEvent) RETURN count(e) AS n');
    // reject, add, clear, reject again: four changes, four events.
    expect(events[0]!.n).toBe(4);
  });

  it('lists the review queue, what would change the heatmap most first', async () => {
    const q = (await demo.get('/api/reviews/queue', { documentId: KL69, limit: 500 })).body;
    expect(q.items.length).toBeGreaterThan(0);
    const priorities = q.items.map((e: any) => e.priority);
    expect(priorities).toEqual([...priorities].sort((a: number, b: number) => b - a));
    for (const e of q.items) {
      if (e.kind === 'unlinked') expect(e.directive).toBeNull();
      else expect(e.score).toBeLessThan(q.threshold + q.margin);
      if (e.kind === 'single-weak-link') expect(e.cellTasks).toBe(1);
    }
    // A reviewed link is not in the queue.
    expect(q.items.some((e: any) => e.task.id === QB_II_6_B && e.directive?.id === S62)).toBe(false);
    expect((await demo.get('/api/reviews/queue', { documentId: 'vn/none', limit: 5 })).status).toBe(404);
    expect((await demo.get('/api/reviews/queue', { limit: 0 })).status).toBe(400);
  });
});
