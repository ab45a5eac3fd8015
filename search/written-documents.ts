/**
 * Which documents were written since this process last looked, whoever wrote them: the graph
 * stamps each document it writes with Neo4j's clock (`writtenAt`, graph-store/upsert-document.ts).
 * The server keeps the rows hits show in memory (indexed-items.ts), and an `npm run ingest` beside
 * it may change what they show without changing any text (a lead read from a table column, a
 * title): no vector changes, so the saved index does not tell the server either.
 *
 * A stamp is taken when its transaction runs and becomes visible when it commits, so a later look
 * can find a write stamped before the last one it saw. Each look therefore reaches back OVERLAP_MS
 * and reports the documents whose stamp it has not seen.
 */

/** A document and the time it was last written, in ms by Neo4j's clock. */
export interface WrittenDocument {
  id: string;
  writtenAt: number;
}

/** The documents written at `since` or later; every stamped one when `since` is null. */
export type WrittenSince = (since: number | null) => Promise<WrittenDocument[]>;

/** How far back each look reaches behind the latest stamp seen: longer than a write transaction may run. */
export const OVERLAP_MS = 10 * 60_000;

export class WrittenDocuments {
  /** The latest stamp seen; null until primed. */
  private latest: number | null = null;
  /** Stamps seen within the overlap, by document. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly writtenSince: WrittenSince) {}

  get primed(): boolean {
    return this.latest !== null;
  }

  /** Takes note of every document written so far: what a full read of the rows made after this shows. */
  async prime(): Promise<void> {
    this.note(await this.writtenSince(null));
  }

  /** The documents written since the last look (or the priming); none before priming. */
  async changed(): Promise<string[]> {
    if (this.latest === null) return [];
    const written = await this.writtenSince(this.latest - OVERLAP_MS);
    const changed = written.filter((d) => this.seen.get(d.id) !== d.writtenAt).map((d) => d.id);
    this.note(written);
    return changed;
  }

  private note(written: WrittenDocument[]): void {
    for (const d of written) {
      this.seen.set(d.id, d.writtenAt);
      if (this.latest === null || d.writtenAt > this.latest) this.latest = d.writtenAt;
    }
    this.latest ??= 0;
    for (const [id, at] of this.seen) if (at < this.latest - OVERLAP_MS) this.seen.delete(id);
  }
}
