import type { DocumentRecord } from '../graph-schema/index.js';

/**
 * Orders a batch so every document comes after the documents of the batch it cites: the parent's
 * directive items are then in the graph when its implementers' tasks are linked to them.
 * Citations are matched on the number key too, since a bare citation has no year in its id.
 */
export function orderByCitation(records: DocumentRecord[]): DocumentRecord[] {
  const byKey = new Map<string, DocumentRecord>();
  for (const r of records) {
    byKey.set(r.document.id, r);
    if (r.document.numberKey) byKey.set(r.document.numberKey, r);
  }
  const ordered: DocumentRecord[] = [];
  const state = new Map<DocumentRecord, 'visiting' | 'done'>();
  const visit = (r: DocumentRecord) => {
    if (state.get(r)) return; // done, or a citation cycle: keep the order we have
    state.set(r, 'visiting');
    for (const cited of r.citedDocuments) {
      const dep = byKey.get(cited.id) ?? (cited.numberKey ? byKey.get(cited.numberKey) : undefined);
      if (dep && dep !== r) visit(dep);
    }
    state.set(r, 'done');
    ordered.push(r);
  };
  const levelRank = { central: 0, ministry: 1, province: 2, district: 3 } as const;
  [...records].sort((a, b) => levelRank[a.document.level] - levelRank[b.document.level]).forEach(visit);
  return ordered;
}
