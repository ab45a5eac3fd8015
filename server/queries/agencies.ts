import { agencyDetail, listAgencies, type AgencyFilters } from '../../graph-store/agency-reads.js';
import type { Db } from '../../graph-store/db.js';
import { notFound } from '../errors.js';

export function findAgencies(db: Db, filters: AgencyFilters, page: { limit: number; offset: number }) {
  return listAgencies(db, filters, page);
}

export async function getAgency(db: Db, id: string) {
  const detail = await agencyDetail(db, id);
  if (!detail) throw notFound('agency', id);
  return detail;
}
