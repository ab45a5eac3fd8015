/**
 * Answers kept while the graph does not change. Some reads aggregate a large part of the graph
 * (the heatmap counts every task → directive link of 69-KL/TW: 37k links, 150–300 ms on a national
 * graph; the lineage of 69-KL/TW reads 1,200 documents and serialises 0.8 MB) and the same ones
 * are asked again and again, yet they change only when a document is written. Each request asks
 * the database where it stands (graph-store/graph-version.ts: a few milliseconds, and it moves
 * with any commit, of this process or another); an answer read at the same point is served as
 * is, else it is read again, once for all the requests waiting on it. A database that does not
 * answer makes the request fail as any read would (503): nothing is served from memory then.
 * A failed read is not kept.
 */
export class KeptAnswers<T> {
  private readonly entries = new Map<string, { version: string; value: Promise<T> }>();

  constructor(
    /** Where the graph stands now (graphVersion, bound to the app's database). */
    private readonly version: () => Promise<string>,
    /** Keys come from requests (any document id): the oldest entry goes beyond this many. */
    private readonly maxEntries = 64,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const version = await this.version();
    const kept = this.entries.get(key);
    if (kept?.version === version) return kept.value;
    const entry = { version, value: load() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }
}
