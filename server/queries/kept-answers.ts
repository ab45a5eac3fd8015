/**
 * Answers kept while the graph does not change. Some reads aggregate a large part of the graph
 * (the heatmap counts every task → directive link of 69-KL/TW with reviews and roll-up applied:
 * 112k links, half a second on a national graph; the lineage of 69-KL/TW reads 1,200 documents and
 * serialises 0.8 MB) and the same ones are asked again and again, yet they change only when a
 * document is written. Each request asks the database where it stands (graph-store/
 * graph-version.ts: a few milliseconds, and it moves with any commit, of this process or another);
 * an answer read at the same point is served as is, else it is read again. A database that does
 * not answer makes the request fail as any read would (503): nothing is served from memory then.
 * A failed read is not kept.
 *
 * While documents are being written the point moves every second or so, and a read started for
 * each move would pile up heavy reads until they all miss their deadline. So each answer has at
 * most one read under way. A request shares it as long as no write of this process has ended
 * since it began (`writesEnded`, graph-store/db.ts): the answer then holds every write this
 * server acknowledged (an uploader sees the upload) and misses at most what other processes
 * committed meanwhile, which no request could have been promised. A request that must see a later
 * write waits for the read under way to end and shares the one read that starts then. Concurrent
 * requests also share one read of where the graph stands.
 */
import { AGGREGATE_DEADLINE_MS, localWritesEnded, type Db } from '../../graph-store/db.js';
import { graphVersion } from '../../graph-store/graph-version.js';

interface Entry<T> {
  version: string;
  writes: number;
  value: Promise<T>;
  settled: boolean;
  /** The read that starts once this one ends, for requests that must see a later write. */
  next: Promise<T> | null;
}

const ignore = () => undefined;

export class KeptAnswers<T> {
  private readonly entries = new Map<string, Entry<T>>();
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
    const underWay = this.underWay(key, load);
    if (underWay) return underWay;
    const version = await this.currentVersion();
    return this.underWay(key, load) ?? this.keptAt(key, version) ?? this.start(key, version, load);
  }

  /** The read under way for `key` this request may share, or the one to start after it; null when none is under way. */
  private underWay(key: string, load: () => Promise<T>): Promise<T> | null {
    const e = this.entries.get(key);
    if (!e || e.settled) return null;
    if (e.writes === this.writesEnded()) return e.value;
    e.next ??= e.value.then(ignore, ignore).then(async () => {
      const version = await this.currentVersion();
      return this.keptAt(key, version) ?? this.start(key, version, load);
    });
    return e.next;
  }

  private keptAt(key: string, version: string): Promise<T> | null {
    const e = this.entries.get(key);
    return e?.settled && e.version === version ? e.value : null;
  }

  private start(key: string, version: string, load: () => Promise<T>): Promise<T> {
    const entry: Entry<T> = { version, writes: this.writesEnded(), value: load(), settled: false, next: null };
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

/**
 * Answers kept on the app's graph, and the connection their reads go through. A kept read is made
 * once for every request waiting on it and, while documents stream in, can take longer than a
 * request's read deadline (4 s): it gets the aggregate one (30 s). That deadline guards the
 * database's liveness, which the version read made first, under the request deadline, has already
 * checked: a frozen database still answers 503 within seconds.
 */
export function keptOnGraph<T>(db: Db): { kept: KeptAnswers<T>; readDb: Db } {
  return { kept: new KeptAnswers<T>(() => graphVersion(db), localWritesEnded), readDb: { ...db, queryDeadlineMs: AGGREGATE_DEADLINE_MS } };
}
