import type { ProvinceEra } from '../../graph-schema/index.js';
import type { Db } from '../../graph-store/db.js';
import { documentDetail, listDocuments, listProvinces, type DocumentFilters } from '../../graph-store/document-reads.js';
import { notFound } from '../errors.js';
import { numberedAs } from './document-number.js';

/** Title words, and the document a number names ("kết luận 69"), which comes first. */
export function findDocuments(db: Db, filters: DocumentFilters, page: { limit: number; offset: number }) {
  return listDocuments(db, { ...filters, numbered: filters.q === undefined ? null : numberedAs(filters.q) }, page);
}

export async function getDocument(db: Db, id: string, includeText: boolean) {
  const detail = await documentDetail(db, id, { includeText });
  if (!detail) throw notFound('document', id);
  return detail;
}

export function getProvinces(db: Db, era: ProvinceEra) {
  return listProvinces(db, era);
}
