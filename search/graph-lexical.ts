/**
 * The in-memory lexical index (lexical-index.ts) kept in step with the vector index: it holds the
 * items the vector index holds, each at the version (vector fingerprint) the vector index has, so
 * the two sides of a search always see the same items. After each sync, and whenever the vector
 * index was reloaded from disk (another process synced), `catchUp` compares the two by id and
 * fingerprint, reads the texts of what is new or changed from the graph and drops what left.
 *
 * The first catch-up reads every item (at the search's start: 100k texts take seconds, counted in
 * slices so requests go on meanwhile); later ones read only what changed. Removed items are dropped
 * from the postings once they are a fifth of them.
 */
import { LexicalIndex, type LexicalDocument } from './lexical-index.js';

/** The vector index as the lexical one follows it (index-store.ts' VectorIndex). */
export interface FollowedIndex {
  ids(): IterableIterator<string>;
  fingerprintOf(id: string): string | undefined;
}

/** Items' texts and headings from the graph; every item when `ids` is not given. */
export type ItemTexts = (ids?: string[]) => Promise<{ id: string; text: string; titles: string }[]>;

/** Texts added between two yields to the event loop. */
const SLICE = 1000;
/** Ids read from the graph per query when only some items changed. */
const READ_BATCH = 5000;
/** Share of removed documents in the postings past which they are dropped. */
const COMPACT_SHARE = 0.2;
/** Share of the index changed past which every item is read in one query rather than by id. */
const READ_ALL_SHARE = 0.5;

export class GraphLexicalIndex {
  readonly index = new LexicalIndex();
  private queue: Promise<void> = Promise.resolve();
  private pending: Promise<void> | null = null;
  /** Whether a catch-up has ever succeeded: until one has, each search tries again. */
  private caughtUp = false;

  constructor(
    private readonly followed: FollowedIndex,
    private readonly itemTexts: ItemTexts,
  ) {}

  /** Brings the lexical index in line with the vector index; concurrent calls run one after the other. */
  catchUp(): Promise<void> {
    const run = this.queue.then(() => this.catchUpNow()).then(() => {
      this.caughtUp = true;
    });
    this.queue = run.catch(() => undefined);
    this.pending = run;
    const done = () => {
      if (this.pending === run) this.pending = null;
    };
    run.then(done, done);
    return run;
  }

  /**
   * Resolves once the catch-ups started so far are done, starting the first one if none was: a
   * search waits for the first reading of the graph, and for a catch-up under way (a few items
   * read after a sync). A failed later catch-up counts as done: the index serves as it is.
   */
  async ready(): Promise<void> {
    if (!this.caughtUp && !this.pending) return this.catchUp();
    await this.pending?.catch(() => undefined);
  }

  private async catchUpNow(): Promise<void> {
    const { stale, wanted } = this.differences();
    for (const id of stale) this.index.remove(id);
    if (wanted.size > 0) {
      const readAll = wanted.size > READ_BATCH && wanted.size > READ_ALL_SHARE * (this.index.size + wanted.size);
      const ids = [...wanted.keys()];
      for (let at = 0; at < ids.length; at += readAll ? ids.length : READ_BATCH) {
        const rows = await this.itemTexts(readAll ? undefined : ids.slice(at, at + READ_BATCH));
        await addInSlices(
          this.index,
          rows.flatMap((r) => {
            const version = wanted.get(r.id);
            return version === undefined ? [] : [{ ...r, version }];
          }),
        );
      }
    }
    if (this.index.dead > COMPACT_SHARE * (this.index.size + this.index.dead)) this.index.compact();
  }

  /**
   * Items gone from the vector index (dropped now) and items new or changed there, with their
   * version (read and added: a changed item is replaced only once its new text is read, so searches
   * meanwhile still find it).
   */
  private differences(): { stale: string[]; wanted: Map<string, string> } {
    const wanted = new Map<string, string>();
    for (const id of this.followed.ids()) {
      const version = this.followed.fingerprintOf(id)!;
      if (this.index.versionOf(id) !== version) wanted.set(id, version);
    }
    const stale: string[] = [];
    for (const id of this.index.idsIn()) if (this.followed.fingerprintOf(id) === undefined) stale.push(id);
    return { stale, wanted };
  }
}

async function addInSlices(index: LexicalIndex, docs: LexicalDocument[]): Promise<void> {
  for (let at = 0; at < docs.length; at += SLICE) {
    for (const d of docs.slice(at, at + SLICE)) index.add(d);
    if (at + SLICE < docs.length) await new Promise((resolve) => setImmediate(resolve));
  }
}
