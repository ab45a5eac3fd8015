/**
 * What the lineage view draws out of what the model holds: the documents a central document's
 * expansion brought in, grouped by province (the 2025 unit, so "Lâm Đồng" holds Bình Thuận's
 * plans), each group open (a box around its documents and everything opened below them) or
 * collapsed into one summary node with its counts; a province filter; and the level of detail
 * that follows (what sits inside a collapsed group is not drawn at all, so 63 provinces' plans
 * and their tasks cost nothing until one is opened).
 * Pure: the same inputs give the same view, so the URL restores it and the export is what is shown.
 */
import { matchKey } from '../../core/vn-text.js';
import type { GraphEdge, GraphNode } from './types.js';

/** The part of a shown node this needs (lineage-model.ts's ShownNode has it). */
export interface ModelNode {
  data: GraphNode;
  parent: string | null;
  seq: number;
}

export interface ProvinceGroup {
  id: string;
  /** The central document whose expansion brought the group's documents. */
  anchor: string;
  /** The 2025 unit. */
  unit: string;
  /** Provinces as the documents name them, sorted. */
  provinces: string[];
  /** The group's documents directly under the anchor. */
  members: string[];
  /** Items those documents hold (as the answers counted them, shown or not). */
  items: number;
  open: boolean;
  /** Open unless toggled: past GROUPS_OPEN_MAX documents under the anchor, groups start collapsed. */
  defaultOpen: boolean;
}

export interface VisibleNode {
  id: string;
  /** A graph node, or a province group (open: a compound box; collapsed: a summary node). */
  data: GraphNode | null;
  group: ProvinceGroup | null;
  /** Where the layered layout puts it: under this node. */
  layoutParent: string | null;
  /** The open group whose box it is drawn in. */
  box: string | null;
  seq: number;
}

export interface VisibleGraph {
  nodes: VisibleNode[];
  /** Edges of the model whose ends are both shown, then one edge from each collapsed group to its anchor. */
  edges: (GraphEdge & { summary?: true })[];
  groups: ProvinceGroup[];
  /** Nodes of the model that are not drawn: in a collapsed group, or filtered out. */
  hidden: number;
  /** Each node a collapsed group hides, and that group. */
  hiddenIn: Map<string, string>;
  /** Document links not drawn because the layout says them: the chain above (impliedByTree), or a large open group's box. */
  implied: number;
}

/** More documents than this under one central document, across provinces: groups start collapsed. */
export const GROUPS_OPEN_MAX = 12;

export const groupId = (anchor: string, unit: string): string => `group:${anchor}|${unit}`;

export interface ViewOptions {
  /** Groups whose state differs from their default (collapsed past GROUPS_OPEN_MAX, else open). */
  toggled: ReadonlySet<string>;
  /** A province as documents name it or a 2025 unit, any spelling: "Lâm Đồng" keeps Bình Thuận too. */
  province: string | null;
  /** The 2025 unit of a province as documents name it (itself when unknown). */
  currentOf: (province: string) => string;
  itemCounts: ReadonlyMap<string, number>;
  /** Only a downward lineage fans out into provinces. */
  grouping: boolean;
}

/** Does a document of `province` pass the filter? Its own name or its 2025 unit, compared folded. */
export function provinceMatches(province: string | null | undefined, filter: string | null, currentOf: (p: string) => string): boolean {
  if (!filter) return true;
  if (!province) return false;
  const want = matchKey(filter);
  return matchKey(province) === want || matchKey(currentOf(province)) === want;
}

const groupable = (n: ModelNode, byId: Map<string, ModelNode>): boolean => {
  const p = n.parent ? byId.get(n.parent) : undefined;
  return n.data.kind === 'document' && n.data.level !== 'central' && !!n.data.province && p?.data.kind === 'document' && p.data.level === 'central';
};

export function visibleGraph(model: ModelNode[], edges: Iterable<GraphEdge>, o: ViewOptions): VisibleGraph {
  const byId = new Map(model.map((n) => [n.data.id, n]));
  const sorted = [...model].sort((a, b) => a.seq - b.seq);
  const groups = new Map<string, ProvinceGroup>();
  const memberOf = new Map<string, ProvinceGroup>();
  const filteredOut = new Set<string>();
  for (const n of sorted) {
    if (!o.grouping || !groupable(n, byId)) continue;
    if (!provinceMatches(n.data.province, o.province, o.currentOf)) {
      filteredOut.add(n.data.id);
      continue;
    }
    const unit = o.currentOf(n.data.province!);
    const id = groupId(n.parent!, unit);
    const g = groups.get(id) ?? { id, anchor: n.parent!, unit, provinces: [], members: [], items: 0, open: true, defaultOpen: true };
    groups.set(id, g);
    g.members.push(n.data.id);
    if (!g.provinces.includes(n.data.province!)) g.provinces.push(n.data.province!);
    g.items += o.itemCounts.get(n.data.id) ?? 0;
    memberOf.set(n.data.id, g);
  }
  const perAnchor = new Map<string, number>();
  for (const g of groups.values()) perAnchor.set(g.anchor, (perAnchor.get(g.anchor) ?? 0) + g.members.length);
  for (const g of groups.values()) {
    g.provinces.sort((a, b) => a.localeCompare(b, 'vi'));
    g.defaultOpen = (perAnchor.get(g.anchor) ?? 0) <= GROUPS_OPEN_MAX;
    g.open = o.toggled.has(g.id) ? !g.defaultOpen : g.defaultOpen;
  }

  /** The group a node is drawn in (its own or an ancestor's), or the filter that hides it. */
  const placeOf = (id: string): ProvinceGroup | 'out' | null => {
    const seen = new Set<string>();
    for (let cur: string | null = id; cur && !seen.has(cur); cur = byId.get(cur)?.parent ?? null) {
      seen.add(cur);
      if (filteredOut.has(cur)) return 'out';
      const g = memberOf.get(cur);
      if (g) return g;
    }
    return null;
  };

  const nodes: VisibleNode[] = [];
  const shownGroups = [...groups.values()].sort((a, b) => a.unit.localeCompare(b.unit, 'vi'));
  const groupSeq = new Map(shownGroups.map((g, i) => [g.id, i]));
  let hidden = 0;
  const hiddenIn = new Map<string, string>();
  for (const n of sorted) {
    const place = placeOf(n.data.id);
    if (place === 'out' || (place && !place.open)) {
      hidden++;
      if (place && place !== 'out') hiddenIn.set(n.data.id, place.id);
      continue;
    }
    const isMember = place && memberOf.get(n.data.id) === place;
    nodes.push({ id: n.data.id, data: n.data, group: null, layoutParent: isMember ? place.id : n.parent, box: place ? place.id : null, seq: n.seq });
  }
  // Groups follow their anchor's other children, in the order of their names.
  for (const g of shownGroups) nodes.push({ id: g.id, data: null, group: g, layoutParent: g.anchor, box: null, seq: 1e6 + groupSeq.get(g.id)! });

  const shown = new Set(nodes.map((n) => n.id));
  const out: VisibleGraph['edges'] = [];
  let implied = 0;
  // Past a dozen documents, an open group's box says what its members carry out: one edge from
  // the box to the anchor instead of one from each member (37 documents in Lâm Đồng's group).
  const folded = (e: GraphEdge) => {
    const g = memberOf.get(e.source);
    return !!g && g.open && !g.defaultOpen && e.target === g.anchor && e.type === 'IMPLEMENTS';
  };
  for (const e of edges) {
    if (!shown.has(e.source) || !shown.has(e.target)) continue;
    if (impliedByTree(e, byId) || folded(e)) implied++;
    else out.push(e);
  }
  for (const g of shownGroups) {
    if (!g.open || !g.defaultOpen) out.push({ id: `${g.id}|IMPLEMENTS|${g.anchor}`, source: g.id, target: g.anchor, type: 'IMPLEMENTS', summary: true });
  }
  return { nodes, edges: out, groups: shownGroups, hidden, hiddenIn, implied };
}

/**
 * A plan that carries out both the Tỉnh ủy plan above it and 69-KL/TW above that: the chain drawn
 * (plan → Tỉnh ủy plan → 69-KL/TW) already reads so, and the direct edge would cross every
 * province between (187k crossings on the national graph, bench/README.md). A document link to
 * an ancestor above the node's own parent is left out of the drawing; the details panel lists it.
 */
export function impliedByTree(e: GraphEdge, byId: Map<string, ModelNode>): boolean {
  if (e.type !== 'IMPLEMENTS' || e.source.includes('#') || e.target.includes('#')) return false;
  const start = byId.get(e.source)?.parent;
  if (!start || start === e.target) return false;
  const seen = new Set<string>();
  for (let cur = byId.get(start)?.parent ?? null; cur && !seen.has(cur); cur = byId.get(cur)?.parent ?? null) {
    if (cur === e.target) return true;
    seen.add(cur);
  }
  return false;
}

/** The toggled set with `ids` (groups of `v`) open. */
export function withGroupsOpen(v: VisibleGraph, toggled: ReadonlySet<string>, ids: Iterable<string>): Set<string> {
  const out = new Set(toggled);
  for (const id of ids) {
    const g = v.groups.find((x) => x.id === id);
    if (!g || g.open) continue;
    if (g.defaultOpen) out.delete(id);
    else out.add(id);
  }
  return out;
}

/** "Lâm Đồng" with "gồm Bình Thuận, Lâm Đồng" when it holds another province's documents. */
export function groupTitle(g: ProvinceGroup): string {
  const others = g.provinces.length > 1 || g.provinces[0] !== g.unit;
  return others ? `${g.unit} (gồm ${g.provinces.join(', ')})` : g.unit;
}

/** The summary node's label: the province, then its document and item counts. */
export function groupLabel(g: ProvinceGroup): string {
  const n = (x: number) => x.toLocaleString('vi-VN');
  return `${groupTitle(g)}\n${n(g.members.length)} văn bản · ${n(g.items)} mục`;
}
