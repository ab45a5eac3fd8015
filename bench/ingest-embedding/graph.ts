/**
 * The bench's graph: the texts written as the tasks of synthetic plans by the real graph store
 * (100 a document), and put back to "not embedded yet" before each timed sync.
 */
import { readQuery, writeQuery, type Db } from '../../graph-store/db.js';
import { upsertDocument } from '../../graph-store/upsert-document.js';
import { syntheticRecord } from '../../test/helpers/synthetic-record.js';

const TASKS_PER_DOCUMENT = 100;

export async function writeItems(db: Db, texts: string[]): Promise<void> {
  for (let d = 0; d * TASKS_PER_DOCUMENT < texts.length; d++) {
    const part = texts.slice(d * TASKS_PER_DOCUMENT, (d + 1) * TASKS_PER_DOCUMENT);
    await upsertDocument(db, syntheticRecord({ number: `${d + 1}/KH-UBND`, tasks: part.length, taskText: (k) => part[k]! }));
  }
}

/** Every item without its vector, as upsert leaves a new or changed item. */
export async function forgetEmbeddings(db: Db): Promise<void> {
  await writeQuery(db, 'MATCH (i:Item) WHERE i.embedding IS NOT NULL SET i.embedding = null');
}

/** The vectors the graph holds, by item text (the bench's texts are distinct). */
export async function vectorsByText(db: Db): Promise<Map<string, number[]>> {
  const rows = await readQuery<{ text: string; v: number[] | null }>(db, 'MATCH (i:Item) RETURN i.text AS text, i.embedding AS v');
  return new Map(rows.flatMap((r) => (r.v ? [[r.text, r.v] as [string, number[]]] : [])));
}
