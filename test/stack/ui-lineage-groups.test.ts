/**
 * Issue 11 in the lineage view, in a real browser on the real stack (demo corpus): the documents
 * carrying out 69-KL/TW grouped by today's province (Bình Thuận's 245-KH/TU in the Lâm Đồng group,
 * since the merger of 1 July 2025; Quảng Bình's 156-KH/TU in Quảng Trị's), a group collapsed and
 * opened by a click, the province filter ("Lâm Đồng" keeps Bình Thuận; "binh thuan" in the URL
 * works), the upward view (3229/KH-UBND carries out 245-KH/TU, which carries out 69-KL/TW), find in
 * the graph without tone marks, and the export of what is shown. Prints the view's timings.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, graphNodes, graphSettled, pageErrors, screenshot } from '../helpers/ui-browser.js';
import { BT_245, BT_3229, KL69 } from '../helpers/demo-corpus.js';
import { useUiSession } from '../helpers/ui-session.js';

const QB_156 = 'vn/quang-binh/tu/kh/156/2024';
const LAM_DONG = `group:${KL69}|Lâm Đồng`;
const QUANG_TRI = `group:${KL69}|Quảng Trị`;

const ui = useUiSession();

const ids = async (p: Page) => (await graphNodes(p)).map((n) => n.id);
const hashParams = (p: Page) => {
  const hash = new URL(p.url()).hash;
  return new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
};

/**
 * Click an open group's box in its top-left padding (not on a node inside it, nor on the edge
 * leaving its document upward from the middle), or a collapsed group's centre.
 */
async function clickGroup(p: Page, id: string): Promise<void> {
  const point = await p.evaluate((gid) => {
    const { cy } = window.__lineage!;
    const g = cy.getElementById(gid);
    if (g.empty()) throw new Error(`no group ${gid}`);
    cy.zoom(1);
    cy.center(g);
    const r = g.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
    const box = cy.container()!.getBoundingClientRect();
    const y = g.isParent() ? Math.max(r.y1, 0) + 8 : (r.y1 + r.y2) / 2;
    return { x: box.left + (g.isParent() ? r.x1 + 10 : (r.x1 + r.x2) / 2), y: box.top + y };
  }, id);
  await p.mouse.click(point.x, point.y);
}

describe('lineage at scale (demo corpus)', () => {
  it('groups the documents under 69-KL/TW by their 2025 province, and a click collapses and opens a group', async () => {
    const t0 = performance.now();
    await ui.page.goto(`${ui.stack.base}/`);
    await graphSettled(ui.page);
    console.log(`[timing] default view settled in ${(performance.now() - t0).toFixed(0)} ms (demo corpus, 450 ms of animation wait included)`);
    const groups = await ui.page.evaluate(() =>
      window.__lineage!.cy.nodes('[vk = "group"]').map((g) => ({ id: g.id(), open: g.isParent(), display: g.data('display') as string, members: g.children().map((c) => c.id()) })),
    );
    const ld = groups.find((g) => g.id === LAM_DONG)!;
    expect(ld.open).toBe(true);
    expect(ld.members).toContain(BT_245);
    expect(ld.display).toContain('Bình Thuận');
    expect(groups.find((g) => g.id === QUANG_TRI)!.members).toContain(QB_156);
    await screenshot(ui.page, 'lineage-groups-1280x800');

    const t1 = performance.now();
    await clickGroup(ui.page, LAM_DONG);
    await graphSettled(ui.page);
    console.log(`[timing] click to collapse a province group: ${(performance.now() - t1).toFixed(0)} ms (450 ms wait included)`);
    expect(await ids(ui.page)).not.toContain(BT_245);
    const collapsed = await ui.page.evaluate((id) => window.__lineage!.cy.getElementById(id).data('display') as string, LAM_DONG);
    expect(collapsed).toMatch(/1 văn bản · \d+ mục/);
    expect(hashParams(ui.page).getAll('grp')).toEqual([LAM_DONG]);

    await clickGroup(ui.page, LAM_DONG);
    await graphSettled(ui.page);
    expect(await ids(ui.page)).toContain(BT_245);
    expect(hashParams(ui.page).getAll('grp')).toEqual([]);
    expect(pageErrors(ui.page)).toEqual([]);
  });

  it('filters by province: Lâm Đồng keeps Bình Thuận, and "binh thuan" works in the URL', async () => {
    await ui.page.selectOption('#lineage-province', 'Lâm Đồng');
    await graphSettled(ui.page);
    let shown = await ids(ui.page);
    expect(shown).toContain(BT_245);
    expect(shown).not.toContain(QB_156);
    expect(shown).toContain(KL69);
    expect(hashParams(ui.page).get('prov')).toBe('Lâm Đồng');
    await screenshot(ui.page, 'lineage-filter-lam-dong');

    const other = await ui.browser.page({ width: 1280, height: 800 });
    await other.goto(`${ui.stack.base}/#/lineage?prov=binh%20thuan`);
    await graphSettled(other);
    const nodes = await graphNodes(other);
    const provinces = new Set(nodes.filter((n) => n.kind === 'document' && n.province).map((n) => n.province));
    expect([...provinces]).toEqual(['Bình Thuận']);
    expect(await other.locator('#lineage-province').inputValue()).toBe('Bình Thuận');
    await other.close();

    await ui.page.selectOption('#lineage-province', '');
    await graphSettled(ui.page);
    shown = await ids(ui.page);
    expect(shown).toContain(QB_156);
  });

  it('finds nodes without tone marks, opening the group that holds them', async () => {
    await clickGroup(ui.page, LAM_DONG);
    await graphSettled(ui.page);
    expect(await ids(ui.page)).not.toContain(BT_245);
    await ui.page.fill('#lineage-find', 'binh thuan 245');
    await eventually(() => ui.page.evaluate(() => window.__lineage!.cy.nodes('.match').map((n) => n.id()))).toEqual([BT_245]);
    await graphSettled(ui.page);
    expect(await ui.page.locator('.find-count').innerText()).toBe('1/1 kết quả');
    expect(hashParams(ui.page).get('q')).toBe('binh thuan 245');
    // Centred on the match.
    const centred = await ui.page.evaluate((id) => {
      const { cy } = window.__lineage!;
      const p = cy.getElementById(id).renderedPosition();
      return Math.abs(p.x - cy.width() / 2) < 60 && Math.abs(p.y - cy.height() / 2) < 60;
    }, BT_245);
    expect(centred).toBe(true);
    await screenshot(ui.page, 'lineage-find');
    await ui.page.fill('#lineage-find', 'xyzqwv');
    await eventually(() => ui.page.locator('.find-count').innerText()).toBe('Không thấy');
    await ui.page.fill('#lineage-find', '');
    await eventually(() => ui.page.evaluate(() => window.__lineage!.cy.nodes('.match, .faded').length)).toBe(0);
  });

  it('exports what is shown: with the filter on, GraphML and CSV hold the drawn nodes and edges only', async () => {
    await ui.page.selectOption('#lineage-province', 'Quảng Trị');
    await graphSettled(ui.page);
    const drawn = await ui.page.evaluate(() => ({
      nodes: window.__lineage!.cy.nodes().map((n) => n.id()).sort(),
      edges: window.__lineage!.cy.edges().map((e) => e.id()).sort(),
    }));
    expect(drawn.nodes).toContain(QB_156);
    expect(drawn.nodes).not.toContain(BT_245);
    const [graphml] = await Promise.all([ui.page.waitForEvent('download'), ui.page.click('#export-graphml')]);
    expect(graphml.suggestedFilename()).toMatch(/Quảng-Trị\.graphml$/);
    const xml = readFileSync((await graphml.path())!, 'utf8');
    const unescape = (s: string) => s.replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
    const nodeIds = [...xml.matchAll(/<node id="([^"]*)"/g)].map((m) => unescape(m[1]!)).sort();
    const edgeIds = [...xml.matchAll(/<edge id="([^"]*)"/g)].map((m) => unescape(m[1]!)).sort();
    expect(nodeIds).toEqual(drawn.nodes);
    expect(edgeIds).toEqual(drawn.edges);

    const [csv] = await Promise.all([ui.page.waitForEvent('download'), ui.page.click('#export-csv-nodes')]);
    const rows = readFileSync((await csv.path())!, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(rows[0]!.startsWith('id,kind,label')).toBe(true);
    expect(rows.length - 1).toBe(drawn.nodes.length);
    expect(rows.some((r) => r.startsWith(`${QB_156},document,`))).toBe(true);
    expect(rows.some((r) => r.includes(BT_245))).toBe(false);
    await ui.page.selectOption('#lineage-province', '');
    await graphSettled(ui.page);
    expect(pageErrors(ui.page)).toEqual([]);
  });

  it('reads upward: 3229/KH-UBND carries out 245-KH/TU, which carries out 69-KL/TW, drawn above it', async () => {
    const p = await ui.browser.page({ width: 1280, height: 800 });
    await p.goto(`${ui.stack.base}/#/lineage?root=${encodeURIComponent(BT_3229)}&open=${encodeURIComponent(BT_3229)}&way=up`);
    await graphSettled(p);
    expect(await p.locator('#lineage-way').inputValue()).toBe('up');
    expect(await ids(p)).toContain(BT_245);
    const y = (id: string) => p.evaluate((nid) => window.__lineage!.cy.getElementById(nid).position().y, id);
    expect(await y(BT_245)).toBeLessThan(await y(BT_3229));
    await p.evaluate((id) => window.__lineage!.cy.getElementById(id).emit('tap'), BT_245);
    await graphSettled(p);
    expect(await ids(p)).toContain(KL69);
    expect(await y(KL69)).toBeLessThan(await y(BT_245));
    expect(hashParams(p).get('way')).toBe('up');
    expect(hashParams(p).getAll('open')).toEqual([BT_3229, BT_245]);
    await screenshot(p, 'lineage-upward');

    // Switching back to downward from the control keeps the start and reads down from it.
    await p.selectOption('#lineage-way', '');
    await graphSettled(p);
    expect(hashParams(p).get('way')).toBe(null);
    expect(await ids(p)).not.toContain(KL69);
    expect(pageErrors(p)).toEqual([]);
    await p.close();
  });
});
