/**
 * Journey 4, in a real browser on the real stack (Neo4j, parser, linker, the real search service
 * re-indexing after each write): the "Tải lên" page keeps the write token across a reload; a text
 * plan chosen with the file picker goes through to "xong" with its task count, links to its
 * document in the lineage view, and one of its tasks is then found by the search view; several
 * files at once are sent in order, at most two at a time, a refused junk file showing the server's
 * own reason without stopping the others; a file over the size limit is refused (413); a wrong
 * token shows the 401 message and "Thử lại" with the right one sends the file. Then PDF (scanned,
 * read by OCR), DOCX, and a poor scan whose low OCR confidence is flagged. A news article carrying
 * a document's number leaves the document's text in place, and the row says so.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/paths.js';
import type { DocumentDetail } from '../../web/src/types.js';
import { warningText } from '../../web/src/warning-text.js';
import { eventually, graphNodes, graphSettled, pageErrors, screenshot } from '../helpers/ui-browser.js';
import { openRealSearch, type RealSearch } from '../helpers/ui-search.js';
import { useUiSession } from '../helpers/ui-session.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/upload');
/** Ninh Thuận's UBND plan for 69-KL/TW: seven tasks with lead agencies and timelines. */
const PLAN = join(FIXTURES, 'ke-hoach-ninh-thuan-khcn-2024.txt');
const PLAN_ID = 'vn/ninh-thuan/ubnd/kh/4127/2024';
/** Words of one of its tasks (vineyards and orchards on drip irrigation). */
const TASK_WORDS = 'trồng nho và táo tưới nhỏ giọt';
/** A Tỉnh ủy plan with no issue date: the ingest warns about it. */
const UNDATED = join(FIXTURES, 'ke-hoach-tinh-uy-khong-ngay.txt');
/** Already in the graph (the demo corpus): answered 200 "unchanged". */
const CORPUS_PLAN = join(REPO_ROOT, 'data/corpus/003_2c04bff435a40578.txt');
/** A real decision from a provincial portal (Phú Thọ, 15 tasks). */
const WILD_PHU_THO = join(REPO_ROOT, 'data/wild/docs/tnt305__d851211c9f1b590e.md');
/** Another (Quảng Trị), for the wrong-token journey. */
const WILD_QUANG_TRI = join(REPO_ROOT, 'data/wild/docs/tnt305__4c12c694e7b33e47.md');
/** A signed notice of the Government Office, scanned (3 pages, no text layer): read by OCR. */
const SCANNED_PDF = join(REPO_ROOT, 'data/pdf-scans/536-tb.signed.pdf');
/** A Word plan with its tasks in a table (the ingest's own format fixture). */
const DOCX = join(REPO_ROOT, 'test/fixtures/formats/plan.docx');
/** A news article about 69-KL/TW (written for the tests from the conclusion's own words): never replaces it. */
const NEWS_KL69 = join(REPO_ROOT, 'test/fixtures/copies/tin-bai-ket-luan-69.txt');
/** A poor photocopy of a scan (make-low-ocr-scan.ts): OCR confidence about 0.7. */
const POOR_SCAN = join(FIXTURES, 'scan-low-quality.pdf');

/** Bytes no reader can take for a document: NULs and control bytes from a fixed-seed generator. */
function junk(size = 4096): Buffer {
  const out = Buffer.alloc(size);
  let x = 0x2545f491;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = i % 7 === 0 ? 0 : x >>> 24;
  }
  return out;
}

const ui = useUiSession();
let search: RealSearch | undefined;

// The real search service, attached before any upload: the server then syncs the index after each
// write, exactly as under `npm start`, and the search journey finds what was uploaded.
beforeAll(async () => {
  search = await openRealSearch(ui.stack.db);
  ui.stack.deps.search = search.service;
}, 600_000);
afterAll(() => search?.close());

const api = async <T>(path: string, params: Record<string, string>): Promise<T> =>
  (await fetch(`${ui.stack.base}${path}?${new URLSearchParams(params)}`)).json() as Promise<T>;

async function openUpload(page: Page, token?: string): Promise<void> {
  if (!page.url().startsWith(ui.stack.base)) await page.goto(`${ui.stack.base}/#/upload`);
  else await page.evaluate(() => (location.hash = '#/upload'));
  await page.locator('#upload-token').waitFor();
  if (token !== undefined) await page.fill('#upload-token', token);
}

/** The last row for `name` (earlier tests may have sent a file of the same name). */
const rowOf = (page: Page, name: string): Locator => page.locator(`#upload-list .upload-row[data-file="${name}"]`).last();

const FINAL = /^(done|refused|error)$/;

/** "94 %", as the page writes a confidence. */
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Send one file through the picker and wait for its row to finish; the row and the graph's document. */
async function uploadOne(page: Page, path: string, timeout = 180_000): Promise<{ row: Locator; doc: DocumentDetail }> {
  await openUpload(page, ui.stack.apiToken);
  await page.setInputFiles('#upload-input', path);
  const row = rowOf(page, basename(path));
  expect(await settled(row, timeout)).toBe('done');
  const doc = await api<DocumentDetail>('/api/documents', { id: (await row.getAttribute('data-document-id'))! });
  // Read back from the graph: how its text was read is then on the row.
  await eventually(() => row.innerText()).toContain('Định dạng:');
  return { row, doc };
}

/**
 * The uploaded document's tasks are where users look for them: drawn under the document in the
 * lineage view the row links to, and found by the search view from the words of one of them.
 */
async function findInLineageAndSearch(page: Page, row: Locator, doc: DocumentDetail): Promise<void> {
  const tasks = doc.items.filter((i) => i.isTask);
  expect(tasks.length).toBeGreaterThan(0);
  await row.locator('.upload-doc-link').click();
  await page.waitForFunction(() => location.hash.startsWith('#/lineage'));
  await graphSettled(page);
  const drawn = (await graphNodes(page)).map((n) => n.id);
  for (const t of tasks) expect(drawn).toContain(t.id);

  const task = [...tasks].sort((a, b) => b.text.length - a.text.length)[0]!;
  const words = task.text.replace(/\s+/g, ' ').split(' ').slice(0, 10).join(' ');
  await page.click('.tabs a[data-view="search"]');
  await page.fill('#search-q', words);
  await page.press('#search-q', 'Enter');
  await page.locator('#search-results .hit').first().waitFor({ timeout: 60_000 });
  const ids = await page.locator('#search-results .hit').evaluateAll((els) => els.map((el) => el.getAttribute('data-item-id')));
  expect(ids.slice(0, 5), words).toContain(task.id);
}

/** Wait until the row is done, refused or failed; returns that state. */
async function settled(row: Locator, timeout = 120_000): Promise<string> {
  await eventually(() => row.getAttribute('data-state'), timeout).toMatch(FINAL);
  return (await row.getAttribute('data-state'))!;
}

describe('upload page', () => {
  it('has its tab, offers every accepted format, and keeps the token across a reload', async () => {
    await ui.page.goto(`${ui.stack.base}/#/lineage`);
    await ui.page.click('.tabs a[data-view="upload"]');
    await ui.page.locator('#upload-token').waitFor();
    expect(await ui.page.locator('.tabs a.active').innerText()).toBe('Tải lên');
    expect(await ui.page.title()).toContain('Tải lên');
    expect(await ui.page.locator('#upload-token').getAttribute('type')).toBe('password');
    expect(await ui.page.locator('.upload-token').innerText()).toContain('API_TOKEN');
    const accept = (await ui.page.locator('#upload-input').getAttribute('accept'))!.split(',');
    expect(accept.sort()).toEqual(['.docx', '.htm', '.html', '.md', '.pdf', '.txt']);
    expect(await ui.page.locator('#upload-input').getAttribute('multiple')).not.toBeNull();
    expect(await ui.page.locator('.view-upload').innerText()).toContain('Chưa có tệp nào');

    await ui.page.fill('#upload-token', ui.stack.apiToken);
    await ui.page.reload();
    await ui.page.locator('#upload-token').waitFor();
    expect(await ui.page.inputValue('#upload-token')).toBe(ui.stack.apiToken);
  });

  it('uploads a text plan: the row goes to "xong" with its task count and links to the document in the lineage', async () => {
    await openUpload(ui.page, ui.stack.apiToken);
    await ui.page.setInputFiles('#upload-input', PLAN);
    const row = rowOf(ui.page, basename(PLAN));
    expect(await settled(row)).toBe('done');
    expect(await row.getAttribute('data-document-id')).toBe(PLAN_ID);

    // The counts are the graph's: as many tasks as GET /api/documents?id= lists.
    const detail = await api<DocumentDetail>('/api/documents', { id: PLAN_ID });
    const tasks = detail.items.filter((i) => i.isTask).length;
    expect(tasks).toBe(7);
    const text = await row.innerText();
    expect(text).toContain('xong');
    expect(text).toContain(`${tasks} nhiệm vụ`);
    expect(text).toMatch(/\d+ mục/);
    expect(text).toMatch(/\d+ cơ quan/);
    expect(text).toMatch(/\d+ trích dẫn/);
    expect(await row.locator('.upload-size').innerText()).toMatch(/^\d+(,\d)? KB$/);
    // Named once it is read back from the graph, with how its text was read.
    await eventually(() => row.locator('.upload-doc-link').innerText()).toContain('4127/KH-UBND');
    expect(await row.innerText()).toContain('Định dạng: Văn bản thuần');
    await screenshot(ui.page, 'upload-done-1280x800');

    await row.locator('.upload-doc-link').click();
    await ui.page.waitForFunction(() => location.hash.startsWith('#/lineage'));
    const hash = decodeURIComponent(new URL(ui.page.url()).hash);
    expect(hash).toContain(`root=${PLAN_ID}`);
    await graphSettled(ui.page);
    const nodes = await graphNodes(ui.page);
    expect(nodes.map((n) => n.id)).toContain(PLAN_ID);
    // Opened: its tasks are drawn under it.
    expect(nodes.filter((n) => n.id.startsWith(`${PLAN_ID}#`)).length).toBe(tasks);
    // And its details beside the graph, saying how it was read.
    const panel = ui.page.locator('#details');
    await eventually(() => panel.innerText()).toContain('4127/KH-UBND');
    expect(await panel.innerText()).toContain('Văn bản thuần (TXT/MD)');
    expect(await panel.locator('.reading-notes').count()).toBe(0);
    await screenshot(ui.page, 'upload-opened-in-lineage-1280x800');
  }, 180_000);

  it('finds one of the uploaded tasks in the search view', async () => {
    await ui.page.click('.tabs a[data-view="search"]');
    await ui.page.fill('#search-q', TASK_WORDS);
    await ui.page.press('#search-q', 'Enter');
    await ui.page.locator('#search-results .hit').first().waitFor({ timeout: 60_000 });
    const ids = await ui.page.locator('#search-results .hit').evaluateAll((els) => els.map((el) => el.getAttribute('data-item-id')));
    // The task about vineyards and drip irrigation, among the first hits.
    const detail = await api<DocumentDetail>('/api/documents', { id: PLAN_ID });
    const task = detail.items.find((i) => i.isTask && i.text.includes('nho và táo'))!;
    expect(task).toBeDefined();
    expect(ids.slice(0, 3)).toContain(task.id);
    const hit = ui.page.locator(`#search-results .hit[data-item-id="${task.id}"]`);
    expect(await hit.getAttribute('data-province')).toBe('Ninh Thuận');
    expect(await hit.locator('.hit-text').innerText()).toContain('tưới nhỏ giọt');
    expect(await hit.getAttribute('data-kind')).toBe('task');
  }, 120_000);

  it('sends several files in order, two at a time; a refused junk file shows the server\'s reason and stops nothing', async () => {
    await openUpload(ui.page, ui.stack.apiToken);
    const bytes = junk();
    // What the server itself says of these bytes, to find it verbatim on the page.
    const direct = await fetch(`${ui.stack.base}/api/documents?fileName=rac.bin`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ui.stack.apiToken}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    });
    expect(direct.status).toBe(422);
    const refusal = ((await direct.json()) as { error: string }).error;

    // Playwright takes either paths or buffers in one call, so the files go as buffers.
    const files = [
      { name: 'rac.bin', mimeType: 'application/octet-stream', buffer: bytes },
      ...[CORPUS_PLAN, UNDATED, WILD_PHU_THO].map((p) => ({ name: basename(p), mimeType: 'text/plain', buffer: readFileSync(p) })),
    ];
    const names = files.map((f) => f.name);
    // Every state every row goes through, as the page shows it, recorded in the page.
    await ui.page.evaluate((batch) => {
      const w = window as unknown as { __uploadLog: string[][] };
      w.__uploadLog = [];
      const list = document.getElementById('upload-list')!;
      const snap = () =>
        w.__uploadLog.push(
          batch.map((name) => {
            const rows = list.querySelectorAll(`.upload-row[data-file="${CSS.escape(name)}"]`);
            return rows.length ? rows[rows.length - 1]!.getAttribute('data-state')! : 'absent';
          }),
        );
      new MutationObserver(snap).observe(list, { subtree: true, childList: true, attributes: true });
    }, names);
    await ui.page.setInputFiles('#upload-input', files);

    const rows = names.map((n) => rowOf(ui.page, n));
    const states = [];
    for (const row of rows) states.push(await settled(row));
    expect(states).toEqual(['refused', 'done', 'done', 'done']);

    const log = await ui.page.evaluate(() => (window as unknown as { __uploadLog: string[][] }).__uploadLog);
    const seen = log.filter((s) => !s.includes('absent'));
    expect(seen.length).toBeGreaterThan(0);
    for (const snap of seen) {
      // Never more than two under way at once …
      expect(snap.filter((s) => s === 'uploading' || s === 'processing').length).toBeLessThanOrEqual(2);
      // … and started in order: the rows that have left "waiting" always come first.
      const started = snap.map((s) => s !== 'waiting');
      expect(started).toEqual([...started].sort((a, b) => Number(b) - Number(a)));
    }
    expect(seen.some((s) => s.includes('waiting'))).toBe(true);

    // The refusal: in Vietnamese, with the server's own words.
    const junkRow = rows[0]!;
    expect(await junkRow.getAttribute('data-status')).toBe('422');
    const junkText = await junkRow.innerText();
    expect(junkText).toContain('bị từ chối');
    expect(junkText).toContain('Máy chủ từ chối tệp');
    expect(junkText).toContain(refusal);
    expect(await junkRow.locator('.upload-retry').count()).toBe(0);

    // The corpus plan was already there: nothing changed, and the row says so.
    expect(await rows[1]!.innerText()).toContain('không thay đổi');
    // The undated plan: each of the ingest's warnings listed, in Vietnamese.
    const undated = await api<DocumentDetail>('/api/documents', { id: (await rows[2]!.getAttribute('data-document-id'))! });
    expect(undated.document.warnings.length).toBeGreaterThan(0);
    expect(await rows[2]!.locator('.reading-warnings li').allInnerTexts()).toEqual(undated.document.warnings.map(warningText));
    // The portal copy: its counts are the graph's.
    const phuTho = await api<DocumentDetail>('/api/documents', { id: (await rows[3]!.getAttribute('data-document-id'))! });
    expect(await rows[3]!.innerText()).toContain(`${phuTho.items.filter((i) => i.isTask).length} nhiệm vụ`);
    await screenshot(ui.page, 'upload-batch-1280x800', true);

    // The warnings are in the document's details panel too.
    await rows[2]!.locator('.upload-doc-link').click();
    const panel = ui.page.locator('#details');
    await panel.locator('.reading-warnings').waitFor();
    expect(await panel.locator('.reading-warnings li').allInnerTexts()).toEqual(undated.document.warnings.map(warningText));
  }, 300_000);

  it('refuses a file over the server\'s size limit (413) before the ingest sees it', async () => {
    await openUpload(ui.page, ui.stack.apiToken);
    const limit = ui.stack.deps.config.MAX_UPLOAD_BYTES;
    await ui.page.setInputFiles('#upload-input', { name: 'qua-lon.txt', mimeType: 'text/plain', buffer: Buffer.alloc(limit + 1024, 0x61) });
    const row = rowOf(ui.page, 'qua-lon.txt');
    expect(await settled(row)).toBe('refused');
    expect(await row.getAttribute('data-status')).toBe('413');
    const text = await row.innerText();
    expect(text).toContain('Tệp quá lớn');
    expect(text).toContain(String(limit));
  }, 120_000);

  it('shows the 401 message for a wrong token, and "Thử lại" with the right one sends the file', async () => {
    await openUpload(ui.page, 'not-the-token');
    await ui.page.setInputFiles('#upload-input', WILD_QUANG_TRI);
    const row = rowOf(ui.page, basename(WILD_QUANG_TRI));
    expect(await settled(row)).toBe('error');
    expect(await row.getAttribute('data-status')).toBe('401');
    const text = await row.innerText();
    expect(text).toContain('lỗi');
    expect(text).toContain('Mã truy cập không đúng');
    await screenshot(ui.page, 'upload-wrong-token-1280x800');

    await ui.page.fill('#upload-token', ui.stack.apiToken);
    await row.locator('.upload-retry').click();
    expect(await settled(row)).toBe('done');
    const res = (await fetch(`${ui.stack.base}/api/documents?id=${encodeURIComponent((await row.getAttribute('data-document-id'))!)}`)).status;
    expect(res).toBe(200);
  }, 180_000);

  it('a news article carrying 69-KL/TW\'s number: the row says the full text was kept, and the document lists the article as another source', async () => {
    const KL69 = 'vn/tw/kl/69/2024';
    const before = await api<DocumentDetail>('/api/documents', { id: KL69 });
    expect(before.items.filter((i) => i.isDirective).length).toBeGreaterThan(0);
    await openUpload(ui.page, ui.stack.apiToken);
    await ui.page.setInputFiles('#upload-input', NEWS_KL69);
    const row = rowOf(ui.page, basename(NEWS_KL69));
    expect(await settled(row)).toBe('done');
    expect(await row.getAttribute('data-document-id')).toBe(KL69);
    const text = await row.innerText();
    expect(text).toContain('xong (giữ bản đã có)');
    expect(text).toContain('tệp này là bài viết về văn bản');
    const after = await api<DocumentDetail>('/api/documents', { id: KL69 });
    expect(after.items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
    expect(after.document.otherSources).toContain(basename(NEWS_KL69));

    await row.locator('.upload-doc-link').click();
    const panel = ui.page.locator('#details');
    await eventually(() => panel.innerText()).toContain(`Bản sao khác`);
    expect(await panel.innerText()).toContain(basename(NEWS_KL69));
  }, 180_000);


  it('is usable in a narrow window (400 px), and "Xoá các dòng đã xong" empties the list', async () => {
    const narrow = await ui.browser.page({ width: 400, height: 820 });
    await narrow.goto(`${ui.stack.base}/#/upload`);
    await narrow.fill('#upload-token', ui.stack.apiToken);
    await narrow.setInputFiles('#upload-input', [
      { name: 'rac-hep.bin', mimeType: 'application/octet-stream', buffer: junk() },
      { name: basename(PLAN), mimeType: 'text/plain', buffer: readFileSync(PLAN) },
    ]);
    expect(await settled(rowOf(narrow, 'rac-hep.bin'))).toBe('refused');
    expect(await settled(rowOf(narrow, basename(PLAN)))).toBe('done');
    await eventually(() => rowOf(narrow, basename(PLAN)).innerText()).toContain('Định dạng:');
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(narrow, 'upload-narrow-400', true);

    await narrow.click('#upload-clear');
    expect(await narrow.locator('#upload-list .upload-row').count()).toBe(0);
    expect(await narrow.locator('.view-upload').innerText()).toContain('Chưa có tệp nào');
    await narrow.close();
  }, 120_000);
});

/**
 * The formats the ingest reads besides text (ingest/extract/): a scanned PDF, read by OCR while the
 * row says so; a Word file; a poor scan whose low OCR confidence must be flagged wherever the
 * document is shown. Further formats go here, one `it` each, through uploadOne().
 */
describe('PDF and DOCX uploads', () => {
  it('a scanned PDF: "đang xử lý" during OCR, then format, pages and OCR confidence; "trang N" beside its items; its tasks in lineage and search', async () => {
    await openUpload(ui.page, ui.stack.apiToken);
    await ui.page.setInputFiles('#upload-input', SCANNED_PDF);
    const row = rowOf(ui.page, basename(SCANNED_PDF));
    // OCR takes seconds a page: the row says what is going on, with an indeterminate bar.
    await eventually(() => row.getAttribute('data-state'), 30_000).toBe('processing');
    expect(await row.locator('.upload-state').innerText()).toBe('đang xử lý (OCR có thể mất một phút)');
    expect(await row.locator('progress').getAttribute('value')).toBeNull();
    await screenshot(ui.page, 'upload-processing-pdf-1280x800');
    expect(await settled(row, 180_000)).toBe('done');

    const doc = await api<DocumentDetail>('/api/documents', { id: (await row.getAttribute('data-document-id'))! });
    expect(doc.document.sourceFormat).toBe('pdf-ocr');
    expect(doc.document.pageCount).toBe(3);
    const confidence = doc.document.ocrConfidence!;
    expect(confidence).toBeGreaterThan(0);
    await eventually(() => row.innerText()).toContain('Định dạng: PDF (OCR)');
    const text = await row.innerText();
    expect(text).toContain('3 trang');
    expect(text).toContain(`Độ tin cậy OCR: ${pct(confidence)}`);
    expect(text).toContain(`${doc.items.filter((i) => i.isTask).length} nhiệm vụ`);

    await row.locator('.upload-doc-link').click();
    const panel = ui.page.locator('#details');
    await eventually(() => panel.innerText()).toContain('PDF (OCR)');
    const props = await panel.locator('.props').first().innerText();
    expect(props).toMatch(/Số trang\s+3/);
    expect(props).toContain(pct(confidence));
    // Each item with the page it is on.
    const first = doc.items.find((i) => i.pageStart != null)!;
    const itemLine = panel.locator(`.item-list a[data-node-id="${first.id}"]`).locator('xpath=..');
    expect(await itemLine.innerText()).toContain(`trang ${first.pageStart}`);
    // And on the item's own panel.
    await panel.locator(`.item-list a[data-node-id="${first.id}"]`).click();
    await eventually(() => panel.locator('.props').first().innerText()).toContain(`trang ${first.pageStart}`);
    await screenshot(ui.page, 'upload-pdf-item-page-1280x800');

    await openUpload(ui.page);
    await findInLineageAndSearch(ui.page, rowOf(ui.page, basename(SCANNED_PDF)), doc);
  }, 300_000);

  it('a DOCX: read as a Word file, its tasks counted, then found in lineage and search', async () => {
    const { row, doc } = await uploadOne(ui.page, DOCX);
    expect(doc.document.sourceFormat).toBe('docx');
    const text = await row.innerText();
    expect(text).toContain('Định dạng: Word (DOCX)');
    expect(text).toContain(`${doc.items.filter((i) => i.isTask).length} nhiệm vụ`);
    await findInLineageAndSearch(ui.page, row, doc);
  }, 240_000);

  it('a poor scan: the low OCR confidence flagged in the row and in the details panel, its warning highlighted', async () => {
    const { row, doc } = await uploadOne(ui.page, POOR_SCAN);
    const confidence = doc.document.ocrConfidence!;
    expect(confidence).toBeLessThan(0.8);
    expect(await row.locator('.ocr-low').innerText()).toContain(`Độ tin cậy OCR thấp (${pct(confidence)})`);
    // Every warning listed; the one about OCR confidence highlighted.
    expect(await row.locator('.reading-warnings li').allInnerTexts()).toEqual(doc.document.warnings.map(warningText));
    const highlighted = await row.locator('.reading-warnings li.warning-ocr').allInnerTexts();
    expect(highlighted.length).toBeGreaterThan(0);
    for (const w of highlighted) expect(w).toMatch(/độ tin cậy OCR thấp/);
    await screenshot(ui.page, 'upload-poor-scan-1280x800');

    await row.locator('.upload-doc-link').click();
    const panel = ui.page.locator('#details');
    await panel.locator('.reading-notes .ocr-low').waitFor();
    expect(await panel.locator('.reading-notes .ocr-low').innerText()).toContain(pct(confidence));
    expect(await panel.locator('.reading-notes li.warning-ocr').count()).toBe(highlighted.length);
    expect(await panel.locator('.props .warn').innerText()).toBe(pct(confidence));
    await screenshot(ui.page, 'upload-poor-scan-details-1280x800');
  }, 180_000);
});

describe('the whole journey', () => {
  it('raised no script error on the way', () => {
    expect(pageErrors(ui.page)).toEqual([]);
  });
});
