/**
 * The lineage view's own state beyond the model (lineage-model.ts): the roots, the province groups
 * toggled, the province filter, the find text and its matches. Pure functions on it: what is drawn,
 * the URL that says it, the name of an exported file; none touches the DOM or the network.
 */
import { findNodes } from '../lineage-find.js';
import { visibleGraph, withGroupsOpen, type VisibleGraph } from '../lineage-groups.js';
import { LineageModel } from '../lineage-model.js';
import { docName } from '../text.js';

export interface LineageState {
  readonly model: LineageModel;
  roots: string[];
  /** No roots in the URL: the central documents, and a short URL. */
  isDefault: boolean;
  /** The 2025 unit of each province as documents name it (from /api/provinces). */
  readonly currentUnit: Map<string, string>;
  /** What was drawn last. */
  shown: VisibleGraph | null;
  toggled: Set<string>;
  province: string | null;
  findText: string;
  matches: string[];
  matchAt: number;
  /** The chain a trace just opened, framed once when it is shown. */
  traced: string[] | null;
}

export function newLineageState(): LineageState {
  return {
    model: new LineageModel(),
    roots: [],
    isDefault: true,
    currentUnit: new Map(),
    shown: null,
    toggled: new Set(),
    province: null,
    findText: '',
    matches: [],
    matchAt: 0,
    traced: null,
  };
}

/** What is drawn, from the model and the view's own state; find opens the groups holding its matches. */
export function computeShown(s: LineageState): VisibleGraph {
  const { model } = s;
  const opts = { province: s.province, currentOf: (p: string) => s.currentUnit.get(p) ?? p, itemCounts: model.itemCounts, grouping: model.direction === 'down' };
  let v = visibleGraph([...model.nodes.values()], model.edges.values(), { ...opts, toggled: s.toggled });
  const found = findNodes([...model.nodes.values()].map((n) => n.data), s.findText);
  const closed = new Set(found.flatMap((id) => (v.hiddenIn.has(id) ? [v.hiddenIn.get(id)!] : [])));
  if (closed.size > 0) {
    s.toggled = withGroupsOpen(v, s.toggled, closed);
    v = visibleGraph([...model.nodes.values()], model.edges.values(), { ...opts, toggled: s.toggled });
  }
  const drawn = new Set(v.nodes.map((n) => n.id));
  s.matches = found.filter((id) => drawn.has(id));
  return v;
}

/** The find match the view is on, or null when nothing is searched or found. */
export function currentMatch(s: LineageState): string | null {
  return s.matches.length > 0 && s.findText ? s.matches[Math.min(s.matchAt, s.matches.length - 1)]! : null;
}

/** The URL parameters of what is shown, with `selected` the node selected. */
export function lineageParams(s: LineageState, selected: string | null): URLSearchParams {
  const p = new URLSearchParams();
  // The default view keeps its URL short: no roots, only what is open.
  if (!s.isDefault) for (const r of s.roots) p.append('root', r);
  if (s.model.direction === 'up') p.set('way', 'up');
  if (s.model.showDirectives) p.set('dir', '1');
  for (const o of s.model.expanded) p.append('open', o);
  if (s.province) p.set('prov', s.province);
  for (const g of s.toggled) p.append('grp', g);
  if (s.findText) p.set('q', s.findText);
  if (selected) p.set('node', selected);
  return p;
}

/** The name an export of what is shown is saved under: the first root, the direction, the province. */
export function fileStem(s: LineageState): string {
  const first = s.model.nodes.get(s.roots[0] ?? '')?.data;
  const way = s.model.direction === 'up' ? '-len' : '';
  const prov = s.province ? `-${s.province}` : '';
  return `pha-he-${(first ? docName(first) : 'do-thi') + way + prov}`.replace(/[^\p{L}\p{N}]+/gu, '-');
}
