/**
 * Answers kept while the graph does not change. Some reads aggregate a large part of the graph
 * (the heatmap counts every task → directive link of 69-KL/TW: 37k links, 150–300 ms on a national
 * graph; the lineage of 69-KL/TW reads 1,200 documents and serialises 0.8 MB) and the same ones
 * are asked again and again, yet they change only when a document is written. Each request asks
 * the database where it stands (graph-store/graph-version.ts: a few milliseconds, and it moves
 * with any commit, of this process or another); an answer read at the same point is served as
 * is, else it is read again. A database that does not answer makes the request fail as any read
 * would (503): nothing is served from memory then. A failed read is not kept.
 *
 * Under load, while documents are being written, the point moves every second or so and every
 * request would start its own read of where the graph stands and of the answer. So a request
 * shares a read already under way, of either kind, as long as no write of this process has ended
 * since that read began (`writesEnded`, graph-store/db.ts): the shared answer then holds every
 * write this server acknowledged (an uploader sees the upload), and misses at most the writes
 * other processes committed while the read ran, which no request could have been promised.
 */
export class KeptAnswers<T> {
  private readonly entries = new Map<string, { version: string; writes: number; value: Promise<T>; settled: boolean }>();
  private versionRead: { writes: number; value: Promise<string> } | null = null;

  constructor(
    /** Where the graph stands now (graphVersion, bound to the app's database). */
    private readonly version: () => Promise<string>,
    /** Writes of this process that have ended so far (localWritesEnded). */
    private readonly writesEnded: () => number,
    /** Keys come from requests (any document id): the oldest entry goes beyond this many. */
    private readonly maxEntries = 64,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const kept = this.entries.get(key);
    if (kept && !kept.settled && kept.writes === this.writesEnded()) return kept.value;
    const version = await this.currentVersion();
    const again = this.entries.get(key);
    if (again && (again.version === version || (!again.settled && again.writes === this.writesEnded()))) return again.value;
    const entry = { version, writes: this.writesEnded(), value: load(), settled: false };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    entry.value.then(
      () => (entry.settled = true),
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  /** Where the graph stands: a read under way is shared while no local write has ended since it began. */
  private currentVersion(): Promise<string> {
    const writes = this.writesEnded();
    if (this.versionRead?.writes === writes) return this.versionRead.value;
    const read = { writes, value: this.version() };
    this.versionRead = read;
    const done = () => {
      if (this.versionRead === read) this.versionRead = null;
    };
    read.value.then(done, done);
    return read.value;
  }
}
