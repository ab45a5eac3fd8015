/**
 * Two provinces side by side against the same directive items: for each item of a central
 * document, the tasks of each province that implement it (with the linker's evidence), so an
 * analyst sees where one province has a task and the other none, and how each words it.
 */
import type { ProvinceEra } from '../graph-schema/index.js';
import { DIRECTIVE, type DirectiveRow } from './audit-reads.js';
import { readQuery, type Db } from './db.js';
import { COUNTED } from './effective-links.js';
import { TASK_LINKS_REACHING } from './roll-up.js';
import { evidenceOf } from './link-evidence.js';
import { DOC_FIELDS, LEADS, TASK_FIELDS, namedBy } from './task-rows.js';
import type { LinkedTask } from './link-evidence.js';
import type { ProvinceComparison } from '../api-schema/compare.js';
export type { ProvinceComparison } from '../api-schema/compare.js';

// Without a directive item (a document with none) the walk from `i` finds nothing: an empty side.
const SIDE = (param: string) => `COLLECT {
  ${TASK_LINKS_REACHING('i')} WITH t, link WHERE t.province IN ${param} AND link.status IN ${COUNTED}
  MATCH (d:Document)-[:CONTAINS]->(t)
  RETURN { task: ${TASK_FIELDS('t')}, document: ${DOC_FIELDS('d')}, leads: ${LEADS('t')}, link: link }
  ORDER BY size(link.via), link.score DESC, t.id }`;

/** Null when there is no such document. */
export async function compareProvinces(db: Db, documentId: string, a: string, b: string, era: ProvinceEra): Promise<ProvinceComparison | null> {
  const rows = await readQuery<{ document: ProvinceComparison['document']; directive: DirectiveRow | null; left: LinkedTask[]; right: LinkedTask[] }>(
    db,
    `MATCH (root:Document {id: $id})
     OPTIONAL MATCH (root)-[:CONTAINS]->(i:Directive)
     WITH root, i ORDER BY i.ordinal, i.lineStart
     RETURN root { .id, .number, .title } AS document,
            CASE WHEN i IS NULL THEN null ELSE ${DIRECTIVE('i')} END AS directive,
            ${SIDE('$a')} AS left,
            ${SIDE('$b')} AS right`,
    { id: documentId, a: namedBy(a, era), b: namedBy(b, era) },
  );
  if (rows.length === 0) return null;
  return {
    document: rows[0]!.document,
    era,
    provinces: [a, b],
    rows: rows.filter((r) => r.directive).map((r) => ({ directive: r.directive!, tasks: [r.left.map(evidenceOf), r.right.map(evidenceOf)] })),
  };
}
