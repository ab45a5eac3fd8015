/**
 * Writes through the API: uploading a document (bearer token, size limit, content type, the
 * ingest's refusals with their reasons) and deleting one. Real Neo4j, real parser.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { logger } from '../../core/logger.js';
import { closeDb, readQuery, type Db } from '../../graph-store/db.js';
import { ingestFiles } from '../../ingest/pipeline.js';
import { REPO_ROOT } from '../../core/paths.js';
import { createApp } from '../../server/app.js';
import { DeleteResult, DocumentDetail, UploadResult } from '../../api-schema/documents.js';
import { clearGraph } from '../helpers/graph-counts.js';
import { openTestDb } from '../helpers/test-db.js';

logger.level = 'error';

const TOKEN = 'test-token-8c1f';
const MAX = 64 * 1024;
const KL69 = 'vn/tw/kl/69/2024';
const BT_3229 = 'vn/binh-thuan/ubnd/kh/3229/2024';
const BT_FILE = join(REPO_ROOT, 'data/corpus/003_2c04bff435a40578.txt');
const FORMATS = join(REPO_ROOT, 'test/fixtures/formats');

const db: Db = await openTestDb();
const servers: Server[] = [];
let base = '';
let baseNoToken = '';

async function listen(apiToken: string | undefined): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, MAX_UPLOAD_BYTES: String(MAX) };
  delete env.API_TOKEN;
  const config = loadConfig(apiToken ? { ...env, API_TOKEN: apiToken } : env);
  const server = createApp({ db, config, webDir: '/nonexistent' }).listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  await clearGraph(db);
  const outcomes = await ingestFiles(db, [join(REPO_ROOT, 'data/corpus/national/kl-69-KLTW-2024.md')], { maxBytes: MAX });
  expect(outcomes.map((o) => o.status)).toEqual(['ingested']);
  base = await listen(TOKEN);
  baseNoToken = await listen(undefined);
});

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  await closeDb(db);
});

interface UploadOpts {
  fileName?: string | null;
  token?: string | null;
  type?: string | null;
  at?: string;
}

async function upload(body: Uint8Array | string, opts: UploadOpts = {}) {
  const headers: Record<string, string> = {};
  const type = opts.type === undefined ? 'text/plain; charset=utf-8' : opts.type;
  if (type !== null) headers['content-type'] = type;
  const token = opts.token === undefined ? TOKEN : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const fileName = opts.fileName === undefined ? 'upload.txt' : opts.fileName;
  const qs = fileName === null ? '' : `?fileName=${encodeURIComponent(fileName)}`;
  const res = await fetch(`${opts.at ?? base}/api/documents${qs}`, { method: 'POST', headers, body: body as BodyInit });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as any };
}

async function del(id: string, token: string | null = TOKEN, at = base) {
  const res = await fetch(`${at}/api/documents?id=${encodeURIComponent(id)}`, {
    method: 'DELETE',
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const documentIds = async () =>
  (await readQuery<{ id: string }>(db, 'MATCH (d:Document) WHERE NOT d.stub RETURN d.id AS id ORDER BY id')).map((r) => r.id);

describe('POST /api/documents: who may write', () => {
  it('needs the bearer token: 401 without it or with a wrong one', async () => {
    const bytes = await readFile(BT_FILE);
    const missing = await upload(bytes, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(missing.body.error).toMatch(/bearer token/i);
    const wrong = await upload(bytes, { token: 'guess' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatch(/wrong API token/);
    expect(await documentIds()).toEqual([KL69]);
  });

  it('refuses every write with 403 when the server has no API_TOKEN', async () => {
    const r = await upload(await readFile(BT_FILE), { at: baseNoToken, token: 'anything' });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/API_TOKEN/);
    expect((await del(KL69, 'anything', baseNoToken)).status).toBe(403);
    expect(await documentIds()).toEqual([KL69]);
  });
});

describe('POST /api/documents: what is refused', () => {
  it('answers 413 over MAX_UPLOAD_BYTES', async () => {
    const r = await upload(Buffer.alloc(MAX + 1, 'a'));
    expect(r.status).toBe(413);
    expect(r.body.error).toContain(`${MAX}-byte limit`);
  });

  it('answers 413 for a chunked upload (no Content-Length) that grows past the limit', async () => {
    const chunk = Buffer.alloc(16 * 1024, 'a');
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${base}/api/documents?fileName=big.txt`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` },
      body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toContain(`${MAX}-byte limit`);
  });

  it('answers 415 for other content types and 400 without a file name', async () => {
    const json = await upload('{"a":1}', { type: 'application/json' });
    expect(json.status).toBe(415);
    expect(json.body.error).toMatch(/text\/plain, .*text\/html, application\/pdf, application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document, application\/octet-stream/);
    // A byte body without a Content-Type (a string body would get text/plain from fetch).
    const none = await upload(Buffer.from('x'), { type: null });
    expect(none.status).toBe(415);
    const noName = await upload('x', { fileName: null });
    expect(noName.status).toBe(400);
    expect(noName.body.error).toContain('fileName');
    const withFolder = await upload('x', { fileName: '../etc/passwd' });
    expect(withFolder.status).toBe(400);
  });

  // An encrypted PDF (over this server's small upload limit) is refused in test/unit/extract-refusals.test.ts.
  it('answers 422 with the reason for binary, legacy-encoded, empty, unparseable, broken or textless files, and writes nothing', async () => {
    const text = await readFile(BT_FILE, 'utf8');
    const cases: [string, Uint8Array | string, string, RegExp][] = [
      ['binary', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0x00]), 'binary', /binary/],
      ['Windows-1258', iconv.encode(text, 'windows1258'), 'encoding', /Windows-1258.*iconv -f CP1258/],
      ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'encoding', /UTF-16/],
      ['empty', '   \n\n', 'empty', /empty/],
      ['not a document', 'Hôm nay trời đẹp, chúng tôi đi chơi công viên.', 'unparseable', /policy document/],
      // A type heading alone, or words of the genre without a document's identity or body.
      ['a bare heading', 'KẾ HOẠCH thử nghiệm', 'unparseable', /not recognisable as a policy document/],
      ['word salad', 'kế hoạch nhiệm vụ sở tài chính chủ trì phối hợp thực hiện năm 2025 tăng cường đẩy mạnh các cơ quan đơn vị', 'unparseable', /policy document/],
      ['an image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'unsupported-format', /PNG image.*accepted: .*\.pdf/],
      ['a zip bomb', await readFile(join(FORMATS, 'zip-bomb.docx')), 'zip-bomb', /zip bomb/],
      ['a blank scan', await readFile(join(FORMATS, 'blank-scan.pdf')), 'no-text', /no readable text/],
      ['a truncated PDF', await readFile(join(FORMATS, 'truncated.pdf')), 'corrupt', /damaged or truncated/],
      ['a PDF with no pages', await readFile(join(FORMATS, 'no-pages.pdf')), 'no-text', /./],
    ];
    for (const [what, body, code, reason] of cases) {
      const r = await upload(body, { type: 'application/octet-stream' });
      expect(r.status, what).toBe(422);
      expect(r.body.code, what).toBe(code);
      expect(r.body.error, what).toMatch(reason);
      expect(r.text, what).not.toMatch(/\bat \w+ \(|node_modules/);
    }
    expect(await documentIds()).toEqual([KL69]);
  });
});

describe('POST /api/documents: ingesting', () => {
  it('ingests a plan (201, Location) and recognises the same text again (200, unchanged)', async () => {
    const bytes = await readFile(BT_FILE);
    const r = await upload(bytes, { fileName: '003_2c04bff435a40578.txt' });
    expect(r.status).toBe(201);
    const outcome = UploadResult.parse(r.body);
    expect(outcome).toMatchObject({ status: 'ingested', documentId: BT_3229, file: '003_2c04bff435a40578.txt' });
    // One task per real task: the appendix rows that restate body tasks are merged into them (38 by reading).
    expect(outcome.counts.tasks).toBeGreaterThanOrEqual(34);
    expect(outcome.counts.tasks).toBeLessThanOrEqual(40);
    expect(r.headers.get('location')).toBe(`/api/documents?id=${encodeURIComponent(BT_3229)}`);

    const shown = await fetch(`${base}${r.headers.get('location')}`);
    expect(shown.status).toBe(200);
    const detail = DocumentDetail.parse(await shown.json());
    expect(detail.document).toMatchObject({ number: '3229/KH-UBND', sourceFile: '003_2c04bff435a40578.txt' });
    expect(detail.items).toHaveLength(outcome.counts.items);

    const again = await upload(bytes, { fileName: '003_2c04bff435a40578.txt', type: 'application/octet-stream' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'unchanged', documentId: BT_3229 });
    expect(await documentIds()).toEqual([BT_3229, KL69].sort());
  });
});

describe('POST /api/documents: other formats', () => {
  it('ingests a DOCX sent with its MIME type', async () => {
    const r = await upload(await readFile(join(FORMATS, 'plan.docx')), {
      fileName: 'plan.docx',
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(r.status).toBe(201);
    expect(UploadResult.parse(r.body)).toMatchObject({ status: 'ingested', documentId: 'vn/binh-thuan/ubnd/kh/15/2025', file: 'plan.docx' });
    expect((await del('vn/binh-thuan/ubnd/kh/15/2025')).status).toBe(200);
  });
});

describe('DELETE /api/documents', () => {
  it('needs the token, answers 404 for an unknown id and deletes a known one', async () => {
    expect((await del(BT_3229, null)).status).toBe(401);
    expect((await del(BT_3229, 'guess')).status).toBe(401);
    const unknown = await del('vn/binh-thuan/ubnd/kh/1/1999');
    expect(unknown.status).toBe(404);
    const bad = await fetch(`${base}/api/documents`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(bad.status).toBe(400);

    const r = await del(BT_3229);
    expect(r.status).toBe(200);
    const summary = DeleteResult.parse(r.body);
    expect(summary).toMatchObject({ documentId: BT_3229, found: true, keptAsStub: false });
    expect(summary.itemsDeleted).toBeGreaterThanOrEqual(34);
    expect((await fetch(`${base}/api/documents?id=${encodeURIComponent(BT_3229)}`)).status).toBe(404);
    expect(await documentIds()).toEqual([KL69]);
  });

  it('keeps a deleted document as a stub while others cite it', async () => {
    // 3229/KH-UBND cites 69-KL/TW: deleting 69-KL/TW keeps it as a stub in 3229's lineage.
    expect((await upload(await readFile(BT_FILE), { fileName: '003.txt' })).status).toBe(201);
    const r = await del(KL69);
    expect(DeleteResult.parse(r.body)).toMatchObject({ found: true, keptAsStub: true });
    const stub = await fetch(`${base}/api/documents?id=${encodeURIComponent(KL69)}`);
    expect(DocumentDetail.parse(await stub.json()).document).toMatchObject({ id: KL69, stub: true });
  });
});

describe('POST /api/documents: writers at the same time', () => {
  it('ingests 40 real documents sent at once, all of them, none failing on a lock (without turns, 17 of them failed on a deadlock)', async () => {
    // Plans and decisions of the same provinces: they share agencies and cited documents, the nodes
    // two simultaneous writes would lock (graph-store/write-turns.ts).
    const wild = join(REPO_ROOT, 'data/wild/docs');
    const files = readdirSync(wild)
      .filter((f) => statSync(join(wild, f)).size < MAX)
      .sort()
      .slice(0, 40);
    expect(files.length).toBeGreaterThan(30);
    const answers = await Promise.all(files.map(async (f) => upload(await readFile(join(wild, f)), { fileName: f })));
    expect(answers.map((a, i) => `${files[i]} ${a.status} ${a.status >= 300 ? a.text : ''}`.trim())).toEqual(files.map((f) => `${f} 201`));
    const ids = new Set(answers.map((a) => a.body.documentId));
    for (const id of ids) expect((await documentIds()).includes(id), id).toBe(true);
  }, 240_000);
});

describe('POST /api/documents: a copy never replaces the original', () => {
  const count = async () =>
    (await readQuery<{ items: number; links: number }>(
      db,
      `MATCH (:Document {id: $id})-[:CONTAINS]->(i:Item) OPTIONAL MATCH ()-[l:IMPLEMENTS]->(i) RETURN count(DISTINCT i) AS items, count(l) AS links`,
      { id: KL69 },
    ))[0]!;
  const otherSources = async () => {
    const r = await fetch(`${base}/api/documents?id=${encodeURIComponent(KL69)}`);
    return DocumentDetail.parse(await r.json()).document.otherSources;
  };
  let before = { items: 0, links: 0 };

  beforeAll(async () => {
    // An earlier test deleted it: read it again, with a plan implementing it.
    const again = await ingestFiles(db, [join(REPO_ROOT, 'data/corpus/national/kl-69-KLTW-2024.md'), BT_FILE], { maxBytes: MAX });
    expect(again[0]!.status).toBe('ingested');
    before = await count();
    // 69-KL/TW has 19 directive items (read from the text); Bình Thuận's 3229/KH-UBND implements them.
    expect(before.items).toBe(19);
    expect(before.links).toBeGreaterThan(0);
  });

  it('keeps 69-KL/TW, its directive items and the links into them when its first 133 bytes are uploaded', async () => {
    const whole = await readFile(join(REPO_ROOT, 'data/corpus/national/kl-69-KLTW-2024.md'));
    const r = await upload(whole.subarray(0, 133), { fileName: 'kl69-first-133-bytes.md' });
    expect(r.status).toBe(200);
    const body = UploadResult.parse(r.body);
    expect(body).toMatchObject({ status: 'kept', documentId: KL69, decision: { replace: false, rule: 'shorter-copy' } });
    expect(body.decision!.reason).toMatch(/^kept the text in the graph \(kl-69-KLTW-2024\.md; 19 items/);
    expect(await count()).toEqual(before);
    expect(await otherSources()).toEqual(['kl69-first-133-bytes.md']);
  });

  it('keeps them when a news article carrying its number is uploaded', async () => {
    const article = await readFile(join(REPO_ROOT, 'test/fixtures/copies/tin-bai-ket-luan-69.txt'));
    const r = await upload(article, { fileName: 'tin-bai-ket-luan-69.txt' });
    expect(r.status).toBe(200);
    expect(UploadResult.parse(r.body)).toMatchObject({ status: 'kept', documentId: KL69, decision: { replace: false, rule: 'report' } });
    expect(await count()).toEqual(before);
    expect(await otherSources()).toEqual(['kl69-first-133-bytes.md', 'tin-bai-ket-luan-69.txt']);
  });

  it('replaces the text with the same file uploaded again, and says so', async () => {
    const whole = await readFile(join(REPO_ROOT, 'data/corpus/national/kl-69-KLTW-2024.md'));
    const edited = Buffer.concat([whole, Buffer.from('\n\nNơi nhận:\n- Các tỉnh ủy, thành ủy,\n- Lưu Văn phòng Trung ương Đảng.\n')]);
    const r = await upload(edited, { fileName: 'kl-69-KLTW-2024.md' });
    expect(r.status).toBe(201);
    expect(UploadResult.parse(r.body)).toMatchObject({ status: 'ingested', documentId: KL69, decision: { replace: true, rule: 'same-file' } });
    expect(await count()).toEqual(before);
  });
});
