/**
 * Puts what the lineage view shows (lineage-groups.ts) into Cytoscape: nodes, open province
 * groups as compound boxes, collapsed ones as summary nodes, edges; then the layered layout
 * (layout.ts: top-down, a wide set of leaves wrapped into a block; mirrored for an upward
 * lineage, so what is carried out stays above), and the framing of what the user is looking at.
 */
import type { Core, ElementDefinition } from 'cytoscape';
import { NODE_SIZE } from '../graph-style.js';
import { treeLayout, type LayoutInput, type Point } from '../layout.js';
import { timed } from '../perf-marks.js';
import { groupLabel, groupTitle, type VisibleGraph } from '../lineage-groups.js';
import { display } from '../lineage-label.js';
import type { LineageModel } from '../lineage-model.js';
import { visualKind } from '../text.js';

/** A collapsed group's summary node; an open group's header in the layout (the box grows round its content). */
export const GROUP_SIZE = { collapsed: { w: 196, h: 62 }, open: { w: 196, h: 22 } };

export function layoutInputs(v: VisibleGraph): LayoutInput[] {
  return v.nodes.map((n) => {
    if (n.group) {
      const size = n.group.open ? GROUP_SIZE.open : GROUP_SIZE.collapsed;
      return { id: n.id, parent: n.layoutParent, width: size.w, height: size.h };
    }
    const size = NODE_SIZE[visualKind(n.data!)];
    return { id: n.id, parent: n.layoutParent, width: size.w, height: size.h };
  });
}

/** Where each drawn node goes; an upward lineage is the same tree read bottom-up. */
export function positionsOf(v: VisibleGraph, direction: 'down' | 'up'): Map<string, Point> {
  const order = [...v.nodes].sort((a, b) => a.seq - b.seq).map((n) => n.id);
  const pos = treeLayout(layoutInputs(v), order);
  if (direction === 'up') for (const p of pos.values()) p.y = -p.y;
  return pos;
}

function elementData(n: VisibleGraph['nodes'][number], model: LineageModel) {
  if (n.group) {
    const g = n.group;
    return { id: g.id, vk: 'group', kind: 'group', display: g.open ? groupTitle(g) : groupLabel(g), unit: g.unit, members: g.members.length, items: g.items };
  }
  const d = n.data!;
  return { ...d, vk: visualKind(d), display: display(d, model.itemCounts.get(d.id)), level: d.level ?? '' };
}

/** Bring Cytoscape to `v`, laid out; returns the positions used. */
export function drawGraph(cy: Core, v: VisibleGraph, model: LineageModel): Map<string, Point> {
  const positions = timed('draw:positions', () => positionsOf(v, model.direction));
  let added = new Set<string>();
  timed('draw:elements', () => cy.batch(() => (added = syncElements(cy, v, model, positions))));
  timed('draw:layout', () => placeNodes(cy, positions, added));
  return positions;
}

/** Removes what `v` no longer shows, adds what is new (at its place), updates the rest; returns the nodes added. */
function syncElements(cy: Core, v: VisibleGraph, model: LineageModel, positions: Map<string, Point>): Set<string> {
  const wanted = new Map(v.nodes.map((n) => [n.id, n]));
  const edgeIds = new Set(v.edges.map((e) => e.id));
  const elements: ElementDefinition[] = [];
  cy.edges().forEach((e) => {
    if (!edgeIds.has(e.id())) e.remove();
  });
  // A node whose box changed (its group opened or closed) is drawn anew: Cytoscape keeps a parent for life.
  cy.nodes().forEach((n) => {
    const w = wanted.get(n.id());
    if (!w || (n.data('box') ?? null) !== w.box || (n.data('vk') === 'group') !== !!w.group) n.remove();
  });
  // Boxes first, so their content can be put in them.
  const ordered = [...v.nodes].sort((a, b) => Number(!!b.group) - Number(!!a.group));
  for (const n of ordered) {
    const data = { ...elementData(n, model), box: n.box, ...(n.box ? { parent: n.box } : {}) };
    const existing = cy.getElementById(n.id);
    if (existing.nonempty()) existing.data(data);
    else elements.push({ group: 'nodes', data, position: { ...(positions.get(n.id) ?? { x: 0, y: 0 }) } });
  }
  for (const e of v.edges) {
    if (cy.getElementById(e.id).nonempty()) continue;
    const s = model.nodes.get(e.source);
    const t = model.nodes.get(e.target);
    const tree = e.summary || s?.parent === e.target || t?.parent === e.source;
    const kind = e.summary || (s?.data.kind === 'document' && t?.data.kind === 'document') ? 'document' : 'item';
    elements.push({ group: 'edges', data: { ...e, kind }, classes: `${tree ? 'tree' : 'cross'}${e.summary ? ' summary' : ''}` });
  }
  cy.add(elements);
  cy.nodes().forEach((n) => {
    const g = wanted.get(n.id())?.group;
    n.toggleClass('expanded', g ? g.open : model.isExpanded(n.id()));
    n.toggleClass('group-open', !!g?.open);
    n.toggleClass('group-closed', !!g && !g.open);
  });
  return new Set(elements.flatMap((e) => (e.group === 'nodes' ? [e.data.id!] : [])));
}

/**
 * Moves the leaves drawn before to their new places (an open group's box follows its content),
 * animated when few. New nodes were created at their places: moving them, or animating leaves that
 * do not move (the whole first drawing), would repaint the canvas for 250 ms for nothing.
 */
function placeNodes(cy: Core, positions: Map<string, Point>, added: Set<string>): void {
  const moved = cy.nodes().filter((n) => {
    if (n.isParent() || added.has(n.id())) return false;
    const to = positions.get(n.id());
    return !!to && (to.x !== n.position('x') || to.y !== n.position('y'));
  });
  if (moved.empty()) return;
  moved
    .layout({
      name: 'preset',
      positions: Object.fromEntries(moved.map((n) => [n.id(), positions.get(n.id())!])),
      animate: cy.nodes().length < 400,
      animationDuration: 250,
      fit: false,
    })
    .run();
}

/** Below this zoom, items and agencies drop their text (the level of detail a whole province needs). */
export const FAR_ZOOM = 0.4;

/**
 * Keep the items' text only when zoomed in enough to read it, toggled when the zoom crosses the
 * threshold; the returned function re-applies it after a redraw brought new items.
 */
export function followZoom(cy: Core): () => void {
  let far: boolean | null = null;
  const apply = (force: boolean) => {
    const now = cy.zoom() < FAR_ZOOM;
    if (now === far && !force) return;
    far = now;
    cy.batch(() => cy.nodes('[kind = "task"], [kind = "directive"], [kind = "agency"]').toggleClass('far', now));
  };
  cy.on('zoom', () => apply(false));
  return () => apply(true);
}
