/**
 * A layered, top-down tree layout for the lineage: each node sits above the nodes its expansion
 * brought in (central → province → plan → task → agency). Children that are themselves expanded
 * are laid side by side under their parent; leaf children (a plan's 67 tasks, say) are wrapped
 * in a grid block instead of one very wide row, so the graph stays readable when zoomed to fit.
 * Pure function of sizes and the parent relation: deterministic, so a shared URL looks the same.
 */

export interface LayoutInput {
  id: string;
  parent: string | null;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

const H_GAP = 28;
const V_GAP = 64;
const CELL_GAP_X = 12;
const CELL_GAP_Y = 16;
const TREE_GAP = 60;

/** Columns of a grid of `n` leaves: a few in a row, many wrapped into a wide-ish block. */
export function gridColumns(n: number): number {
  if (n <= 6) return n;
  return Math.min(10, Math.ceil(Math.sqrt(n * 2.5)));
}

interface Box {
  w: number;
  h: number;
}

export function treeLayout(nodes: LayoutInput[], order: string[] = []): Map<string, Point> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const rank = new Map(order.map((id, i) => [id, i]));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const n of nodes) {
    if (n.parent && byId.has(n.parent)) {
      const list = children.get(n.parent) ?? [];
      list.push(n.id);
      children.set(n.parent, list);
    } else {
      roots.push(n.id);
    }
  }
  const byRank = (a: string, b: string) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9);
  roots.sort(byRank);
  for (const list of children.values()) list.sort(byRank);

  const hasKids = (id: string) => (children.get(id)?.length ?? 0) > 0;
  const split = (id: string) => {
    const kids = children.get(id) ?? [];
    return { inner: kids.filter(hasKids), leaves: kids.filter((k) => !hasKids(k)) };
  };

  const boxes = new Map<string, Box>();
  const gridBox = (leaves: string[]): Box & { cols: number; cellW: number; cellH: number } => {
    const cols = gridColumns(leaves.length);
    const rows = Math.ceil(leaves.length / Math.max(cols, 1));
    const cellW = Math.max(0, ...leaves.map((l) => byId.get(l)!.width));
    const cellH = Math.max(0, ...leaves.map((l) => byId.get(l)!.height));
    return { w: cols * cellW + (cols - 1) * CELL_GAP_X, h: rows * cellH + (rows - 1) * CELL_GAP_Y, cols, cellW, cellH };
  };

  const measure = (id: string, seen: Set<string>): Box => {
    const n = byId.get(id)!;
    if (seen.has(id)) return { w: n.width, h: n.height };
    seen.add(id);
    const { inner, leaves } = split(id);
    const blocks: Box[] = inner.map((k) => measure(k, seen));
    if (leaves.length) blocks.push(gridBox(leaves));
    const rowW = blocks.reduce((s, b) => s + b.w, 0) + Math.max(0, blocks.length - 1) * H_GAP;
    const rowH = Math.max(0, ...blocks.map((b) => b.h));
    const box = { w: Math.max(n.width, rowW), h: n.height + (blocks.length ? V_GAP + rowH : 0) };
    boxes.set(id, box);
    return box;
  };

  const pos = new Map<string, Point>();
  const place = (id: string, left: number, top: number, seen: Set<string>) => {
    const n = byId.get(id)!;
    if (seen.has(id)) return;
    seen.add(id);
    const box = boxes.get(id) ?? { w: n.width, h: n.height };
    pos.set(id, { x: left + box.w / 2, y: top + n.height / 2 });
    const { inner, leaves } = split(id);
    const grid = leaves.length ? gridBox(leaves) : null;
    const widths = [...inner.map((k) => boxes.get(k)?.w ?? byId.get(k)!.width), ...(grid ? [grid.w] : [])];
    const rowW = widths.reduce((s, w) => s + w, 0) + Math.max(0, widths.length - 1) * H_GAP;
    let x = left + (box.w - rowW) / 2;
    const childTop = top + n.height + V_GAP;
    for (const k of inner) {
      place(k, x, childTop, seen);
      x += (boxes.get(k)?.w ?? byId.get(k)!.width) + H_GAP;
    }
    if (grid) {
      leaves.forEach((leaf, i) => {
        const col = i % grid.cols;
        const row = Math.floor(i / grid.cols);
        // A last, partial row is centred under the block.
        const inRow = Math.min(grid.cols, leaves.length - row * grid.cols);
        const rowOffset = ((grid.cols - inRow) * (grid.cellW + CELL_GAP_X)) / 2;
        pos.set(leaf, {
          x: x + rowOffset + col * (grid.cellW + CELL_GAP_X) + grid.cellW / 2,
          y: childTop + row * (grid.cellH + CELL_GAP_Y) + grid.cellH / 2,
        });
      });
    }
  };

  const seenMeasure = new Set<string>();
  const seenPlace = new Set<string>();
  let left = 0;
  const placeTree = (r: string) => {
    measure(r, seenMeasure);
    place(r, left, 0, seenPlace);
    left += (boxes.get(r)?.w ?? byId.get(r)!.width) + TREE_GAP;
  };
  for (const r of roots) placeTree(r);
  // A parent cycle (the model prevents them) would leave nodes unplaced: they become roots too.
  for (const n of nodes) if (!pos.has(n.id)) placeTree(n.id);
  return pos;
}
