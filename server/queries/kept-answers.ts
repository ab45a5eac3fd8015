/**
 * Answers kept while the graph does not change. Some reads aggregate a large part of the graph
 * (the heatmap counts every task → directive link of 69-KL/TW with reviews and roll-up applied:
 * 112k links, half a second on a national graph; the lineage of 69-KL/TW reads 1,200 documents and
 * serialises 0.8 MB) and the same ones are asked again and again, yet they change only when a
 * document is written. Each request asks the database where it stands (graph-store/
 * graph-version.ts: a few milliseconds, and it moves with any commit, of this process or another);
 * an answer read at the same point is served as is, else it is read again. A database that does
 * not answer makes the request fail as any read would (503): nothing is served from memory then.
 * A failed read is not kept. But when the database did answer where it stands and only the heavy
 * read failed (it missed its deadline beside an ingest, or Neo4j ran short of memory for it), the
 * requests that shared it get the last answer read for the same key, flagged stale, rather than
 * an error: an auditor keeps a heatmap a few documents old instead of a 503, and the next request
 * reads again.
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
import type { Response } from 'express';
import { graphVersion } from '../../graph-store/graph-version.js';

/** An answer and whether it is the last one read before a failed read (older than the graph). */
export interface Answer<T> {
  value: T;
  stale: boolean;
}

interface Entry<T> {
  version: string;
  writes: number;
  value: Promise<Answer<T>>;
  settled: boolean;
  /** The read that starts once this one ends, for requests that must see a later write. */
  next: Promise<Answer<T>> | null;
}

const ignore = () => undefined;

export class KeptAnswers<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** The last answer read for each key, whatever the graph's version: served stale when a read fails. */
  private readonly last = new Map<string, T>();
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
    return (await this.answer(key, load)).value;
  }

  /** As get, saying whether the answer is stale (the read for the graph as it stands failed). */
  async answer(key: string, load: () => Promise<T>): Promise<Answer<T>> {
    const underWay = this.underWay(key, load);
    if (underWay) return underWay;
    const version = await this.currentVersion();
    return this.underWay(key, load) ?? this.keptAt(key, version) ?? this.start(key, version, load);
  }

  /** The read under way for `key` this request may share, or the one to start after it; null when none is under way. */
  private underWay(key: string, load: () => Promise<T>): Promise<Answer<T>> | null {
    const e = this.entries.get(key);
    if (!e || e.settled) return null;
    if (e.writes === this.writesEnded()) return e.value;
    e.next ??= e.value.then(ignore, ignore).then(async () => {
      const version = await this.currentVersion();
      return this.keptAt(key, version) ?? this.start(key, version, load);
    });
    return e.next;
  }

  private keptAt(key: string, version: string): Promise<Answer<T>> | null {
    const e = this.entries.get(key);
    return e?.settled && e.version === version ? e.value : null;
  }

  private start(key: string, version: string, load: () => Promise<T>): Promise<Answer<T>> {
    const read = load();
    const entry: Entry<T> = { version, writes: this.writesEnded(), value: this.orLast(key, read), settled: false, next: null };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    read.then(
      (value) => {
        entry.settled = true;
        this.last.delete(key);
        this.last.set(key, value);
        if (this.last.size > this.maxEntries) this.last.delete(this.last.keys().next().value!);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  /** The read's answer, or when it fails the last answer of the key (stale); the error when there is none. */
  private async orLast(key: string, read: Promise<T>): Promise<Answer<T>> {
    try {
      return { value: await read, stale: false };
    } catch (err) {
      if (!this.last.has(key)) throw err;
      return { value: this.last.get(key)!, stale: true };
    }
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

/**
 * Tells the client the answer is the last one read, not the graph as it stands (the read for it
 * failed while the database answered): `X-Answer-Stale`, and not to be stored (the next request
 * reads again).
 */
export function markStale(res: Response): void {
  res.setHeader('X-Answer-Stale', 'true');
  res.setHeader('Cache-Control', 'no-store');
}
