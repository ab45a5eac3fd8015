/**
 * Roll-up through chains: a directive item counts as carried out by a task that implements it
 * directly, or through the items of a document that implements it. 69-KL/TW's paragraphs are
 * linked to the 20-NQ/TW items they carry on (ingest links a directive document's own items to
 * its parent's, as it links tasks), so a province's task linked to 69-KL/TW §6.1 also counts
 * under the 20-NQ/TW item that §6.1 carries on, and the evidence shows that step.
 *
 * Whether the task's own link counts is effective-links.ts' rule (reviews applied); the steps
 * between directive items are the linker's links between documents. Every Cypher piece here is a
 * constant of this file; variable names are the caller's own.
 */
import { COUNTED, LINKS_TO } from './effective-links.js';
export type { ViaItem } from '../api-schema/audit.js';

/** Steps from a task to the directive item it counts under: the task's own link, then at most this many more. */
export const ROLL_UP_STEPS = 2;

/**
 * Every task linked to directive item `i`, directly or through at most ROLL_UP_STEPS further
 * items, one row per task: binds `t` and `link` ({ status, score, method, review } of the task's
 * own link, as LINK_MAP, plus `via`: the items between the task and `i`, nearest the task first,
 * empty for a direct link). Of the ways a task reaches `i`, the shortest that counts wins, else the
 * shortest (a rejected direct link shows as rejected). Anchored on `i`: a heatmap walks back from
 * each directive item rather than over every task.
 */
export const TASK_LINKS_REACHING = (i: string) => `CALL (${i}) {
      CALL (${i}) {
        MATCH path = (m:Item)-[:IMPLEMENTS*0..${ROLL_UP_STEPS}]->(${i})
        ${LINKS_TO('m')}
        RETURN t, status, score, method, review,
               [n IN nodes(path)[0..-1] | n { .id, .documentId, documentNumber: [(x:Document)-[:CONTAINS]->(n) | x.number][0], .sectionPath, .text }] AS via
      }
      WITH t, status, score, method, review, via ORDER BY size(via)
      WITH t, collect({ status: status, score: score, method: method, review: review, via: via }) AS ways
      RETURN t, coalesce(head([w IN ways WHERE w.status IN ${COUNTED}]), head(ways)) AS link
    }`;

/**
 * TASK_LINKS_REACHING for counting: binds `t` and `status` only (the status of the way that wins),
 * without the evidence and the items between. A heatmap of 69-KL/TW on a national graph walks
 * 100,000 ways; building each way's evidence there only fed Neo4j's garbage collector.
 */
export const TASK_STATUS_REACHING = (i: string) => `CALL (${i}) {
      CALL (${i}) {
        MATCH path = (m:Item)-[:IMPLEMENTS*0..${ROLL_UP_STEPS}]->(${i})
        ${LINKS_TO('m')}
        RETURN t, status, length(path) AS hops
      }
      WITH t, status, hops ORDER BY hops
      WITH t, collect(status) AS statuses
      RETURN t, coalesce(head([s IN statuses WHERE s IN ${COUNTED}]), head(statuses)) AS status
    }`;

/** True when a task's link that counts reaches directive item `i`, directly or rolled up (no aggregation: usable inside one). */
export const REACHED = (i: string) => `EXISTS {
      MATCH (m:Item)-[:IMPLEMENTS*0..${ROLL_UP_STEPS}]->(${i})
      ${LINKS_TO('m')}
      WITH status WHERE status IN ${COUNTED}
      RETURN 1 AS counted }`;

