/**
 * Roll-up through chains: a directive item counts as carried out by a task that implements it
 * directly, or through the items of a document that implements it. 69-KL/TW's paragraphs are
 * linked to the 20-NQ/TW items they carry on (ingest links a directive document's own items to
 * its parent's, as it links tasks), so a province's task linked to 69-KL/TW §6.1 also counts
 * under the 20-NQ/TW item that §6.1 carries on, and the evidence shows that step.
 *
 * Every Cypher piece here is a constant of this file; variable names are the caller's own.
 */

/** Steps from a task to the directive item it counts under: the task's own link, then at most this many more. */
export const ROLL_UP_STEPS = 2;

/**
 * A path pattern: task `t` reaches directive item `i` by its own link or through intermediate
 * items (each an IMPLEMENTS link made by the linker). Anchored on `i` when `i` is bound, so a
 * heatmap walks back from each directive item rather than over every task. A task reaching `i`
 * several ways matches several times: count DISTINCT.
 */
export const REACHES = (t: string, i: string) => `(${t}:Task)-[:IMPLEMENTS*1..${ROLL_UP_STEPS + 1}]->(${i})`;

/**
 * Tasks reaching `i`, one row per task, bound to `t` (with its document `d`), its own link `r`
 * and `via`: the items between the task and `i`, nearest the task first (empty for a direct link).
 * The shortest path wins when a task reaches `i` several ways. `where` filters `t` and `d`.
 */
export const TASKS_REACHING = (i: string, where: string) => `
  MATCH path = (m:Item)-[:IMPLEMENTS*0..${ROLL_UP_STEPS}]->(${i})
  MATCH (d:Document)-[:CONTAINS]->(t:Task)-[r:IMPLEMENTS]->(m)
  WHERE ${where}
  WITH d, t, r, path ORDER BY length(path)
  WITH d, t, head(collect({ r: r, path: path })) AS best
  WITH d, t, best.r AS r, [n IN nodes(best.path)[0..-1] | n { .id, .documentId, documentNumber: [(x:Document)-[:CONTAINS]->(n) | x.number][0], .sectionPath, .text }] AS via`;

/** A step of a rolled-up link, as cell evidence shows it. */
export interface ViaItem {
  id: string;
  documentId: string;
  documentNumber: string | null;
  sectionPath: string[];
  text: string;
}
