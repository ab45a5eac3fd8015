import {
  cellEvidence,
  collectiveLedTasks,
  directiveHeatmap,
  documentAudit,
  tasksWithoutLead,
  unimplementedDirectives,
  unresolvedCitations,
} from '../../graph-store/audit-reads.js';
import type { Db } from '../../graph-store/db.js';
import { notFound } from '../errors.js';

export const auditSummary = (db: Db) => documentAudit(db);

export async function heatmap(db: Db, documentId: string) {
  const map = await directiveHeatmap(db, documentId);
  if (!map) throw notFound('document', documentId);
  return map;
}

export async function heatmapCell(db: Db, directiveId: string, province: string) {
  const cell = await cellEvidence(db, directiveId, province);
  if (!cell) throw notFound('directive item', directiveId);
  return cell;
}

export const unimplemented = (db: Db, f: { documentId?: string; province?: string }) => unimplementedDirectives(db, f);
export const withoutLead = (db: Db, f: { documentId?: string; province?: string }) => tasksWithoutLead(db, f);
export const collectiveLed = (db: Db, f: { documentId?: string; province?: string }) => collectiveLedTasks(db, f);
export const unresolved = (db: Db) => unresolvedCitations(db);
