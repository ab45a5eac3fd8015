/**
 * What a bounded lineage answer keeps (graph-store/lineage-budget.ts), and how the UI words what
 * it left out (web/src/lineage-bounds.ts). The reads that feed them are tested on the real stack
 * (test/stack/api-lineage-bounds.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { planDocumentLineage, planItemLineage, type WalkedDocument } from '../../graph-store/lineage-budget.js';
import { documentShortfall, itemCountText, itemsOfDocument, itemShortfall, type Truncation } from '../../web/src/lineage-bounds.js';
import type { GraphNode, Subgraph } from '../../web/src/types.js';

const ROOT = 'vn/tw/kl/69/2024';
const doc = (id: string, distance: number, items: number): WalkedDocument => ({ id, distance, items });

describe('planDocumentLineage', () => {
  const walked = [doc('c-ubnd-2', 2, 50), doc('a-tu', 1, 16), doc(ROOT, 0, 19), doc('b-tu', 1, 16), doc('a-ubnd-1', 2, 50), doc('nq20', -1, 12)];

  it('keeps everything when it fits', () => {
    const plan = planDocumentLineage(ROOT, walked, 1000);
    expect(plan.documents).toHaveLength(6);
    expect(plan.leftOutDocuments).toEqual([]);
    expect([...plan.items.values()].reduce((a, b) => a + b, 0)).toBe(163);
  });

  it('keeps every document, then whole documents of items nearest first, the root first', () => {
    // 6 documents + 19 (root) + 16 (a-tu) + 16 (b-tu) = 57; nq20's 12 (one hop up, after them by id) do not fit, nor the plans' 50.
    const plan = planDocumentLineage(ROOT, walked, 60);
    expect(plan.documents).toEqual([ROOT, 'a-tu', 'b-tu', 'nq20', 'a-ubnd-1', 'c-ubnd-2']);
    expect(Object.fromEntries(plan.items)).toEqual({ [ROOT]: 19, 'a-tu': 16, 'b-tu': 16 });
  });

  it('skips a document that does not fit and fills the room with later, smaller ones', () => {
    const plan = planDocumentLineage(ROOT, [doc(ROOT, 0, 0), doc('big', 1, 500), doc('small', 2, 5)], 100);
    expect(Object.fromEntries(plan.items)).toEqual({ small: 5 });
  });

  it("gives the root's first items when they alone are over the budget", () => {
    const plan = planDocumentLineage('plan', [doc('plan', 0, 3000), doc('tu', -1, 16)], 1000);
    expect(plan.documents).toEqual(['plan', 'tu']);
    expect(Object.fromEntries(plan.items)).toEqual({ plan: 998 });
  });

  it('keeps the documents nearest to the root when there are more than the budget', () => {
    const plan = planDocumentLineage(ROOT, walked, 3);
    expect(plan.documents).toEqual([ROOT, 'a-tu', 'b-tu']);
    expect(plan.leftOutDocuments).toEqual(['nq20', 'a-ubnd-1', 'c-ubnd-2']);
    expect(plan.items.size).toBe(0);
  });

  it('is the same whatever order the walk gave', () => {
    const a = planDocumentLineage(ROOT, walked, 60);
    const b = planDocumentLineage(ROOT, [...walked].reverse(), 60);
    expect(b).toEqual(a);
  });
});

describe('planItemLineage', () => {
  const item = (id: string, distance: number) => ({ id, documentId: id.split('#')[0]!, distance });
  const walked = [item(`${ROOT}#5.2`, 0), item('p1#1', 1), item('p1#2', 1), item('p2#1', 1), item('p3#1', 2), item('p3#2', 2)];

  it('keeps everything when it fits', () => {
    const plan = planItemLineage(`${ROOT}#5.2`, walked, 100);
    expect(plan.items).toHaveLength(6);
    expect(plan.documents).toEqual(['p1', 'p2', 'p3', ROOT].sort());
    expect(plan.leftOutItems).toEqual([]);
  });

  it('counts each item and, once, its document; nearest items first', () => {
    // root + its document (2), p1#1 + p1 (2), p1#2 (1), p2#1 + p2 (2) = 7; p3#1 would need 2 more.
    const plan = planItemLineage(`${ROOT}#5.2`, walked, 8);
    expect(plan.items).toEqual([`${ROOT}#5.2`, 'p1#1', 'p1#2', 'p2#1']);
    expect(plan.documents).toEqual(['p1', 'p2', ROOT].sort());
    expect(plan.leftOutItems).toEqual(['p3#1', 'p3#2']);
  });
});

describe('what the lineage view says', () => {
  const t: Truncation = {
    limit: 400,
    shown: { documents: 127, items: 273 },
    total: { documents: 127, items: 2011 },
    leftOut: { documents: 0, items: 1738, tasks: 1700, directives: 900 },
    download: '/api/export?id=vn%2Ftw%2Fkl%2F69%2F2024&direction=down&depth=1&include=items',
  };

  it("stays quiet on a document's expansion when only the items of the documents below were left out", () => {
    // The view shows the documents one level down and the expanded document's own items: all there.
    expect(documentShortfall(t, { shown: 19, leftOut: 0 })).toBeNull();
    expect(documentShortfall(null, { shown: 19, leftOut: 0 })).toBeNull();
  });

  it('says how many documents and own items are shown, in Vietnamese number format', () => {
    expect(documentShortfall({ ...t, shown: { documents: 400, items: 0 }, total: { documents: 1143, items: 0 }, leftOut: { ...t.leftOut, documents: 743 } }, { shown: 0, leftOut: 0 })).toBe(
      'Hiển thị 400/1.143 văn bản',
    );
    expect(documentShortfall(t, { shown: 398, leftOut: 2602 })).toBe('Hiển thị 398/3.000 mục');
  });

  it("says how many of the items carrying out an item are shown", () => {
    expect(itemShortfall({ ...t, shown: { documents: 120, items: 280 }, total: { documents: 724, items: 1515 } })).toBe('Hiển thị 280/1.515 mục');
    expect(itemShortfall({ ...t, leftOut: { ...t.leftOut, items: 0 } })).toBeNull();
  });

  it('counts the items of a document, shown or left out', () => {
    const doc: GraphNode = { id: 'p', kind: 'document', label: 'p', province: null, level: null, distance: 1 };
    const item = (id: string): GraphNode => ({ id, kind: 'task', label: id, province: null, level: null, distance: null, documentId: 'p' });
    const graph = (nodes: GraphNode[]): Subgraph => ({ root: { id: 'r', kind: 'document' }, direction: 'down', depth: 1, nodes, edges: [], truncated: t });
    expect(itemsOfDocument(graph([doc, item('p#1'), item('p#2')]), doc)).toBe(2);
    const cut = { ...doc, leftOut: { items: 1198, tasks: 1190, directives: 10 } };
    expect(itemsOfDocument(graph([cut, item('p#1'), item('p#2')]), cut)).toBe(1200);
    expect(itemCountText(1200)).toBe('1.200 mục');
  });
});
