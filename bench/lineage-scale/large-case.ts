/**
 * The lineage view's large case, built by the view's own pure code (lineage-groups.ts,
 * lineage-draw.ts's layout inputs) from the API's answers on the scale graph: 69-KL/TW expanded
 * (every plan of the scale graph carries it out directly, so its 1,260 documents are one level
 * below it: the view's expansion is bounded to 400, this case takes them all), every province
 * group opened; and the same with one province's plans expanded to their tasks.
 */
import type { LayoutInput } from '../../web/src/layout.js';
import { groupId, visibleGraph, type ModelNode } from '../../web/src/lineage-groups.js';
import type { GraphEdge, GraphNode, Provinces, Subgraph } from '../../web/src/types.js';
import { layoutInputs } from '../../web/src/views/lineage-draw.js';
import type { LayoutCase } from './layouts.js';

const get = async <T>(base: string, path: string, params: Record<string, string>): Promise<T> => {
  const res = await fetch(`${base}${path}?${new URLSearchParams(params)}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
};

/** The model as the view would hold it: each node under the first shown node whose expansion brought it. */
function modelOf(nodes: GraphNode[], parentOf: Map<string, string | null>): ModelNode[] {
  return nodes.map((data, seq) => ({ data, parent: parentOf.get(data.id) ?? null, seq }));
}

export async function largeCases(base: string, root: string): Promise<LayoutCase[]> {
  const provinces = await get<Provinces>(base, '/api/provinces', {});
  const current = new Map(provinces.map((p) => [p.province, p.currentProvince ?? p.province]));
  const g = await get<Subgraph>(base, '/api/lineage', { id: root, direction: 'down', depth: '2', include: 'documents', limit: '5000' });
  const docs = g.nodes.filter((n) => n.kind === 'document');
  const parentOf = new Map<string, string | null>([[root, null]]);
  // Level 1 under the root, level 2 under the first level-1 document it implements.
  for (const e of g.edges) {
    if (e.type !== 'IMPLEMENTS' || parentOf.has(e.source)) continue;
    const target = docs.find((d) => d.id === e.target);
    const source = docs.find((d) => d.id === e.source);
    if (target && source && (source.distance ?? 0) === (target.distance ?? 0) + 1) parentOf.set(e.source, e.target);
  }
  const shownDocs = docs.filter((d) => parentOf.has(d.id));
  const cases = [toCase(`${root} expanded, every province group open`, modelOf(shownDocs, parentOf), g.edges, current, root)];

  // One province further: its plans expanded to their tasks.
  const province = shownDocs.find((d) => d.distance === 1)!.province;
  const plans = shownDocs.filter((d) => d.province === province && d.distance === 1);
  const tasks: GraphNode[] = [];
  const edges = [...g.edges];
  for (const p of plans) {
    const sub = await get<Subgraph>(base, '/api/lineage', { id: p.id, direction: 'down', depth: '1', include: 'items' });
    for (const t of sub.nodes.filter((n) => n.kind === 'task' && n.documentId === p.id)) {
      tasks.push(t);
      parentOf.set(t.id, p.id);
    }
    edges.push(...sub.edges);
  }
  cases.push(toCase(`… and ${province}'s ${plans.length} plans expanded to their ${tasks.length} tasks`, modelOf([...shownDocs, ...tasks], parentOf), edges, current, root));
  return cases;
}

function toCase(name: string, model: ModelNode[], edges: GraphEdge[], current: Map<string, string>, root: string): LayoutCase {
  const units = new Set(model.filter((n) => n.parent === root && n.data.province).map((n) => current.get(n.data.province!) ?? n.data.province!));
  const toggled = new Set([...units].map((u) => groupId(root, u)));
  const v = visibleGraph(model, edges, { toggled, province: null, currentOf: (p) => current.get(p) ?? p, itemCounts: new Map(), grouping: true });
  const nodes: LayoutInput[] = layoutInputs(v);
  const drawn = v.edges.map((e) => ({ source: e.source, target: e.target }));
  // The libraries know only edges: the layout tree (each node under its layout parent) is given as edges too.
  const treeEdges = nodes.filter((n) => n.parent).map((n) => ({ source: n.id, target: n.parent! }));
  const seen = new Set(treeEdges.map((e) => `${e.source}|${e.target}`));
  return { name, nodes, edges: [...treeEdges, ...drawn.filter((e) => !seen.has(`${e.source}|${e.target}`))], drawn };
}
