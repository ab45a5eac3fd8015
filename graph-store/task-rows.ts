/**
 * How the auditors' reads show a task: its fields, its document, its lead and coordinating
 * agencies; and how they name the province a task counts under. Shared by audit-reads.ts and
 * deadline-reads.ts. Every Cypher piece here is a constant of this file.
 */
import { provincesNamedBy, type ProvinceEra } from '../graph-schema/index.js';
import type { TaskRow } from '../api-schema/audit.js';
export type { TaskEvidence, TaskRow } from '../api-schema/audit.js';

export const TASK_FIELDS = (v: string) =>
  `${v} { .id, .documentId, .sectionPath, .text, .province, .lineStart, .lineEnd, .timelineRaw, deadline: ${v}.timelineTo }`;
export const DOC_FIELDS = (v: string) => `${v} { .id, .number, .title, .province }`;
export const LEADS = (v: string) =>
  `COLLECT { MATCH (a:Agency)-[:LEADS]->(${v}) RETURN a { .id, .name, collective: coalesce(a.collective, false) } ORDER BY a.name }`;

/** A task `t` of document `d` as a TaskRow map. */
export const TASK_ROW_MAP = `{ task: ${TASK_FIELDS('t')}, document: ${DOC_FIELDS('d')}, leads: ${LEADS('t')},
  coordinating: COLLECT { MATCH (a:Agency)-[:COORDINATES]->(t) RETURN a { .id, .name, collective: coalesce(a.collective, false) } ORDER BY a.name },
  leadRaw: t.leadRaw }`;
/** The same, returned as `row`. */
export const TASK_ROW = `${TASK_ROW_MAP} AS row`;

/**
 * The province a node counts under: as its document writes it, or the 2025 unit that province
 * belongs to. One of two constant expressions, never built from input.
 */
export const provinceOf = (v: string, era: ProvinceEra) => (era === 'current' ? `coalesce(${v}.currentProvince, ${v}.province)` : `${v}.province`);

/** The provinces as written a filter names: a 2025 unit's predecessors when reading by today's units. */
export const namedBy = (province: string | undefined, era: ProvinceEra) => (province ? provincesNamedBy(province, era) : null);
