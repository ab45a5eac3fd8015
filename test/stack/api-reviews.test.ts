/**
 * Reviews of task → directive links on the demo corpus, through the real app, ingest and Neo4j.
 * The two cases come from reading the texts (issue 12; the linker's own cases of the issue, Quảng
 * Bình II.6.b and Bắc Giang III.6, it now gets right):
 * - Quảng Bình's plan II.1.a.2 (continue action programme 19-CTr/TU on 20-NQ/TW, tied to the
 *   programmes on 29-NQ/TW and 45-NQ/TW) turns the resolutions into plans, 69-KL/TW §1.2; the
 *   linker proposes §1.1 (the Party's leadership, a change in thinking), which it is not about:
 *   rejected.
 * - Bắc Giang's plan III.3.3 (mobilising investment for S&T through tax incentives, encouraging
 *   a provincial S&T development fund) carries out §2.2 (policies attracting resources from
 *   businesses for S&T), and is proposed for §3.1 only: §2.2 added.
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
const QB_II_1_A_2 = `${QB_DOC}#ii.1.a.2`;
const BG_III_3_3 = `${BG_DOC}#iii.3.3`;
const S11 = `${KL69}#1.1`;
const S22 = `${KL69}#2.2`;
const S31 = `${KL69}#3.1`;

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
async function expectDecisionsKept(before: { qb11: number; bg22: number }) {
  const map = await heatmap();
  expect(cellOf(map, S11, 'Quảng Bình')).toBe(before.qb11 - 1);
  expect(cellOf(map, S22, 'Bắc Giang')).toBe(before.bg22 + 1);
  const qb = await cell(S11, 'Quảng Bình');
  expect(ids(qb.tasks)).not.toContain(QB_II_1_A_2);
  expect(qb.rejected.map((t: any) => [t.task.id, t.status, t.review.reviewer])).toEqual([[QB_II_1_A_2, 'rejected', 'Kiểm toán viên A']]);
  const bg = await cell(S22, 'Bắc Giang');
  const added = bg.tasks.find((t: any) => t.task.id === BG_III_3_3);
  expect(added).toMatchObject({ status: 'added', score: null, review: { decision: 'add', reviewer: 'Kiểm toán viên B' } });
  const links = (await demo.get('/api/reviews/task', { taskId: BG_III_3_3 })).body;
  expect(links.links.map((l: any) => [l.directive.id, l.status])).toEqual(expect.arrayContaining([[S22, 'added']]));
  expect(links.candidates.map((c: any) => c.id)).not.toContain(S22);
}

describe('reviews of task → directive links', () => {
  let before: { qb11: number; bg22: number };

  it('starts from the linker\'s proposals the texts contradict', async () => {
    const map = await heatmap();
    before = { qb11: cellOf(map, S11, 'Quảng Bình'), bg22: cellOf(map, S22, 'Bắc Giang') };
    const qb = await cell(S11, 'Quảng Bình');
    expect(qb.tasks.find((t: any) => t.task.id === QB_II_1_A_2)).toMatchObject({ status: 'proposed', review: null });
    expect(ids((await cell(S22, 'Bắc Giang')).tasks)).not.toContain(BG_III_3_3);
    const links = (await demo.get('/api/reviews/task', { taskId: BG_III_3_3 })).body;
    expect(links.candidates.map((c: any) => c.id)).toContain(S22);
  });

  it('refuses writes without the token (401) and bad input (400), changing nothing', async () => {
    const ok = { taskId: QB_II_1_A_2, directiveId: S11, decision: 'reject', reviewer: 'X' };
    expect((await review(ok, null)).status).toBe(401);
    expect((await review(ok, 'wrong')).status).toBe(401);
    const noReviewer = await review({ ...ok, reviewer: '  ' });
    expect(noReviewer.status).toBe(400);
    expect(noReviewer.body.error).toMatch(/^invalid body: reviewer: reviewer is required/);
    expect((await review({ ...ok, decision: 'maybe' })).status).toBe(400);
    expect((await review({ ...ok, extra: 1 })).status).toBe(400);
    expect((await review('{not json')).status).toBe(400);
    expect((await review({ ...ok, taskId: `${QB_DOC}#nope` })).status).toBe(404);
    expect((await review({ ...ok, directiveId: QB_II_1_A_2 })).status).toBe(404);
    expect((await demo.get('/api/reviews')).body.total).toBe(0);
  });

  it('rejects one link and adds another: the heatmap changes', async () => {
    const r1 = await review({ taskId: QB_II_1_A_2, directiveId: S11, decision: 'reject', reviewer: 'Kiểm toán viên A', comment: 'II.1.a.2 là tiếp tục thực hiện Chương trình hành động 19-CTr/TU (cụ thể hóa nghị quyết, §1.2), không phải §1.1' });
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({ decision: 'reject', status: 'rejected', stale: false, taskMissing: false });
    const r2 = await review({ taskId: BG_III_3_3, directiveId: S22, decision: 'add', reviewer: 'Kiểm toán viên B', comment: 'III.3.3 là xã hội hóa, thu hút nguồn lực cho khoa học và công nghệ (§2.2)' });
    expect(r2.status).toBe(201);
    expect(r2.body.status).toBe('added');
    await expectDecisionsKept(before);
    const summary = (await demo.get('/api/audit/summary')).body.items;
    expect(summary.find((d: any) => d.id === QB_DOC)).toMatchObject({ linksRejected: 1, linksReviewed: 0 });
    expect(summary.find((d: any) => d.id === BG_DOC)).toMatchObject({ linksRejected: 0, linksReviewed: 1 });
    // §2.2 is no longer a gap of Bắc Giang.
    const gaps = (await demo.get('/api/audit/unimplemented', { documentId: KL69, province: 'Bắc Giang' })).body.items.map((r: any) => r.directive.id);
    expect(gaps).not.toContain(S22);
    const csv = (await demo.get('/api/audit/cell', { directiveId: S11, province: 'Quảng Bình', format: 'csv' })).text;
    expect(csv).toContain('Kiểm toán viên A');
    expect(csv).toMatch(/rejected/);
  });

  it('keeps both decisions after the documents are deleted and uploaded again', async () => {
    expect(await remove(QB_DOC)).toBe(200);
    expect(await remove(BG_DOC)).toBe(200);
    const waiting = (await demo.get('/api/reviews')).body.items;
    expect(waiting.map((r: any) => [r.taskId, r.taskMissing, r.stale])).toEqual(
      expect.arrayContaining([[QB_II_1_A_2, true, null], [BG_III_3_3, true, null]]),
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
    const anchor = 'thành lập Quỹ phát triển khoa học và công nghệ để hỗ trợ cho các hoạt động khoa học và công nghệ.';
    expect(text).toContain(anchor);
    const edited = text.replace(anchor, `${anchor} Hằng năm vận động doanh nghiệp đóng góp vào Quỹ.`);
    const dir = await mkdtemp(join(tmpdir(), 'review-'));
    await writeFile(join(dir, '004_d3aaec19ab7e37bf.txt'), edited);
    const up = await upload(join(dir, '004_d3aaec19ab7e37bf.txt'), Buffer.from(edited));
    expect(up.status).toBe(201);
    const [bg] = (await demo.get('/api/reviews', { taskId: BG_III_3_3 })).body.items;
    expect(bg).toMatchObject({ decision: 'add', stale: true, taskMissing: false, status: 'added' });
    const [qb] = (await demo.get('/api/reviews', { taskId: QB_II_1_A_2 })).body.items;
    expect(qb.stale).toBe(false);
    const cellNow = await cell(S22, 'Bắc Giang');
    expect(cellNow.tasks.find((t: any) => t.task.id === BG_III_3_3).review.stale).toBe(true);
  });

  it('keeps every change as history, and a cleared decision gives the proposal back', async () => {
    const again = await review({ taskId: QB_II_1_A_2, directiveId: S11, decision: 'clear', reviewer: 'Kiểm toán viên C', comment: 'xem lại' });
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('proposed');
    expect(again.body.history.map((e: any) => [e.decision, e.reviewer, e.comment])).toEqual([
      ['reject', 'Kiểm toán viên A', 'II.1.a.2 là tiếp tục thực hiện Chương trình hành động 19-CTr/TU (cụ thể hóa nghị quyết, §1.2), không phải §1.1'],
      ['clear', 'Kiểm toán viên C', 'xem lại'],
    ]);
    expect(cellOf(await heatmap(), S11, 'Quảng Bình')).toBe(before.qb11);
    const back = await review({ taskId: QB_II_1_A_2, directiveId: S11, decision: 'reject', reviewer: 'Kiểm toán viên A' });
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
    expect(q.items.some((e: any) => e.task.id === QB_II_1_A_2 && e.directive?.id === S11)).toBe(false);
    expect((await demo.get('/api/reviews/queue', { documentId: 'vn/none', limit: 5 })).status).toBe(404);
    expect((await demo.get('/api/reviews/queue', { limit: 0 })).status).toBe(400);
  });
});
