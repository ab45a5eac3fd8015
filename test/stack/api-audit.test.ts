/**
 * The auditor's endpoints and the lineage export on the real demo corpus: JSON shapes (checked
 * against the zod schemas behind /openapi.json), CSV and GraphML downloads, and the cross-checks
 * an auditor relies on (a heatmap's empty cells are exactly the "unimplemented" rows).
 */
import { describe, expect, it } from 'vitest';
import {
  AuditSummary,
  Heatmap,
  HeatmapCell,
  TaskList,
  UnimplementedList,
  UnresolvedList,
} from '../../api-schema/audit.js';
import { Subgraph } from '../../api-schema/lineage.js';
import { deleteDocument } from '../../graph-store/delete-document.js';
import { ingestBytes } from '../../ingest/pipeline.js';
import { useDemoApi } from '../helpers/demo-api.js';
import { BK_380, BT_245, BT_3229, KL69, KT_44, NOTICE_WITHOUT_TASKS } from '../helpers/demo-corpus.js';

const { db, get } = await useDemoApi();

/** A minimal RFC 4180 reader: enough to check what the server wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\ufeff/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r') continue;
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

async function getCsv(path: string, params: Record<string, string | number> = {}) {
  const r = await get(path, { ...params, format: 'csv' });
  expect(r.status, `${path} csv`).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
  expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z0-9-]+\.csv"$/);
  const rows = parseCsv(r.text);
  const [header, ...data] = rows;
  for (const row of data) expect(row).toHaveLength(header!.length);
  return { header: header!, data, disposition: r.headers.get('content-disposition')! };
}

async function expect400(path: string, params: Record<string, string | number>, param: string) {
  const r = await get(path, params);
  expect(r.status, `${path} ${JSON.stringify(params)}`).toBe(400);
  expect(r.body.error).toContain(param);
}

describe('GET /api/audit/summary', () => {
  it('reports every document with text, as JSON and CSV', async () => {
    const r = await get('/api/audit/summary');
    const summary = AuditSummary.parse(r.body);
    expect(summary.total).toBe(7);
    const kt = summary.items.find((d) => d.id === KT_44)!;
    // Kon Tum's plan names no lead agency anywhere (test/fixtures/expected/002…json).
    expect(kt.tasksWithoutLead).toBe(kt.tasks);
    const kl = summary.items.find((d) => d.id === KL69)!;
    expect(kl.directiveItems).toBe(14);
    const csv = await getCsv('/api/audit/summary');
    expect(csv.header).toEqual(['id', 'number', 'title', 'province', 'level', 'tasks', 'tasksWithoutLead', 'collectiveLedTasks',
      'directiveItems', 'directiveItemsNotImplemented', 'unresolvedCitations', 'links', 'linksReviewed', 'linksRejected']);
    expect(csv.data).toHaveLength(7);
    expect(csv.data.find((row) => row[0] === KL69)?.[1]).toBe('69-KL/TW');
    expect(csv.disposition).toContain('audit-summary.csv');
  });

  it('refuses an unknown format', async () => {
    await expect400('/api/audit/summary', { format: 'xlsx' }, 'format');
  });
});

describe('GET /api/audit/heatmap and /api/audit/cell', () => {
  it('crosses the directive items of 69-KL/TW with the provinces that implement it', async () => {
    const r = await get('/api/audit/heatmap');
    expect(r.status).toBe(200);
    const map = Heatmap.parse(r.body);
    expect(map.document).toMatchObject({ id: KL69, number: '69-KL/TW' });
    expect(map.rows).toHaveLength(14);
    // Every province with a plan implementing 69-KL/TW is a column, Bắc Kạn (569/QĐ-TTg) is not.
    expect(map.provinces.slice().sort()).toEqual(['Bình Thuận', 'Bắc Giang', 'Kon Tum', 'Quảng Bình'].sort());
    for (const row of map.rows) {
      expect(Object.keys(row.cells).sort()).toEqual(map.provinces.slice().sort());
      expect(row.provincesImplementing).toBe(Object.values(row.cells).filter((n) => n > 0).length);
      expect(row.tasks).toBe(Object.values(row.cells).reduce((a, b) => a + b, 0));
    }
    // Sorted by how few provinces implement each item.
    const counts = map.rows.map((row) => row.provincesImplementing);
    expect(counts).toEqual(counts.slice().sort((a, b) => a - b));
    // Kon Tum's and Bắc Giang's plans are linked to 69-KL/TW's items.
    expect(map.rows.some((row) => row.cells['Kon Tum']! > 0)).toBe(true);
    expect(map.rows.some((row) => row.cells['Bắc Giang']! > 0)).toBe(true);

    const explicit = Heatmap.parse((await get('/api/audit/heatmap', { documentId: KL69 })).body);
    expect(explicit).toEqual(map);
  });

  it('gives the evidence behind a cell', async () => {
    const map = Heatmap.parse((await get('/api/audit/heatmap')).body);
    const row = map.rows.find((x) => x.cells['Kon Tum']! > 0)!;
    const r = await get('/api/audit/cell', { directiveId: row.directive.id, province: 'Kon Tum' });
    expect(r.status).toBe(200);
    const cell = HeatmapCell.parse(r.body);
    expect(cell.directive.id).toBe(row.directive.id);
    expect(cell.tasks).toHaveLength(row.cells['Kon Tum']!);
    for (const t of cell.tasks) {
      expect(t.task.province).toBe('Kon Tum');
      expect(t.document.id).toBe(KT_44);
      expect(t.score).toBeGreaterThan(0);
      expect(t.method).toBeTruthy();
    }
    const empty = HeatmapCell.parse((await get('/api/audit/cell', { directiveId: row.directive.id, province: 'Atlantis' })).body);
    expect(empty.tasks).toEqual([]);
    const csv = await getCsv('/api/audit/cell', { directiveId: row.directive.id, province: 'Kon Tum' });
    expect(csv.header.slice(0, 3)).toEqual(['taskId', 'province', 'document']);
    expect(csv.data).toHaveLength(cell.tasks.length);
  });

  it('downloads the heatmap as CSV with one column per province', async () => {
    const map = Heatmap.parse((await get('/api/audit/heatmap')).body);
    const csv = await getCsv('/api/audit/heatmap');
    expect(csv.header).toEqual(['directiveId', 'section', 'text', ...map.provinces, 'provincesImplementing', 'tasks', 'linksReviewed', 'linksRejected']);
    expect(csv.data.map((row) => row[0])).toEqual(map.rows.map((row) => row.directive.id));
    const first = map.rows[0]!;
    expect(csv.data[0]!.slice(3, 3 + map.provinces.length).map(Number)).toEqual(map.provinces.map((p) => first.cells[p]));
  });

  it('answers 404 and 400 for bad ids and parameters', async () => {
    expect((await get('/api/audit/heatmap', { documentId: 'vn/tw/kl/0/1900' })).status).toBe(404);
    expect((await get('/api/audit/cell', { directiveId: `${KL69}#42`, province: 'Kon Tum' })).status).toBe(404);
    await expect400('/api/audit/cell', { directiveId: `${KL69}#1.1` }, 'province');
    await expect400('/api/audit/cell', { province: 'Kon Tum' }, 'directiveId');
    await expect400('/api/audit/heatmap', { documentId: '' }, 'documentId');
  });
});

describe('a province whose documents implementing 69-KL/TW hold no task', () => {
  it('is a column of the heatmap marked as having nothing to read, not a row of gaps', async () => {
    const { documentId, fileName, text } = NOTICE_WITHOUT_TASKS;
    expect(await ingestBytes(db, Buffer.from(text), fileName, { maxBytes: 5_000_000 })).toMatchObject({ status: 'ingested', documentId });
    try {
      const map = Heatmap.parse((await get('/api/audit/heatmap')).body);
      expect(map.provinces).toContain('Lạng Sơn');
      expect(map.provincesWithoutTasks).toEqual(['Lạng Sơn']);
      expect(map.rows.every((row) => row.cells['Lạng Sơn'] === 0)).toBe(true);
      // The auditor's list of gaps names none of its items, nor does the CSV give it zeros.
      const list = UnimplementedList.parse((await get('/api/audit/unimplemented', { documentId: KL69 })).body);
      expect(list.items.filter((r) => r.province === 'Lạng Sơn')).toEqual([]);
      expect(list.items.length).toBeGreaterThan(0);
      const csv = await getCsv('/api/audit/heatmap');
      const column = csv.header.indexOf('Lạng Sơn');
      expect(column).toBeGreaterThan(2);
      expect(csv.data.every((row) => row[column] === '')).toBe(true);
    } finally {
      await deleteDocument(db, documentId);
    }
    expect(Heatmap.parse((await get('/api/audit/heatmap')).body).provincesWithoutTasks).toEqual([]);
  });
});

describe('GET /api/audit/unimplemented', () => {
  it('lists exactly the empty cells of the heatmap, per province', async () => {
    const map = Heatmap.parse((await get('/api/audit/heatmap')).body);
    const expected = map.provinces.filter((p) => !map.provincesWithoutTasks.includes(p));
    const empty = map.rows.flatMap((row) => expected.filter((p) => row.cells[p] === 0).map((p) => `${p} ${row.directive.id}`));
    const list = UnimplementedList.parse((await get('/api/audit/unimplemented', { documentId: KL69 })).body);
    expect(list.total).toBe(list.items.length);
    expect(list.items.map((r) => `${r.province} ${r.directive.id}`).sort()).toEqual(empty.sort());
    expect(list.items.every((r) => r.document.id === KL69)).toBe(true);
  });

  it('filters by province and downloads as CSV', async () => {
    const all = UnimplementedList.parse((await get('/api/audit/unimplemented')).body);
    const kt = UnimplementedList.parse((await get('/api/audit/unimplemented', { province: 'Kon Tum' })).body);
    expect(kt.items.every((r) => r.province === 'Kon Tum')).toBe(true);
    expect(kt.total).toBe(all.items.filter((r) => r.province === 'Kon Tum').length);
    // No province implements Bắc Kạn's plan: nothing is expected of anyone there.
    expect(all.items.some((r) => r.document.id === BK_380)).toBe(false);
    const csv = await getCsv('/api/audit/unimplemented');
    expect(csv.header).toEqual(['province', 'document', 'directiveId', 'section', 'lines', 'text']);
    expect(csv.data).toHaveLength(all.total);
  });
});

describe('GET /api/audit/tasks-without-lead and /api/audit/collective-led', () => {
  it('lists tasks nobody leads', async () => {
    const list = TaskList.parse((await get('/api/audit/tasks-without-lead')).body);
    expect(list.items.every((r) => r.leads.length === 0)).toBe(true);
    // Bắc Kạn's six tasks and Kon Tum's tasks name no agency at all.
    const bk = TaskList.parse((await get('/api/audit/tasks-without-lead', { province: 'Bắc Kạn' })).body);
    expect(bk.total).toBe(6);
    expect(bk.items.every((r) => r.document.id === BK_380 && r.task.province === 'Bắc Kạn')).toBe(true);
    const kt = TaskList.parse((await get('/api/audit/tasks-without-lead', { documentId: KT_44 })).body);
    expect(kt.total).toBeGreaterThanOrEqual(16);
    const csv = await getCsv('/api/audit/tasks-without-lead', { province: 'Bắc Kạn' });
    expect(csv.header).toEqual(['taskId', 'province', 'document', 'section', 'lines', 'text', 'leads', 'leadRaw', 'coordinating', 'timeline']);
    expect(csv.data).toHaveLength(6);
    expect(csv.data.every((row) => row[2] === '380/KH-UBND')).toBe(true);
  });

  it('lists tasks led by a whole group', async () => {
    const list = TaskList.parse((await get('/api/audit/collective-led')).body);
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((r) => r.leads.some((a) => a.collective))).toBe(true);
    const bt = TaskList.parse((await get('/api/audit/collective-led', { province: 'Bình Thuận' })).body);
    expect(bt.items.some((r) => r.document.id === BT_3229 && /Các sở, ban, ngành/.test(r.leads.map((a) => a.name).join()))).toBe(true);
    const csv = await getCsv('/api/audit/collective-led');
    expect(csv.data).toHaveLength(list.total);
  });

  it('refuses bad parameters', async () => {
    await expect400('/api/audit/tasks-without-lead', { province: '' }, 'province');
    await expect400('/api/audit/collective-led', { documentId: KL69, sort: 'asc' }, 'sort');
  });
});

describe('GET /api/audit/unresolved-citations', () => {
  it('lists the stubs with who cites them and where', async () => {
    const list = UnresolvedList.parse((await get('/api/audit/unresolved-citations')).body);
    const byId = new Map(list.items.map((r) => [r.document.id, r]));
    const bt245 = byId.get(BT_245)!;
    expect(bt245.document.number).toBe('245-KH/TU');
    expect(bt245.citedBy.find((c) => c.id === BT_3229)).toMatchObject({ kind: 'IMPLEMENTS' });
    const qd569 = byId.get('vn/ttg/qd/569/2022')!;
    expect(qd569.citedBy.map((c) => c.id)).toContain(BK_380);
    expect(byId.has(KL69)).toBe(false);
    for (const r of list.items) expect(r.citedBy.length).toBeGreaterThan(0);
    const csv = await getCsv('/api/audit/unresolved-citations');
    expect(csv.data).toHaveLength(list.items.reduce((n, r) => n + r.citedBy.length, 0));
    expect(csv.data.some((row) => row[0] === BT_245 && row[3] === BT_3229)).toBe(true);
  });
});

describe('GET /api/export', () => {
  const params = { id: KL69, direction: 'down', depth: 3, include: 'agencies' };

  it('downloads the lineage subgraph as JSON', async () => {
    const r = await get('/api/export', params);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="lineage-vn-tw-kl-69-2024-down-3\.json"$/);
    const lineage = await get('/api/lineage', params);
    expect(Subgraph.parse(r.body)).toEqual(Subgraph.parse(lineage.body));
  });

  it('downloads nodes and edges as CSV', async () => {
    const g = Subgraph.parse((await get('/api/lineage', params)).body);
    const nodes = await getCsv('/api/export', { ...params, part: 'nodes' });
    expect(nodes.header.slice(0, 3)).toEqual(['id', 'kind', 'label']);
    expect(nodes.data.map((row) => row[0])).toEqual(g.nodes.map((n) => n.id));
    expect(nodes.disposition).toContain('-nodes.csv');
    const edges = await getCsv('/api/export', { ...params, part: 'edges' });
    expect(edges.header.slice(0, 4)).toEqual(['id', 'source', 'target', 'type']);
    expect(edges.data).toHaveLength(g.edges.length);
    expect(edges.disposition).toContain('-edges.csv');
    const byDefault = await getCsv('/api/export', params);
    expect(byDefault.data).toHaveLength(g.nodes.length);
  });

  it('downloads GraphML', async () => {
    const g = Subgraph.parse((await get('/api/lineage', params)).body);
    const r = await get('/api/export', { ...params, format: 'graphml' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/graphml\+xml; charset=utf-8/);
    expect(r.headers.get('content-disposition')).toMatch(/filename="lineage-vn-tw-kl-69-2024-down-3\.graphml"/);
    const xml = r.text;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml.match(/<node id=/g)).toHaveLength(g.nodes.length);
    expect(xml.match(/<edge id=/g)).toHaveLength(g.edges.length);
    expect(xml).toContain(`<node id="${KL69}">`);
    expect(xml).toContain('Sở Khoa học và Công nghệ');
    // Well-formed as far as a regex can tell: no raw '&' or '<' inside attribute values or text.
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    const tags = xml.match(/<\/?(graphml|graph|node|edge|data|key)\b/g)!;
    const opened = tags.filter((t) => !t.startsWith('</')).length;
    const selfClosed = (xml.match(/<key [^>]*\/>/g) ?? []).length;
    expect(opened - selfClosed).toBe(tags.filter((t) => t.startsWith('</')).length);
  });

  it('refuses bad parameters and unknown ids', async () => {
    await expect400('/api/export', { ...params, format: 'pdf' }, 'format');
    await expect400('/api/export', { ...params, part: 'edges' }, 'part');
    await expect400('/api/export', { ...params, format: 'csv', part: 'both' }, 'part');
    expect((await get('/api/export', { id: 'vn/nowhere/1' })).status).toBe(404);
  });
});
