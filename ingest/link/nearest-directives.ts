/**
 * A plan carries out the nearest directive document of the chain it states: Bình Thuận's 3229
 * carries out 245-KH/TU, which carries out 69-KL/TW, which carries on 20-NQ/TW. Its tasks are
 * linked to 69-KL/TW's paragraphs and count under 20-NQ/TW through them (graph-store/roll-up.ts);
 * a second link straight to 20-NQ/TW, whose items are broader and worded otherwise, was wrong
 * more often than right (issue 12: 3 of 7 sampled). So the candidates of a document that another
 * candidate document implements are dropped.
 */

/**
 * Keeps the candidates whose document no other candidate document reaches along `implementsEdges`
 * ([from, to]: from implements to, directly or through documents without candidates).
 */
export function nearestDirectives<C extends { documentId: string }>(candidates: C[], implementsEdges: readonly (readonly [string, string])[]): C[] {
  const docs = new Set(candidates.map((c) => c.documentId));
  const next = new Map<string, string[]>();
  for (const [from, to] of implementsEdges) next.set(from, [...(next.get(from) ?? []), to]);
  const reach = new Map([...docs].map((start) => [start, reachable(start, next)]));
  // In a cycle (bad data) neither document is nearer: both stay.
  const covered = new Set([...docs].filter((d) => [...docs].some((e) => e !== d && reach.get(e)!.has(d) && !reach.get(d)!.has(e))));
  return candidates.filter((c) => !covered.has(c.documentId));
}

function reachable(start: string, next: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    for (const to of next.get(queue.shift()!) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}
