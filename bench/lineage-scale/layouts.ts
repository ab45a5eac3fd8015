/**
 * The layered layout of the lineage view (web/src/layout.ts, a tree with wide sets of leaves
 * wrapped into blocks) against the libraries that could replace it, on one graph: ELK layered
 * (elkjs, what cytoscape-elk runs), dagre (cytoscape-dagre) and fCoSE (cytoscape-fcose), the
 * last two through a headless Cytoscape as the view would run them. For each: time to lay out,
 * and what a reader meets: straight-edge crossings, edges that do not point up (a child not
 * below its parent), overlapping nodes, the drawing's extent and the zoom that fits it in a
 * 1280×800 window (below about 0.4 the view's text is unreadable, see web/src/views/lineage-draw.ts).
 */
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkEngine } from 'elkjs/lib/elk-api.js';
import { treeLayout, type LayoutInput, type Point } from '../../web/src/layout.js';

// A CommonJS module: its export is the constructor itself, whatever its typings say.
const ELK = ElkBundled as unknown as new () => ElkEngine;

cytoscape.use(dagre);
cytoscape.use(fcose);

export interface LayoutCase {
  name: string;
  nodes: LayoutInput[];
  /** What the layouts are given, from the node below (it carries out) to the node above: the layout tree and the drawn edges. */
  edges: { source: string; target: string }[];
  /** What the view draws (an open group's header has no edge: its box shows what it holds), measured for crossings. */
  drawn: { source: string; target: string }[];
}

export interface LayoutFigures {
  layout: string;
  ms: number;
  crossings: number;
  notUpward: number;
  overlaps: number;
  width: number;
  height: number;
  fitZoom: number;
}

type Positions = Map<string, Point>;

async function elk(c: LayoutCase): Promise<Positions> {
  const engine = new ELK();
  const out = await engine.layout({
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.spacing.nodeNode': '28', 'elk.layered.spacing.nodeNodeBetweenLayers': '64' },
    children: c.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    // ELK lays edges out along their direction: parent → child reads top-down.
    edges: c.edges.map((e, i) => ({ id: `e${i}`, sources: [e.target], targets: [e.source] })),
  });
  return new Map((out.children ?? []).map((n: { id: string; x?: number; y?: number; width?: number; height?: number }) => [n.id, { x: (n.x ?? 0) + (n.width ?? 0) / 2, y: (n.y ?? 0) + (n.height ?? 0) / 2 }]));
}

function viaCytoscape(c: LayoutCase, options: cytoscape.LayoutOptions): Positions {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', shape: 'round-rectangle' } }],
    elements: [
      ...c.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, w: n.width, h: n.height } })),
      ...c.edges.map((e, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: e.target, target: e.source } })),
    ],
  });
  cy.layout(options).run();
  const pos = new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }]));
  cy.destroy();
  return pos;
}

const LAYOUTS: Record<string, (c: LayoutCase) => Promise<Positions> | Positions> = {
  'tree (web/src/layout.ts)': (c) => treeLayout(c.nodes, c.nodes.map((n) => n.id)),
  'ELK layered': elk,
  dagre: (c) => viaCytoscape(c, { name: 'dagre', rankDir: 'TB', nodeSep: 28, rankSep: 64, animate: false } as cytoscape.LayoutOptions),
  fcose: (c) => viaCytoscape(c, { name: 'fcose', quality: 'default', randomize: true, animate: false, nodeDimensionsIncludeLabels: false } as cytoscape.LayoutOptions),
};

export const layoutNames = Object.keys(LAYOUTS);

/** Do segments ab and cd cross (touching at a shared end is not crossing)? */
function cross(a: Point, b: Point, c: Point, d: Point): boolean {
  const o = (p: Point, q: Point, r: Point) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

export function readability(c: LayoutCase, pos: Positions): Omit<LayoutFigures, 'layout' | 'ms'> {
  const segs = c.drawn.map((e) => ({ ...e, a: pos.get(e.source)!, b: pos.get(e.target)! })).filter((s) => s.a && s.b);
  let crossings = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    for (let j = i + 1; j < segs.length; j++) {
      const t = segs[j]!;
      if (s.source === t.source || s.source === t.target || s.target === t.source || s.target === t.target) continue;
      if (cross(s.a, s.b, t.a, t.b)) crossings++;
    }
  }
  const notUpward = segs.filter((s) => s.a.y <= s.b.y).length;
  let overlaps = 0;
  // Sorted by x, so only near neighbours are compared.
  const boxes = c.nodes.map((n) => ({ n, p: pos.get(n.id)! })).sort((a, b) => a.p.x - b.p.x);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j]!.p.x - boxes[i]!.p.x < 400; j++) {
      const A = boxes[i]!;
      const B = boxes[j]!;
      if (Math.abs(A.p.x - B.p.x) < (A.n.width + B.n.width) / 2 && Math.abs(A.p.y - B.p.y) < (A.n.height + B.n.height) / 2) overlaps++;
    }
  }
  const xs = c.nodes.flatMap((n) => [pos.get(n.id)!.x - n.width / 2, pos.get(n.id)!.x + n.width / 2]);
  const ys = c.nodes.flatMap((n) => [pos.get(n.id)!.y - n.height / 2, pos.get(n.id)!.y + n.height / 2]);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  return { crossings, notUpward, overlaps, width, height, fitZoom: Math.min(1280 / width, 800 / height) };
}

export async function measureLayouts(c: LayoutCase, log: (line: string) => void, only: string[] = layoutNames): Promise<LayoutFigures[]> {
  const out: LayoutFigures[] = [];
  for (const [layout, run] of Object.entries(LAYOUTS).filter(([name]) => only.includes(name))) {
    const t = performance.now();
    const pos = await run(c);
    const ms = performance.now() - t;
    const f = { layout, ms, ...readability(c, pos) };
    out.push(f);
    log(
      `  ${layout.padEnd(26)} ${ms.toFixed(0).padStart(7)} ms  crossings ${String(f.crossings).padStart(6)}  not upward ${String(f.notUpward).padStart(4)}  ` +
        `overlaps ${String(f.overlaps).padStart(5)}  ${f.width.toFixed(0)} × ${f.height.toFixed(0)} px, fit zoom ${f.fitZoom.toFixed(3)}`,
    );
  }
  return out;
}
