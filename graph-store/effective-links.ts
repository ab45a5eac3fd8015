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
export const COUNTED_STATUSES = ['proposed', 'confirmed', 'added'] as const;
const COUNTED = `['proposed', 'confirmed', 'added']`;

/** The Review of the pair (t, i), as a list of at most one node. */
const REVIEW_OF = (t: string, i: string) => `COLLECT { MATCH (rv:${Label.Review} {taskId: ${t}.id, directiveId: ${i}.id}) RETURN rv }`;

const PROPOSED = (t: string, i: string) => `EXISTS { (${t})-[:${Rel.IMPLEMENTS}]->(${i}) }`;

/** The status of the link between task `t` and directive item `i`: null when there is none. */
export const LINK_STATUS = (t: string, i: string) => `CASE coalesce(head(${REVIEW_OF(t, i)}).decision, 'clear')
    WHEN 'reject' THEN 'rejected'
    WHEN 'clear' THEN CASE WHEN ${PROPOSED(t, i)} THEN 'proposed' ELSE null END
    ELSE CASE WHEN ${PROPOSED(t, i)} THEN 'confirmed' ELSE 'added' END END`;

/** True when the link between `t` and `i` counts. */
// coalesce: no link at all (null) must read as false, so that NOT COUNTS(…) is true for it.
export const COUNTS = (t: string, i: string) => `coalesce(${LINK_STATUS(t, i)}, 'none') IN ${COUNTED}`;

/**
 * The link between `t` and `i` as a map: its status, the linker's score and method (null for a
 * link only a reviewer made), and the current review (null when none, or cleared).
 */
export const LINK_FIELDS = (t: string, i: string) => `{
    status: ${LINK_STATUS(t, i)},
    score: head([(${t})-[lr:${Rel.IMPLEMENTS}]->(${i}) | lr.score]),
    method: head([(${t})-[lr:${Rel.IMPLEMENTS}]->(${i}) | lr.method]),
    review: head([rv IN ${REVIEW_OF(t, i)} WHERE rv.decision <> 'clear' | rv { .decision, .reviewer, .comment, .at, .taskTextHash }]) }`;

/**
 * Binds `t` to every task with a link to directive item `i` in any status (proposed, or named by a
 * review): the rows to filter with COUNTS or LINK_STATUS. Distinct, through an index per id.
 */
export const TASKS_LINKED_TO = (i: string, t: string) => `UNWIND COLLECT {
      MATCH (lt:${Label.Task})-[:${Rel.IMPLEMENTS}]->(${i}) RETURN lt.id AS id
      UNION MATCH (rv:${Label.Review} {directiveId: ${i}.id}) RETURN rv.taskId AS id } AS linkedTaskId
    MATCH (${t}:${Label.Task} {id: linkedTaskId})`;

/** Binds `i` to every directive item with a link from task `t` in any status. */
export const DIRECTIVES_LINKED_FROM = (t: string, i: string) => `UNWIND COLLECT {
      MATCH (${t})-[:${Rel.IMPLEMENTS}]->(ld:${Label.Item}) RETURN ld.id AS id
      UNION MATCH (rv:${Label.Review} {taskId: ${t}.id}) RETURN rv.directiveId AS id } AS linkedDirectiveId
    MATCH (${i}:${Label.Directive} {id: linkedDirectiveId})`;
