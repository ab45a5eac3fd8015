/**
 * The items of the vector index, held in memory for the rest of a search: their words (the lexical
 * index, lexical-index.ts) and what a hit shows of them (the row: text, headings, document, leads).
 * A search then needs no round trip to Neo4j at all: on our 2 cores a Bolt round trip costs ~3 ms at
 * the median and ~10 at the p99, as much as the whole search beside its query embedding (issue 13).
 *
 * Kept in step with the vector index: each item at the version (vector fingerprint) the vector
 * index has, so both sides of a search see the same items. After each sync, and when the vector
 * index was reloaded from disk (another process synced), `catchUp` compares the two by id and
 * fingerprint, reads the rows of what is new or changed and drops what left. A write can also
 * change what a hit shows without changing any text (a lead, a document's title): `refresh` reads
 * again the rows of the documents a write touched, or every row when it is not known which.
 *
 * The first catch-up reads every item (at the search's start: at 100k items, seconds, added in
 * slices so requests go on meanwhile); later ones read only what changed. Removed items are dropped
 * from the postings once they are a fifth of them.
 */
import type { SearchItemRow } from '../graph-store/search-reads.js';
import { LexicalIndex } from './lexical-index.js';
import { WrittenDocuments, type WrittenSince } from './written-documents.js';

/** The vector index as this follows it (index-store.ts' VectorIndex). */
export interface FollowedIndex {
  ids(): IterableIterator<string>;
  fingerprintOf(id: string): string | undefined;
}

/** What the graph answers: rows of these items, or of these documents' items, or of every item. */
export interface RowSource {
  ofItems(ids?: string[]): Promise<SearchItemRow[]>;
  ofDocuments(documentIds: string[]): Promise<SearchItemRow[]>;
  /** Documents by the time they were last written (written-documents.ts); without it, writes elsewhere that change no text are not seen. */
  writtenSince?: WrittenSince;
}

/** Rows added between two yields to the event loop. */
const SLICE = 1000;
/** Ids read from the graph per query when only some items changed. */
const READ_BATCH = 5000;
/** Share of removed documents in the postings past which they are dropped. */
const COMPACT_SHARE = 0.2;
/** Share of the index changed past which every item is read in one query rather than by id. */
const READ_ALL_SHARE = 0.5;

const titlesOf = (row: SearchItemRow) => row.sectionTitles.join(' / ');

/**
 * One copy of what many rows repeat: a document's number and title, headings, leads. The texts are
 * each item's own. Values of deleted documents stay: a few per document.
 */
class Shared {
  private readonly values = new Map<string, unknown>();

  private one<T>(key: string, value: T): T {
    const kept = this.values.get(key);
    if (kept !== undefined) return kept as T;
    this.values.set(key, value);
    return value;
  }

  private text<T extends string | null>(s: T): T {
    return s === null ? s : this.one(`s${s}`, s);
  }

  row(r: SearchItemRow): SearchItemRow {
    return {
      ...r,
      documentId: this.text(r.documentId),
      documentNumber: this.text(r.documentNumber),
      documentTitle: this.text(r.documentTitle),
      province: this.text(r.province),
      sectionPath: this.one(`p${r.sectionPath.join('\u0000')}`, r.sectionPath),
      sectionTitles: this.one(`t${r.sectionTitles.join('\u0000')}`, r.sectionTitles),
      leads: this.one(`l${JSON.stringify(r.leads)}`, r.leads),
    };
  }
}

/** What a catch-up did. */
export interface CatchUp {
  /** Whether it read every item (the first one, or a large change): every row is fresh. */
  readAll: boolean;
  /** Documents whose items came, changed or went. */
  documents: Set<string>;
}

export class IndexedItems {
  readonly words = new LexicalIndex();
  private readonly rows = new Map<string, SearchItemRow>();
  private readonly shared = new Shared();
  private queue: Promise<unknown> = Promise.resolve();
  private pending: Promise<unknown> | null = null;
  /** Whether a catch-up has ever succeeded: until one has, each search tries again. */
  private caughtUp = false;
  private readonly written: WrittenDocuments | null;
  private looking = false;

  constructor(
    private readonly followed: FollowedIndex,
    private readonly source: RowSource,
  ) {
    this.written = source.writtenSince ? new WrittenDocuments(source.writtenSince) : null;
  }

  /** What a hit shows of an indexed item. */
  row(id: string): SearchItemRow | undefined {
    return this.rows.get(id);
  }

  /**
   * Texts and headings of these indexed items (of every one when `ids` is not given), once the
   * first reading is done: what the tone model counts (restore-tones.ts), without reading the
   * graph a second time.
   */
  async texts(ids?: string[]): Promise<{ text: string; titles: string }[]> {
    await this.ready();
    const rows = ids ? ids.flatMap((id) => this.rows.get(id) ?? []) : [...this.rows.values()];
    return rows.map((row) => ({ text: row.text, titles: titlesOf(row) }));
  }

  /** Brings the items in line with the vector index; calls run one after the other. */
  catchUp(): Promise<CatchUp> {
    return this.enqueue(async () => {
      const done = await this.catchUpNow();
      this.caughtUp = true;
      return done;
    });
  }

  /** Reads again the rows of these documents' items (every item's when null): a write changed them. */
  refresh(documentIds: string[] | null): Promise<void> {
    return this.enqueue(async () => {
      const rows = documentIds ? await this.source.ofDocuments(documentIds) : await this.source.ofItems();
      // Only items the index holds at their version: the others are the catch-up's to add.
      for (const row of rows) if (this.rows.has(row.id)) this.rows.set(row.id, this.shared.row(row));
    });
  }

  /**
   * Reads again the rows of the documents written since the last look, by this process or another
   * (written-documents.ts). Searches do not wait for the look, only for a refresh it starts. Calls
   * while one is under way, or before the first catch-up, do nothing.
   */
  async followWrites(): Promise<void> {
    if (!this.written?.primed || this.looking) return;
    this.looking = true;
    try {
      const documents = await this.written.changed();
      if (documents.length > 0) await this.refresh(documents);
    } finally {
      this.looking = false;
    }
  }

  /**
   * Resolves once the work started so far is done, starting the first catch-up if none succeeded
   * yet: a search waits for the first reading of the graph, and for a catch-up under way (a few
   * items read after a sync). A failed later one counts as done: the items serve as they are.
   */
  async ready(): Promise<void> {
    if (!this.caughtUp && !this.pending) await this.catchUp();
    else await this.pending?.catch(() => undefined);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    this.pending = run;
    const done = () => {
      if (this.pending === run) this.pending = null;
    };
    run.then(done, done);
    return run;
  }

  private async catchUpNow(): Promise<CatchUp> {
    // Before the first reading of the rows: a document written after it is then told of later.
    if (this.written && !this.written.primed) await this.written.prime();
    const { gone, wanted } = this.differences();
    const documents = new Set<string>();
    for (const id of gone) {
      const row = this.rows.get(id);
      if (row) documents.add(row.documentId);
      this.words.remove(id);
      this.rows.delete(id);
    }
    const readAll = wanted.size > READ_BATCH && wanted.size > READ_ALL_SHARE * (this.words.size + wanted.size);
    const ids = [...wanted.keys()];
    for (let at = 0; at < ids.length; at += readAll ? ids.length : READ_BATCH) {
      const rows = (await this.source.ofItems(readAll ? undefined : ids.slice(at, at + READ_BATCH))).filter((r) => wanted.has(r.id));
      for (const row of rows) documents.add(row.documentId);
      await this.addInSlices(rows, wanted);
    }
    if (this.words.dead > COMPACT_SHARE * (this.words.size + this.words.dead)) this.words.compact();
    return { readAll, documents };
  }

  /**
   * Items gone from the vector index (dropped now) and items new or changed there, with their
   * version (read and added: a changed item is replaced only once its new row is read, so searches
   * meanwhile still find it).
   */
  private differences(): { gone: string[]; wanted: Map<string, string> } {
    const wanted = new Map<string, string>();
    for (const id of this.followed.ids()) {
      const version = this.followed.fingerprintOf(id)!;
      if (this.words.versionOf(id) !== version) wanted.set(id, version);
    }
    const gone: string[] = [];
    for (const id of this.words.idsIn()) if (this.followed.fingerprintOf(id) === undefined) gone.push(id);
    return { gone, wanted };
  }

  private async addInSlices(rows: SearchItemRow[], versions: Map<string, string>): Promise<void> {
    for (let at = 0; at < rows.length; at += SLICE) {
      for (const row of rows.slice(at, at + SLICE)) {
        this.words.add({ id: row.id, text: row.text, titles: titlesOf(row), version: versions.get(row.id)! });
        this.rows.set(row.id, this.shared.row(row));
      }
      if (at + SLICE < rows.length) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
