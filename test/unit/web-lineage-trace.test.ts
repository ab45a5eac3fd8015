/** The way up that "Truy ngược" opens (web/src/lineage-trace.ts), on hand-made graphs. */
import { describe, expect, it } from 'vitest';
import { longestChainUp } from '../../web/src/lineage-trace.js';
import type { GraphEdge, GraphNode } from '../../web/src/types.js';

const doc = (id: string, stub = false): GraphNode => ({ id, kind: 'document', label: id, province: null, level: null, distance: null, stub });
const implementsEdge = (source: string, target: string, type: GraphEdge['type'] = 'IMPLEMENTS'): GraphEdge => ({
  id: `${source}|${type}|${target}`,
  source,
  target,
  type,
});

describe('longestChainUp', () => {
  it('follows IMPLEMENTS to the top and lists the chain top first', () => {
    const nodes = ['nq20', 'kl69', 'kh-tu', 'kh-ubnd'].map((id) => doc(id));
    const edges = [implementsEdge('kl69', 'nq20'), implementsEdge('kh-tu', 'kl69'), implementsEdge('kh-ubnd', 'kh-tu')];
    expect(longestChainUp('kh-ubnd', nodes, edges)).toEqual(['nq20', 'kl69', 'kh-tu', 'kh-ubnd']);
  });

  it('prefers the longer of two ways up, and ignores CITES', () => {
    const nodes = ['nq20', 'kl69', 'qd569', 'plan'].map((id) => doc(id));
    const edges = [
      implementsEdge('plan', 'qd569'),
      implementsEdge('plan', 'kl69'),
      implementsEdge('kl69', 'nq20'),
      implementsEdge('qd569', 'nq20', 'CITES'),
    ];
    expect(longestChainUp('plan', nodes, edges)).toEqual(['nq20', 'kl69', 'plan']);
  });

  it('between chains of one length, ends on a document with text rather than a stub', () => {
    const nodes = [doc('a-stub', true), doc('b-text'), doc('plan')];
    const edges = [implementsEdge('plan', 'a-stub'), implementsEdge('plan', 'b-text')];
    expect(longestChainUp('plan', nodes, edges)).toEqual(['b-text', 'plan']);
  });

  it('is the document alone when it implements nothing, and survives a cycle', () => {
    expect(longestChainUp('x', [doc('x')], [])).toEqual(['x']);
    const nodes = ['a', 'b', 'c'].map((id) => doc(id));
    const edges = [implementsEdge('c', 'b'), implementsEdge('b', 'a'), implementsEdge('a', 'b')];
    expect(longestChainUp('c', nodes, edges)).toEqual(['a', 'b', 'c']);
  });
});
