import {
  cellEvidence,
  collectiveLedTasks,
  directiveHeatmap,
  documentAudit,
  tasksWithoutLead,
  unimplementedDirectives,
  unresolvedCitations,
} from '../../graph-store/audit-reads.js';
import type { ProvinceEra } from '../../graph-schema/index.js';
import type { Db } from '../../graph-store/db.js';
import { notFound } from '../errors.js';

export const auditSummary = (db: Db) => documentAudit(db);

export async function heatmap(db: Db, documentId: string, era: ProvinceEra) {
  const map = await directiveHeatmap(db, documentId, era);
  if (!map) throw notFound('document', documentId);
  return map;
}

export async function heatmapCell(db: Db, directiveId: string, province: string, era: ProvinceEra) {
  const cell = await cellEvidence(db, directiveId, province, era);
  if (!cell) throw notFound('directive item', directiveId);
  return cell;
}

/** A list's query: a document, a province, and whether that province is read as written or as a 2025 unit. */
type ListQuery = { documentId?: string; province?: string; provinces?: ProvinceEra };
const filters = ({ provinces, ...f }: ListQuery) => ({ ...f, era: provinces });

export const unimplemented = (db: Db, q: ListQuery) => unimplementedDirectives(db, filters(q));
export const withoutLead = (db: Db, q: ListQuery) => tasksWithoutLead(db, filters(q));
export const collectiveLed = (db: Db, q: ListQuery) => collectiveLedTasks(db, filters(q));
export const unresolved = (db: Db) => unresolvedCitations(db);
