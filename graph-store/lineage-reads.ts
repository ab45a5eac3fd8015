import neo4j from 'neo4j-driver';
import type { Direction, EdgeType, GraphEdge, GraphNode, Include, LeftOut, Subgraph, Truncation } from '../api-schema/lineage.js';
import { readQuery, type Db } from './db.js';
import { planDocumentLineage, planItemLineage, type WalkedDocument } from './lineage-budget.js';

export type { Direction, EdgeType, GraphEdge, GraphNode, Include, LeftOut, NodeKind } from '../api-schema/lineage.js';

export interface LineageOptions {
  direction: Direction;
  /** Hops from the root along IMPLEMENTS (and CITES when `cites`). */
  depth: number;
  include: Include;
  /** Follow CITES as well as IMPLEMENTS when walking between documents. */
  cites: boolean;
  /** At most this many documents and items in the answer (lineage-budget.ts); absent: all of them (the export). */
  limit?: number;
}

/** The API's subgraph as the store reads it: the server adds the download link of a bounded answer. */
export type SubgraphRead = Omit<Subgraph, 'truncated'> & { truncated: Omit<Truncation, 'download'> | null };

const DOC_NODE = `{ id: d.id, kind: 'document', label: coalesce(d.number, d.title, d.id), province: d.province, level: d.level,
                   typeCode: d.typeCode, number: d.number, title: d.title, date: d.date, stub: coalesce(d.stub, false) }`;
const ITEM_NODE = `{ id: i.id, kind: CASE WHEN i:Task THEN 'task' ELSE 'directive' END,
                    label: coalesce(dn.number, dn.title, dn.id) + ' §' + reduce(s = '', p IN i.sectionPath | s + CASE s WHEN '' THEN '' ELSE '.' END + p),
                    province: i.province, level: i.level, documentId: i.documentId, sectionPath: i.sectionPath, text: i.text,
                    isTask: i:Task, isDirective: i:Directive, lineStart: i.lineStart, lineEnd: i.lineEnd,
                    timelineRaw: i.timelineRaw }`;

/**
 * The lineage subgraph around a document or an item, for Cytoscape: documents walked along
 * IMPLEMENTS (and CITES) up to `depth` hops, or items along Task → Directive IMPLEMENTS; then what
 * `include` hangs off them. Null when no document or item has this id.
 */
export async function lineage(db: Db, id: string, opts: LineageOptions): Promise<SubgraphRead | null> {
  const [root] = await readQuery<{ isDoc: boolean; isItem: boolean }>(
    db,
    'RETURN EXISTS { (:Document {id: $id}) } AS isDoc, EXISTS { (:Item {id: $id}) } AS isItem',
    { id },
  );
  if (!root?.isDoc && !root?.isItem) return null;
  return root.isDoc ? documentLineage(db, id, opts) : itemLineage(db, id, opts);
}

type Step = (db: Db, frontier: string[], up: boolean, types: string[]) => Promise<string[]>;

/** Breadth-first walk, one query per level: no path enumeration, so depth 6 stays cheap. */
async function walk(db: Db, rootId: string, opts: LineageOptions, types: string[], step: Step): Promise<Map<string, number>> {
  const distance = new Map<string, number>([[rootId, 0]]);
  const sides: boolean[] = opts.direction === 'both' ? [true, false] : [opts.direction === 'up'];
  for (const up of sides) {
    let frontier = [rootId];
    for (let hop = 1; hop <= opts.depth && frontier.length > 0; hop++) {
      const next = (await step(db, frontier, up, types)).filter((n) => !distance.has(n));
      for (const n of next) distance.set(n, up ? -hop : hop);
      frontier = next;
    }
  }
  return distance;
}

const documentStep: Step = async (db, frontier, up, types) => {
  const rows = await readQuery<{ id: string }>(
    db,
    up
      ? `UNWIND $frontier AS f MATCH (:Document {id: f})-[r:IMPLEMENTS|CITES]->(n:Document) WHERE type(r) IN $types RETURN DISTINCT n.id AS id`
      : `UNWIND $frontier AS f MATCH (:Document {id: f})<-[r:IMPLEMENTS|CITES]-(n:Document) WHERE type(r) IN $types RETURN DISTINCT n.id AS id`,
    { frontier, types },
  );
  return rows.map((r) => r.id).sort();
};

const itemStep: Step = async (db, frontier, up) => {
  const rows = await readQuery<{ id: string }>(
    db,
    up
      ? 'UNWIND $frontier AS f MATCH (:Item {id: f})-[:IMPLEMENTS]->(n:Item) RETURN DISTINCT n.id AS id'
      : 'UNWIND $frontier AS f MATCH (:Item {id: f})<-[:IMPLEMENTS]-(n:Item) RETURN DISTINCT n.id AS id',
    { frontier },
  );
  return rows.map((r) => r.id).sort();
};

async function documentLineage(db: Db, id: string, opts: LineageOptions): Promise<SubgraphRead> {
  const types = opts.cites ? ['IMPLEMENTS', 'CITES'] : ['IMPLEMENTS'];
  const distance = await walk(db, id, opts, types, documentStep);
  const withItems = opts.include !== 'documents';
  const counts = withItems ? await itemCounts(db, [...distance.keys()]) : new Map<string, LeftOut>();
  const walked: WalkedDocument[] = [...distance].map(([doc, hops]) => ({ id: doc, distance: hops, items: counts.get(doc)?.items ?? 0 }));
  const plan = planDocumentLineage(id, walked, opts.limit ?? Infinity);
  const nodes: GraphNode[] = await documentNodes(db, plan.documents, distance);
  const edges: GraphEdge[] = await citationEdges(db, plan.documents);
  // A budget spent on documents leaves no items to read, nor links between them.
  if (withItems && plan.items.size > 0) {
    const items = await itemsOf(db, plan.items, counts);
    const itemIds = items.map((n) => n.id);
    nodes.push(...items);
    edges.push(...items.map((n) => edge(n.documentId!, 'CONTAINS', n.id)));
    edges.push(...(await itemLinkEdges(db, itemIds)));
    await addImplementedItems(db, itemIds, nodes, edges);
    if (opts.include === 'agencies') await addAgencies(db, itemIds, nodes, edges);
  }
  // What is left out is counted against what the answer holds, the walked documents' items hung
  // off the walk as implemented directive items included.
  const present = nodes.filter((n) => (n.kind === 'task' || n.kind === 'directive') && counts.has(n.documentId!));
  const total = sumCounts([...counts.values()]);
  const shown = countKinds(present);
  const presentOf = new Map<string, GraphNode[]>();
  for (const i of present) {
    const mine = presentOf.get(i.documentId!);
    if (mine) mine.push(i);
    else presentOf.set(i.documentId!, [i]);
  }
  for (const n of nodes) {
    const all = counts.get(n.id);
    if (n.kind !== 'document' || !all) continue;
    const mine = countKinds(presentOf.get(n.id) ?? []);
    if (mine.items < all.items) n.leftOut = minus(all, mine);
  }
  const truncated: SubgraphRead['truncated'] =
    plan.leftOutDocuments.length > 0 || shown.items < total.items
      ? {
          limit: opts.limit!,
          shown: { documents: plan.documents.length, items: shown.items },
          total: { documents: distance.size, items: total.items },
          leftOut: { documents: plan.leftOutDocuments.length, ...minus(total, shown) },
        }
      : null;
  return { root: { id, kind: 'document' }, direction: opts.direction, depth: opts.depth, nodes, edges, truncated };
}

async function itemLineage(db: Db, id: string, opts: LineageOptions): Promise<SubgraphRead> {
  const distance = await walk(db, id, opts, ['IMPLEMENTS'], itemStep);
  const plan = planItemLineage(
    id,
    [...distance].map(([item, hops]) => ({ id: item, documentId: documentOf(item), distance: hops })),
    opts.limit ?? Infinity,
  );
  const items = await readQuery<{ node: GraphNode }>(
    db,
    `UNWIND $ids AS itemId MATCH (dn:Document)-[:CONTAINS]->(i:Item {id: itemId})
     RETURN ${ITEM_NODE} AS node ORDER BY i.documentId, i.ordinal`,
    { ids: plan.items },
  );
  const nodes: GraphNode[] = [
    ...(await documentNodes(db, plan.documents, new Map())),
    ...items.map((r) => ({ ...r.node, distance: distance.get(r.node.id) ?? null })),
  ];
  const edges: GraphEdge[] = [
    ...(await citationEdges(db, plan.documents)),
    ...items.map((r) => edge(r.node.documentId!, 'CONTAINS', r.node.id)),
    ...(await itemLinkEdges(db, plan.items)),
  ];
  if (opts.include === 'agencies') await addAgencies(db, plan.items, nodes, edges);
  let truncated: SubgraphRead['truncated'] = null;
  if (plan.leftOutItems.length > 0) {
    const leftOut = await kindsOfItems(db, plan.leftOutItems);
    for (const n of nodes) {
      const mine = leftOut.get(n.id);
      if (n.kind === 'document' && mine) n.leftOut = mine;
    }
    const all = new Set([...distance.keys()].map(documentOf));
    truncated = {
      limit: opts.limit!,
      shown: { documents: plan.documents.length, items: plan.items.length },
      total: { documents: all.size, items: distance.size },
      leftOut: { documents: all.size - plan.documents.length, ...sumCounts([...leftOut.values()]) },
    };
  }
  return { root: { id, kind: 'item' }, direction: opts.direction, depth: opts.depth, nodes, edges, truncated };
}

/** The document an item id belongs to (graph-schema's itemId: `<document id>#<section path>`). */
const documentOf = (itemId: string) => itemId.slice(0, itemId.indexOf('#'));

const countKinds = (items: GraphNode[]): LeftOut => ({
  items: items.length,
  tasks: items.filter((i) => i.isTask).length,
  directives: items.filter((i) => i.isDirective).length,
});
const sumCounts = (xs: LeftOut[]): LeftOut =>
  xs.reduce((a, x) => ({ items: a.items + x.items, tasks: a.tasks + x.tasks, directives: a.directives + x.directives }), { items: 0, tasks: 0, directives: 0 });
const minus = (a: LeftOut, b: LeftOut): LeftOut => ({ items: a.items - b.items, tasks: a.tasks - b.tasks, directives: a.directives - b.directives });

/** Items, tasks and directive items per document, as the documents keep them (item-counts.ts); none for stubs. */
async function itemCounts(db: Db, ids: string[]): Promise<Map<string, LeftOut>> {
  const rows = await readQuery<LeftOut & { id: string }>(
    db,
    `UNWIND $ids AS docId MATCH (d:Document {id: docId})
     RETURN docId AS id, coalesce(d.itemCount, 0) AS items, coalesce(d.taskCount, 0) AS tasks, coalesce(d.directiveCount, 0) AS directives`,
    { ids },
  );
  return new Map(rows.map(({ id, ...c }) => [id, c]));
}

/** The given items counted per document, by kind. */
async function kindsOfItems(db: Db, ids: string[]): Promise<Map<string, LeftOut>> {
  const rows = await readQuery<LeftOut & { id: string }>(
    db,
    `UNWIND $ids AS itemId MATCH (i:Item {id: itemId})
     RETURN i.documentId AS id, count(i) AS items, count(CASE WHEN i:Task THEN 1 END) AS tasks, count(CASE WHEN i:Directive THEN 1 END) AS directives`,
    { ids },
  );
  return new Map(rows.map(({ id, ...c }) => [id, c]));
}

/**
 * The items of each document in reading order: all of them, or its first n (documents → n; only the
 * root is ever cut, lineage-budget.ts). LIMIT takes no per-row value, hence a query for the cut one.
 */
async function itemsOf(db: Db, take: Map<string, number>, counts: Map<string, LeftOut>): Promise<GraphNode[]> {
  const whole = [...take].filter(([id, n]) => n === counts.get(id)?.items).map(([id]) => id);
  const rows = await readQuery<{ node: GraphNode }>(
    db,
    `UNWIND $ids AS docId MATCH (dn:Document {id: docId})-[:CONTAINS]->(i:Item)
     RETURN ${ITEM_NODE} AS node ORDER BY i.documentId, i.ordinal`,
    { ids: whole },
  );
  for (const [id, n] of take) {
    if (whole.includes(id)) continue;
    rows.unshift(
      ...(await readQuery<{ node: GraphNode }>(
        db,
        `MATCH (dn:Document {id: $id})-[:CONTAINS]->(i:Item)
         RETURN ${ITEM_NODE} AS node ORDER BY i.ordinal LIMIT $n`,
        { id, n: neo4j.int(n) },
      )),
    );
  }
  return rows.map((r) => ({ ...r.node, distance: null }));
}

async function documentNodes(db: Db, ids: string[], distance: Map<string, number>): Promise<GraphNode[]> {
  const rows = await readQuery<{ node: GraphNode }>(
    db,
    `UNWIND $ids AS docId MATCH (d:Document {id: docId}) RETURN ${DOC_NODE} AS node`,
    { ids },
  );
  return rows
    .map((r) => ({ ...r.node, label: shortLabel(r.node.label), distance: distance.get(r.node.id) ?? null }))
    .sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0) || a.id.localeCompare(b.id));
}

/** Every IMPLEMENTS and CITES edge between the given documents, whichever were walked. */
async function citationEdges(db: Db, ids: string[]): Promise<GraphEdge[]> {
  const rows = await readQuery<{ edge: Omit<GraphEdge, 'id'> }>(
    db,
    `UNWIND $ids AS docId MATCH (a:Document {id: docId})-[r:IMPLEMENTS|CITES]->(b:Document) WHERE b.id IN $ids
     RETURN { source: a.id, target: b.id, type: type(r), evidence: r.evidence, raw: r.raw, basis: coalesce(r.basis, false),
              lineStart: r.lineStart, lineEnd: r.lineEnd } AS edge
     ORDER BY a.id, b.id, type(r)`,
    { ids },
  );
  return rows.map((r) => ({ id: edgeId(r.edge.source, r.edge.type, r.edge.target), ...r.edge }));
}

async function itemLinkEdges(db: Db, itemIds: string[]): Promise<GraphEdge[]> {
  const rows = await readQuery<{ source: string; target: string; score: number | null; method: string | null }>(
    db,
    `UNWIND $ids AS itemId MATCH (t:Item {id: itemId})-[r:IMPLEMENTS]->(d:Item) WHERE d.id IN $ids
     RETURN t.id AS source, d.id AS target, r.score AS score, r.method AS method ORDER BY source, target`,
    { ids: itemIds },
  );
  return rows.map((r) => ({ ...edge(r.source, 'IMPLEMENTS', r.target), score: r.score, method: r.method }));
}

/**
 * The directive items outside the walk that its tasks carry out, with those links: a UBND plan's
 * tasks implement 69-KL/TW's items although the plan reaches 69-KL/TW only through its Tỉnh ủy
 * plan, so a walk down from either plan alone would otherwise lose the link.
 */
async function addImplementedItems(db: Db, itemIds: string[], nodes: GraphNode[], edges: GraphEdge[]): Promise<void> {
  const rows = await readQuery<{ node: GraphNode; source: string; score: number | null; method: string | null }>(
    db,
    `UNWIND $ids AS itemId MATCH (t:Item {id: itemId})-[r:IMPLEMENTS]->(i:Item) WHERE NOT i.id IN $ids
     MATCH (dn:Document)-[:CONTAINS]->(i)
     RETURN ${ITEM_NODE} AS node, t.id AS source, r.score AS score, r.method AS method ORDER BY source, i.id`,
    { ids: itemIds },
  );
  hang(nodes, edges, rows.map((r) => ({ node: r.node, edge: { ...edge(r.source, 'IMPLEMENTS', r.node.id), score: r.score, method: r.method } })));
}

async function addAgencies(db: Db, itemIds: string[], nodes: GraphNode[], edges: GraphEdge[]): Promise<void> {
  const rows = await readQuery<{ agency: GraphNode; role: 'LEADS' | 'COORDINATES'; itemId: string }>(
    db,
    `UNWIND $ids AS itemId MATCH (a:Agency)-[r:LEADS|COORDINATES]->(:Task {id: itemId})
     RETURN { id: a.id, kind: 'agency', label: a.name, province: a.province, level: a.level,
              collective: coalesce(a.collective, false) } AS agency, type(r) AS role, itemId
     ORDER BY a.id, itemId`,
    { ids: itemIds },
  );
  hang(nodes, edges, rows.map((r) => ({ node: r.agency, edge: edge(r.agency.id, r.role, r.itemId) })));
}

/** Adds nodes hung off the walk (no distance, each once) and the edges that hang them. */
function hang(nodes: GraphNode[], edges: GraphEdge[], rows: { node: GraphNode; edge: GraphEdge }[]): void {
  const seen = new Set(nodes.map((n) => n.id));
  for (const r of rows) {
    if (!seen.has(r.node.id)) {
      seen.add(r.node.id);
      nodes.push({ ...r.node, distance: null });
    }
    edges.push(r.edge);
  }
}

/** Unnumbered documents are labelled by their title, which can run to several lines. */
function shortLabel(label: string, max = 60): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

const edgeId = (source: string, type: string, target: string) => `${source}|${type}|${target}`;

function edge(source: string, type: EdgeType, target: string): GraphEdge {
  return { id: edgeId(source, type, target), source, target, type };
}
