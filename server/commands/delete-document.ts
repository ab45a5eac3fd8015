import type { Db } from '../../graph-store/db.js';
import { deleteDocument } from '../../graph-store/delete-document.js';
import { notFound } from '../errors.js';

export async function removeDocument(db: Db, id: string) {
  const summary = await deleteDocument(db, id);
  if (!summary.found) throw notFound('document', id);
  return summary;
}
