import type { Db } from '../../graph-store/db.js';
import { deleteDocument } from '../../graph-store/delete-document.js';
import { inTurn } from '../../graph-store/write-turns.js';
import { notFound } from '../errors.js';

export async function removeDocument(db: Db, id: string) {
  // In turn with uploads: a delete and an upload touching the same nodes would deadlock.
  const summary = await inTurn(() => deleteDocument(db, id));
  if (!summary.found) throw notFound('document', id);
  return summary;
}
