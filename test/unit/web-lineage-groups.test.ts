/**
 * What the lineage view draws (web/src/lineage-groups.ts), find-in-graph (lineage-find.ts) and the
 * export of what is shown (lineage-export.ts), on small graphs written by hand: documents under a
 * central document grouped by their 2025 unit (Bình Thuận's plans in Lâm Đồng's group, as the
 * merger of 1 July 2025 made it), collapsed past a dozen documents, a filter by either name.
 */
import { describe, expect, it } from 'vitest';
import { exportText, shownSubgraph } from '../../web/src/lineage-export.js';
import { findNodes } from '../../web/src/lineage-find.js';
import { GROUPS_OPEN_MAX, groupId, groupLabel, visibleGraph, withGroupsOpen, type ModelNode, type ViewOptions } from '../../web/src/lineage-groups.js';
import type { GraphEdge, GraphNode } from '../../web/src/types.js';

const CURRENT: Record<string, string> = { 'Bình Thuận': 'Lâm Đồng', 'Lâm Đồng': 'Lâm Đồng', 'Quảng Bình': 'Quảng Trị', 'Kon Tum': 'Quảng Ngãi' };
let seq = 0;
const doc = (id: string, parent: string | null, province: string | null, level: GraphNode['level'] = 'province'): ModelNode => ({
  data: { id, kind: 'document', label: id, province, level, distance: null, number: id },
  parent,
  seq: seq++,
});
const task = (id: string, parent: string, text: string): ModelNode => ({
  data: { id, kind: 'task', label: id, province: null, level: null, distance: null, documentId: parent, text },
  parent,
  seq: seq++,
});
const implementsEdge = (s: string, t: string): GraphEdge => ({ id: `${s}|IMPLEMENTS|${t}`, source: s, target: t, type: 'IMPLEMENTS' });
const opts = (o: Partial<ViewOptions> = {}): ViewOptions => ({
  toggled: new Set(),
  province: null,
  currentOf: (p) => CURRENT[p] ?? p,
  itemCounts: new Map([['bt-245', 12], ['bt-3229', 67], ['ld-1', 5]]),
  grouping: true,
  ...o,
});

/** 69-KL/TW with Bình Thuận's two plans (one under the other, with two tasks), Lâm Đồng's and Quảng Bình's. */
function demo(): { nodes: ModelNode[]; edges: GraphEdge[] } {
  const nodes = [
    doc('69', null, null, 'central'),
    doc('bt-245', '69', 'Bình Thuận'),
    doc('ld-1', '69', 'Lâm Đồng'),
    doc('qb-156', '69', 'Quảng Bình'),
    doc('bt-3229', 'bt-245', 'Bình Thuận'),
    task('bt-3229#1', 'bt-3229', 'Phát triển hạ tầng số tại các xã'),
    task('bt-3229#2', 'bt-3229', 'Đào tạo nguồn nhân lực khoa học'),
  ];
  const edges = [implementsEdge('bt-245', '69'), implementsEdge('ld-1', '69'), implementsEdge('qb-156', '69'), implementsEdge('bt-3229', 'bt-245')];
  return { nodes, edges };
}

describe('province groups', () => {
  it('groups the documents under a central document by 2025 unit, open when there are few', () => {
    const { nodes, edges } = demo();
    const v = visibleGraph(nodes, edges, opts());
    expect(v.groups.map((g) => [g.unit, g.provinces, g.members, g.open])).toEqual([
      ['Lâm Đồng', ['Bình Thuận', 'Lâm Đồng'], ['bt-245', 'ld-1'], true],
      ['Quảng Trị', ['Quảng Bình'], ['qb-156'], true],
    ]);
    // Items counted on the group's own documents: 12 + 5.
    expect(groupLabel(v.groups[0]!)).toBe('Lâm Đồng (gồm Bình Thuận, Lâm Đồng)\n2 văn bản · 17 mục');
    const byId = new Map(v.nodes.map((n) => [n.id, n]));
    const ld = groupId('69', 'Lâm Đồng');
    // Members hang under the group in the layout; everything below them is drawn in its box.
    expect(byId.get('bt-245')).toMatchObject({ layoutParent: ld, box: ld });
    expect(byId.get('bt-3229')).toMatchObject({ layoutParent: 'bt-245', box: ld });
    expect(byId.get('bt-3229#1')).toMatchObject({ layoutParent: 'bt-3229', box: ld });
    expect(byId.get('69')).toMatchObject({ layoutParent: null, box: null });
    expect(v.edges.map((e) => e.id)).toEqual(edges.map((e) => e.id));
    expect(v.hidden).toBe(0);
  });

  it('collapses a group on request: one summary node linked to the anchor, its content hidden', () => {
    const { nodes, edges } = demo();
    const ld = groupId('69', 'Lâm Đồng');
    const v = visibleGraph(nodes, edges, opts({ toggled: new Set([ld]) }));
    expect(v.nodes.map((n) => n.id).sort()).toEqual(['69', groupId('69', 'Quảng Trị'), ld, 'qb-156'].sort());
    expect(v.hidden).toBe(5);
    expect(v.hiddenIn.get('bt-3229#2')).toBe(ld);
    expect(v.edges.map((e) => e.id).sort()).toEqual([`${ld}|IMPLEMENTS|69`, 'qb-156|IMPLEMENTS|69']);
    // Opening it again (find does, for a match inside) undoes the toggle: open is its default.
    expect([...withGroupsOpen(v, new Set([ld]), [ld])]).toEqual([]);
  });

  it(`starts collapsed past ${GROUPS_OPEN_MAX} documents under one central document`, () => {
    const nodes = [doc('69', null, null, 'central')];
    for (let i = 0; i < GROUPS_OPEN_MAX + 1; i++) nodes.push(doc(`d${i}`, '69', i % 2 ? 'Bình Thuận' : 'Kon Tum'));
    const v = visibleGraph(nodes, [], opts());
    expect(v.groups.map((g) => [g.unit, g.members.length, g.open])).toEqual([
      ['Lâm Đồng', 6, false],
      ['Quảng Ngãi', 7, false],
    ]);
    expect(v.nodes.length).toBe(3);
    // A toggled group opens; its box, not each of its 7 documents, links it to 69-KL/TW.
    const qn = groupId('69', 'Quảng Ngãi');
    const links = nodes.slice(1).map((d) => implementsEdge(d.data.id, '69'));
    const open = visibleGraph(nodes, links, opts({ toggled: new Set([qn]) }));
    expect(open.nodes.length).toBe(3 + 7);
    expect(open.edges.map((e) => e.id).sort()).toEqual([`${groupId('69', 'Lâm Đồng')}|IMPLEMENTS|69`, `${qn}|IMPLEMENTS|69`]);
    expect(open.implied).toBe(7);
    expect([...withGroupsOpen(v, new Set(), [groupId('69', 'Lâm Đồng')])]).toEqual([groupId('69', 'Lâm Đồng')]);
  });

  it('filters by a 2025 unit (predecessors included) or by the name a document uses, any spelling', () => {
    const { nodes, edges } = demo();
    const shown = (province: string) => visibleGraph(nodes, edges, opts({ province })).nodes.filter((n) => n.data?.kind === 'document').map((n) => n.id).sort();
    expect(shown('Lâm Đồng')).toEqual(['69', 'bt-245', 'bt-3229', 'ld-1']);
    expect(shown('Bình Thuận')).toEqual(['69', 'bt-245', 'bt-3229']);
    expect(shown('binh thuan')).toEqual(['69', 'bt-245', 'bt-3229']);
    expect(shown('quang tri')).toEqual(['69', 'qb-156']);
    expect(shown('Hà Giang')).toEqual(['69']);
  });

  it("leaves out a plan's direct link to a document its chain already reaches", () => {
    const { nodes, edges } = demo();
    // 3229/KH-UBND carries out 245-KH/TU (its parent) and, directly, 69-KL/TW above it.
    const v = visibleGraph(nodes, [...edges, implementsEdge('bt-3229', '69')], opts());
    expect(v.implied).toBe(1);
    expect(v.edges.map((e) => e.id)).not.toContain('bt-3229|IMPLEMENTS|69');
    expect(v.edges.map((e) => e.id)).toContain('bt-3229|IMPLEMENTS|bt-245');
  });

  it('does not group an upward lineage', () => {
    const { nodes, edges } = demo();
    expect(visibleGraph(nodes, edges, opts({ grouping: false })).groups).toEqual([]);
  });
});

describe('find in the graph', () => {
  it('matches every word, with or without tone marks', () => {
    const { nodes } = demo();
    const data = nodes.map((n) => n.data);
    expect(findNodes(data, 'hạ tầng số')).toEqual(['bt-3229#1']);
    expect(findNodes(data, 'ha tang so')).toEqual(['bt-3229#1']);
    expect(findNodes(data, 'DAO TAO')).toEqual(['bt-3229#2']);
    expect(findNodes(data, 'binh thuan')).toEqual(['bt-245', 'bt-3229']);
    expect(findNodes(data, '  ')).toEqual([]);
    expect(findNodes(data, 'xyzqwv')).toEqual([]);
  });
});

describe('export of what is shown', () => {
  it('writes the drawn nodes and edges, a collapsed group as one node', () => {
    const { nodes, edges } = demo();
    const ld = groupId('69', 'Lâm Đồng');
    const g = shownSubgraph(visibleGraph(nodes, edges, opts({ toggled: new Set([ld]) })), '69', 'down');
    const graphml = exportText(g, 'graphml').text;
    expect((graphml.match(/<node /g) ?? []).length).toBe(4);
    expect((graphml.match(/<edge /g) ?? []).length).toBe(2);
    expect(graphml).toContain('<data key="n_kind">province</data>');
    expect(graphml).toContain('Lâm Đồng (gồm Bình Thuận, Lâm Đồng) — 2 văn bản · 17 mục');
    expect(graphml).not.toContain('bt-3229');
    const csv = exportText(g, 'csv-nodes').text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(csv.length).toBe(1 + 4);
    expect(csv[0]!.startsWith('id,kind,label')).toBe(true);
    const edgeCsv = exportText(g, 'csv-edges').text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(edgeCsv.slice(1).map((l) => l.split(',')[0]).sort()).toEqual([`${ld}|IMPLEMENTS|69`, 'qb-156|IMPLEMENTS|69']);
  });
});
