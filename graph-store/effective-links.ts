/**
 * The one answer to "which task → directive links count": the linker's proposals (Task
 * -[:IMPLEMENTS]-> Directive edges, rewritten at every ingest) with the reviewers' decisions
 * (Review nodes keyed by the task's and the directive's ids, which no ingest touches) applied:
 *
 *   no review, or `clear`      → the proposal counts as `proposed` (no proposal: no link)
 *   `confirm` or `add`         → counts: `confirmed` when the linker proposes it too, else `added`
 *   `reject`                   → `rejected`, never counts, whatever the linker proposes later
 *
 * Every read that counts or lists links (heatmap, cell, unimplemented lists, summary, comparison,
 * review queue, a task's links) builds on these fragments, so the rule lives here only. Each is a
 * constant Cypher text over variable names chosen by the caller, never over input.
 */
import { Label, Rel } from '../graph-schema/index.js';

/** The statuses that count as "this task carries out this directive item". */
export const COUNTED = `['proposed', 'confirmed', 'added']`;
/** The counted statuses a reviewer decided. */
export const REVIEWED = `['confirmed', 'added']`;

/** A review as the reads return it: null when there is none or it was cleared. */
const REVIEW_MAP = (rv: string) =>
  `CASE WHEN ${rv} IS NULL OR ${rv}.decision = 'clear' THEN null ELSE ${rv} { .decision, .reviewer, .comment, .at, .taskTextHash } END`;

/** The status of a proposal given its review (null: none). */
const PROPOSAL_STATUS = (rv: string) =>
  `CASE coalesce(${rv}.decision, 'clear') WHEN 'reject' THEN 'rejected' WHEN 'clear' THEN 'proposed' ELSE 'confirmed' END`;

/**
 * Binds, for directive item `i`, every task linked to it in any status: `t`, `status`, `score`,
 * `method` (null for a link only a reviewer made) and `review`. Proposals are followed as edges
 * and each looks its review up by the (taskId, directiveId) index: on the scale graph with 300
 * reviews this read 69-KL/TW's heatmap in 0.2–0.3 s where matching the item's reviews in a list
 * took 1.0 s (bench/review-reads.ts).
 */
export const LINKS_TO = (i: string) => `CALL (${i}) {
      MATCH (t:${Label.Task})-[lr:${Rel.IMPLEMENTS}]->(${i})
      OPTIONAL MATCH (rv:${Label.Review} {taskId: t.id, directiveId: ${i}.id})
      RETURN t, ${PROPOSAL_STATUS('rv')} AS status, lr.score AS score, lr.method AS method, ${REVIEW_MAP('rv')} AS review
      UNION ALL
      MATCH (rv:${Label.Review} {directiveId: ${i}.id}) WHERE rv.decision IN ['confirm', 'add']
      MATCH (t:${Label.Task} {id: rv.taskId}) WHERE NOT EXISTS { (t)-[:${Rel.IMPLEMENTS}]->(${i}) }
      RETURN t, 'added' AS status, null AS score, null AS method, ${REVIEW_MAP('rv')} AS review
    }`;

/** The same from task `t`'s side: binds `i` (a directive item), `status`, `score`, `method`, `review`. */
export const LINKS_FROM = (t: string) => `CALL (${t}) {
      MATCH (${t})-[lr:${Rel.IMPLEMENTS}]->(i:${Label.Item})
      OPTIONAL MATCH (rv:${Label.Review} {taskId: ${t}.id, directiveId: i.id})
      RETURN i, ${PROPOSAL_STATUS('rv')} AS status, lr.score AS score, lr.method AS method, ${REVIEW_MAP('rv')} AS review
      UNION ALL
      MATCH (rv:${Label.Review} {taskId: ${t}.id}) WHERE rv.decision IN ['confirm', 'add']
      MATCH (i:${Label.Directive} {id: rv.directiveId}) WHERE NOT EXISTS { (${t})-[:${Rel.IMPLEMENTS}]->(i) }
      RETURN i, 'added' AS status, null AS score, null AS method, ${REVIEW_MAP('rv')} AS review
    }`;

/** The link bound by LINKS_TO / LINKS_FROM as one map. */
export const LINK_MAP = `{ status: status, score: score, method: method, review: review }`;

/** The status of the link between task `t` and directive item `i`, both bound: null when there is none. */
export const LINK_STATUS = (t: string, i: string) => `CASE coalesce(head(COLLECT {
      MATCH (rv:${Label.Review} {taskId: ${t}.id, directiveId: ${i}.id}) RETURN rv.decision }), 'clear')
    WHEN 'reject' THEN 'rejected'
    WHEN 'clear' THEN CASE WHEN EXISTS { (${t})-[:${Rel.IMPLEMENTS}]->(${i}) } THEN 'proposed' ELSE null END
    ELSE CASE WHEN EXISTS { (${t})-[:${Rel.IMPLEMENTS}]->(${i}) } THEN 'confirmed' ELSE 'added' END END`;

/** True when the link between `t` and `i` counts (false, not null, when there is none). */
export const COUNTS = (t: string, i: string) => `coalesce(${LINK_STATUS(t, i)}, 'none') IN ${COUNTED}`;
