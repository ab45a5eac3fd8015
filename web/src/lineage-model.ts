/**
 * What the lineage view shows: the root documents, the nodes each expansion brought in, and the
 * edges between shown nodes. Expanding a node fetches one level below it; collapsing removes what
 * only that expansion brought (recursively), never the roots. Each node remembers the first
 * expanded node that brought it: that is its place in the layered layout.
 */
import { getJson } from './api.js';
import { documentShortfall, itemShortfall, itemsOfDocument } from './lineage-bounds.js';
import type { AgencyDetail, GraphEdge, GraphNode, Subgraph } from './types.js';

export interface ShownNode {
  data: GraphNode;
  /** Expanded nodes whose expansion brought this one in. */
  owners: Set<string>;
  pinned: boolean;
  /** Layout parent: the first owner still shown. */
  parent: string | null;
  /** Order of arrival, for a stable layout. */
  seq: number;
}

export interface ExpandResult {
  added: number;
  /** Children found (new or already shown). */
  children: number;
}

const cache = new Map<string, Promise<unknown>>();

/** Successful responses are kept for the session, so replaying a shared URL is quick. */
function cached<T>(path: string, params: Record<string, string | number>): Promise<T> {
  const key = `${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = getJson<T>(path, params);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

export function clearCache(): void {
  cache.clear();
}

export const nodeKindOfId = (id: string): 'document' | 'item' | 'agency' =>
  id.includes('#') ? 'item' : /\/agency\//.test(id) ? 'agency' : 'document';

export class LineageModel {
  readonly nodes = new Map<string, ShownNode>();
  readonly edges = new Map<string, GraphEdge>();
  readonly expanded: string[] = [];
  /**
   * Expansions the API bounded so that some of what they show is missing: how much is shown, and
   * the download of the full set (the view says so).
   */
  readonly shortfalls = new Map<string, { text: string; download: string }>();
  /** Items of each document any answer counted (shown or left out), for the document's label. */
  readonly itemCounts = new Map<string, number>();
  /**
   * Every edge any response brought, drawn once both its ends are shown: a task's link to a
   * directive item comes with whichever expansion fetched it, maybe before the other end is shown.
   */
  private readonly known = new Map<string, GraphEdge>();
  private seq = 0;
  /** Show central documents' directive items when expanding them (tasks are always shown). */
  showDirectives = false;
  /** down: what carries a node out; up: what it carries out (the documents, then directive items, above it). */
  direction: 'down' | 'up' = 'down';

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  isExpanded(id: string): boolean {
    return this.expanded.includes(id);
  }

  private addNode(n: GraphNode, owner: string | null, pinned = false): boolean {
    const existing = this.nodes.get(n.id);
    if (existing) {
      // A richer record (e.g. a document's province) replaces a thinner one.
      existing.data = { ...existing.data, ...Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined)) } as GraphNode;
      if (owner && owner !== n.id) {
        existing.owners.add(owner);
        if (!existing.parent && !this.isAncestor(n.id, owner)) existing.parent = owner;
      }
      if (pinned) existing.pinned = true;
      return false;
    }
    this.nodes.set(n.id, { data: n, owners: new Set(owner ? [owner] : []), pinned, parent: owner, seq: this.seq++ });
    return true;
  }

  /** Is `a` an ancestor of (or equal to) `b` in the layout tree? Guards against cycles. */
  private isAncestor(a: string, b: string): boolean {
    let cur: string | null = b;
    const seen = new Set<string>();
    while (cur && !seen.has(cur)) {
      if (cur === a) return true;
      seen.add(cur);
      cur = this.nodes.get(cur)?.parent ?? null;
    }
    return false;
  }

  private addEdges(edges: GraphEdge[]): void {
    for (const e of edges) this.known.set(e.id, e);
    for (const e of this.known.values()) if (this.nodes.has(e.source) && this.nodes.has(e.target)) this.edges.set(e.id, e);
  }

  /** Forget everything shown and every edge seen, for a new set of roots. */
  clear(): void {
    this.nodes.clear();
    this.edges.clear();
    this.known.clear();
    this.expanded.length = 0;
    this.shortfalls.clear();
    this.itemCounts.clear();
  }

  setRoots(roots: GraphNode[]): void {
    for (const r of roots) this.addNode(r, null, true);
  }

  /** Fetch the roots' own records (documents or items) and whatever edges link them. */
  async loadRoots(ids: string[]): Promise<void> {
    const graphs = await Promise.all(ids.map((id) => cached<Subgraph>('/api/lineage', { id, direction: this.direction, depth: 1, include: 'documents' })));
    const roots: GraphNode[] = [];
    graphs.forEach((g, i) => {
      const self = g.nodes.find((n) => n.id === ids[i]);
      if (self) roots.push(self);
    });
    this.setRoots(roots);
    for (const g of graphs) this.addEdges(g.edges);
    // A root that implements another root sits under it (69-KL/TW under 20-NQ/TW); upward, above it.
    for (const e of this.edges.values()) {
      const [below, above] = this.direction === 'down' ? [e.source, e.target] : [e.target, e.source];
      const child = this.nodes.get(below);
      if (e.type === 'IMPLEMENTS' && child && !child.parent && this.nodes.has(above) && !this.isAncestor(below, above)) child.parent = above;
    }
  }

  /**
   * Ask for the expansions of `ids` all at once (a shared URL or the default view opens several),
   * so that expanding them one after another, in order, finds their answers already coming.
   */
  prefetch(ids: string[]): void {
    for (const id of ids) {
      const kind = nodeKindOfId(id);
      if (kind === 'agency') continue;
      const include = this.direction === 'up' || kind === 'document' ? 'items' : 'agencies';
      cached<Subgraph>('/api/lineage', { id, direction: this.direction, depth: 1, include }).catch(() => undefined);
    }
  }

  /** One level below `id`: documents that implement it and its items; tasks implementing an item and a task's agencies; the tasks of an agency. */
  async expand(id: string): Promise<ExpandResult> {
    const node = this.nodes.get(id);
    if (!node) return { added: 0, children: 0 };
    let children: GraphNode[] = [];
    let edges: GraphEdge[] = [];
    let shortfall: { text: string | null; download: string } | null = null;
    if (this.direction === 'up') {
      ({ children, edges } = await this.expandUp(node.data));
    } else if (node.data.kind === 'document') {
      const g = await cached<Subgraph>('/api/lineage', { id, direction: 'down', depth: 1, include: 'items' });
      const docs = g.nodes.filter((n) => n.kind === 'document' && n.distance === 1);
      const own = g.nodes.filter((n) => (n.kind === 'task' || n.kind === 'directive') && n.documentId === id);
      // A central document opens on the documents that carry it out; a plan on its tasks. All
      // items (directives too) on request, or when nothing else is below.
      const usual = node.data.level === 'central' ? [] : own.filter((n) => n.kind === 'task');
      const items = this.showDirectives || (docs.length === 0 && usual.length === 0) ? own : usual;
      children = [...docs, ...items];
      edges = g.edges;
      for (const d of g.nodes) if (d.kind === 'document' && !d.stub) this.itemCounts.set(d.id, itemsOfDocument(g, d));
      const self = g.nodes.find((n) => n.id === id);
      if (g.truncated) shortfall = { text: documentShortfall(g.truncated, { shown: own.length, leftOut: self?.leftOut?.items ?? 0 }), download: g.truncated.download };
    } else if (node.data.kind === 'task' || node.data.kind === 'directive') {
      const g = await cached<Subgraph>('/api/lineage', { id, direction: 'down', depth: 1, include: 'agencies' });
      const roleOf = new Map(g.edges.filter((e) => e.target === id && (e.type === 'LEADS' || e.type === 'COORDINATES')).map((e) => [e.source, e.type]));
      const agencies = g.nodes
        .filter((n) => n.kind === 'agency' && roleOf.has(n.id))
        // Lead agencies first, then those coordinating.
        .sort((a, b) => (roleOf.get(a.id) === 'LEADS' ? 0 : 1) - (roleOf.get(b.id) === 'LEADS' ? 0 : 1));
      const implementers = g.nodes.filter((n) => (n.kind === 'task' || n.kind === 'directive') && n.distance === 1);
      children = [...implementers, ...agencies];
      edges = g.edges;
      if (g.truncated) shortfall = { text: itemShortfall(g.truncated), download: g.truncated.download };
    } else if (node.data.kind === 'agency') {
      const a = await cached<AgencyDetail>('/api/agencies', { id });
      const toNode = (t: AgencyDetail['leads'][number]): GraphNode => ({
        id: t.task.id,
        kind: t.task.isTask ? 'task' : 'directive',
        label: `${t.document.number ?? t.document.title ?? t.document.id} §${t.task.sectionPath.join('.')}`,
        province: t.task.province,
        level: t.document.level,
        distance: null,
        documentId: t.task.documentId,
        sectionPath: t.task.sectionPath,
        text: t.task.text,
        isTask: t.task.isTask,
        isDirective: t.task.isDirective,
        lineStart: t.task.lineStart,
        lineEnd: t.task.lineEnd,
        timelineRaw: t.task.timeline?.raw ?? null,
      });
      children = [...a.leads.map(toNode), ...a.coordinates.map(toNode)];
      edges = [
        ...a.leads.map((t) => ({ id: `${id}|LEADS|${t.task.id}`, source: id, target: t.task.id, type: 'LEADS' as const })),
        ...a.coordinates.map((t) => ({ id: `${id}|COORDINATES|${t.task.id}`, source: id, target: t.task.id, type: 'COORDINATES' as const })),
      ];
    }
    let added = 0;
    const seen = new Set<string>();
    for (const c of children) {
      if (c.id === id || seen.has(c.id)) continue;
      seen.add(c.id);
      if (this.addNode(c, id)) added++;
    }
    this.addEdges(edges);
    if (!this.expanded.includes(id)) this.expanded.push(id);
    if (shortfall?.text) this.shortfalls.set(id, { text: shortfall.text, download: shortfall.download });
    return { added, children: seen.size };
  }

  /**
   * One level above: the documents a document carries out (and its own tasks, to go on up from
   * them); the items a task or directive item carries out.
   */
  private async expandUp(n: GraphNode): Promise<{ children: GraphNode[]; edges: GraphEdge[] }> {
    if (n.kind === 'agency') return { children: [], edges: [] };
    const g = await cached<Subgraph>('/api/lineage', { id: n.id, direction: 'up', depth: 1, include: 'items' });
    if (n.kind !== 'document') return { children: g.nodes.filter((x) => (x.kind === 'task' || x.kind === 'directive') && x.distance === -1), edges: g.edges };
    const docs = g.nodes.filter((x) => x.kind === 'document' && x.distance === -1);
    const own = g.nodes.filter((x) => x.documentId === n.id && (x.kind === 'task' || (this.showDirectives && x.kind === 'directive')));
    for (const d of g.nodes) if (d.kind === 'document' && !d.stub) this.itemCounts.set(d.id, itemsOfDocument(g, d));
    return { children: [...docs, ...own], edges: g.edges };
  }

  /** Undo an expansion: what only it brought goes (collapsing those first); roots stay. */
  collapse(id: string): void {
    const at = this.expanded.indexOf(id);
    if (at < 0) return;
    this.expanded.splice(at, 1);
    this.shortfalls.delete(id);
    for (const [nid, n] of [...this.nodes]) {
      if (!this.nodes.has(nid) || !n.owners.has(id)) continue;
      n.owners.delete(id);
      if (n.owners.size === 0 && !n.pinned) {
        this.collapse(nid);
        this.removeNode(nid);
      } else if (n.parent === id) {
        n.parent = [...n.owners].find((o) => this.nodes.has(o) && !this.isAncestor(nid, o)) ?? null;
      }
    }
  }

  private removeNode(id: string): void {
    this.nodes.delete(id);
    for (const [eid, e] of this.edges) if (e.source === id || e.target === id) this.edges.delete(eid);
    for (const n of this.nodes.values()) {
      n.owners.delete(id);
      if (n.parent === id) n.parent = [...n.owners].find((o) => this.nodes.has(o)) ?? null;
    }
    const at = this.expanded.indexOf(id);
    if (at >= 0) this.expanded.splice(at, 1);
    this.shortfalls.delete(id);
  }

  /** Edges of a node among the shown ones, for the details panel. */
  edgesOf(id: string): { edge: GraphEdge; other: ShownNode; outgoing: boolean }[] {
    const out: { edge: GraphEdge; other: ShownNode; outgoing: boolean }[] = [];
    for (const e of this.edges.values()) {
      if (e.source === id || e.target === id) {
        const other = this.nodes.get(e.source === id ? e.target : e.source);
        if (other) out.push({ edge: e, other, outgoing: e.source === id });
      }
    }
    return out;
  }
}
