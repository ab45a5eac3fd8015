/**
 * The lineage layout (web/src/layout.ts) on its own: layered top-down (every node above what its
 * expansion brought), no two nodes overlapping, many leaves wrapped into a grid instead of one
 * very wide row, and deterministic (a shared URL draws the same picture).
 */
import { describe, expect, it } from 'vitest';
import { gridColumns, treeLayout, type LayoutInput } from '../../web/src/layout.js';

const node = (id: string, parent: string | null, width = 180, height = 60): LayoutInput => ({ id, parent, width, height });

function overlaps(nodes: LayoutInput[], pos: Map<string, { x: number; y: number }>): string[] {
  const out: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]!;
      const b = nodes[j]!;
      const pa = pos.get(a.id)!;
      const pb = pos.get(b.id)!;
      if (Math.abs(pa.x - pb.x) < (a.width + b.width) / 2 && Math.abs(pa.y - pb.y) < (a.height + b.height) / 2) out.push(`${a.id}/${b.id}`);
    }
  }
  return out;
}

/** 20-NQ/TW → 69-KL/TW → four provincial documents → a plan → 67 tasks → agencies of one task. */
function lineageLike(): LayoutInput[] {
  const nodes = [node('20', null), node('69', '20'), node('19-ctr', '20')];
  for (const p of ['bg', 'bt', 'kt', 'qb']) nodes.push(node(p, '69'));
  nodes.push(node('3229', 'bt'));
  for (let i = 0; i < 67; i++) nodes.push(node(`t${i}`, '3229', 196, 66));
  for (let i = 0; i < 3; i++) nodes.push(node(`a${i}`, 't5', 156, 46));
  return nodes;
}

describe('lineage layout', () => {
  it('puts every node above the nodes it brought in, without overlaps', () => {
    const nodes = lineageLike();
    const pos = treeLayout(nodes, nodes.map((n) => n.id));
    expect(pos.size).toBe(nodes.length);
    for (const n of nodes) if (n.parent) expect(pos.get(n.parent)!.y).toBeLessThan(pos.get(n.id)!.y);
    expect(overlaps(nodes, pos)).toEqual([]);
    // Layers: central above provincial above plan above tasks above agencies.
    const y = (id: string) => pos.get(id)!.y;
    expect(y('20')).toBeLessThan(y('69'));
    expect(y('69')).toBeLessThan(y('bt'));
    expect(y('bt')).toBeLessThan(y('3229'));
    expect(y('3229')).toBeLessThan(y('t0'));
    expect(y('t5')).toBeLessThan(y('a0'));
  });

  it('wraps many leaves into a grid rather than one very wide row', () => {
    expect(gridColumns(4)).toBe(4);
    expect(gridColumns(67)).toBeLessThanOrEqual(10);
    const nodes = lineageLike();
    const pos = treeLayout(nodes, nodes.map((n) => n.id));
    const xs = nodes.map((n) => pos.get(n.id)!.x);
    const width = Math.max(...xs) - Math.min(...xs);
    expect(width).toBeLessThan(67 * 196 * 0.25);
    const taskRows = new Set(nodes.filter((n) => n.id.startsWith('t')).map((n) => pos.get(n.id)!.y));
    expect(taskRows.size).toBeGreaterThan(3);
  });

  it('is deterministic and survives a cycle in the parent relation', () => {
    const nodes = lineageLike();
    const a = treeLayout(nodes, nodes.map((n) => n.id));
    const b = treeLayout([...nodes].reverse(), nodes.map((n) => n.id));
    expect([...b].sort()).toEqual([...a].sort());
    const cyclic = [node('x', 'y'), node('y', 'x'), node('z', null)];
    const pos = treeLayout(cyclic);
    expect([...pos.keys()].sort()).toEqual(['x', 'y', 'z']);
  });
});
