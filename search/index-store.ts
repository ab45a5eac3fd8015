/**
 * The HNSW vector index of every Item, kept on disk under <CACHE_DIR>/index/ so a restart does not
 * re-read 384 floats per item from Neo4j:
 *
 *   items.hnsw  hnswlib's own file (cosine space): the snapshot
 *   items.json  the id ↔ label map, each item's vector fingerprint, and the sha256 of items.hnsw
 *   items.log   the changes since the snapshot (index-journal.ts): a sync appends what it changed,
 *               and the snapshot is rewritten only once the journal holds a tenth of the items
 *
 * Neo4j stays the truth: `Item.embedding` holds every vector, and sync.ts makes this index agree
 * with it. Labels are never reused: a changed item gets a new label and its old one is
 * marked deleted; with `allowReplaceDeleted` hnswlib recycles the deleted slots, so the file does
 * not grow with churn. items.json is written last and names the checksum of items.hnsw, so a
 * crash between the two writes, a truncated or a foreign file is caught before the native reader
 * ever sees it (a corrupt file must never reach hnswlib's C++ loader).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { readHnswVectors } from './hnsw-file.js';
import { appendJournal, decodeVector, encodeVector, readJournal, type JournalRecord } from './index-journal.js';
import { VectorSlots } from './vector-slots.js';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

const FORMAT = 1;
const INDEX_FILE = 'items.hnsw';
const MAP_FILE = 'items.json';
const JOURNAL_FILE = 'items.log';
/** The journal is folded into a new snapshot past this many records, or a tenth of the items. */
const JOURNAL_MIN_RECORDS = 2_000;
const JOURNAL_SHARE = 0.1;
/** Graph degree and construction beam: hnswlib's usual values, ample for a few 100k items. */
const M = 16;
const EF_CONSTRUCTION = 200;
/**
 * Search beam, raised to k when more neighbours are asked for. bench/search-scale.ts measured
 * recall@10 against brute force: 0.9795 at 100 and 0.995 at 200 on 100k items, for 1.0 ms more
 * at p99, which the ≈ 6 ms of query embedding dwarfs.
 */
const EF_SEARCH = 200;
const INITIAL_CAPACITY = 1024;

interface MapFile {
  format: number;
  dim: number;
  space: 'cosine';
  generation: number;
  nextLabel: number;
  hnswSha256: string;
  /** [item id, label, fingerprint] */
  entries: [string, number, string][];
}

interface Entry {
  label: number;
  fingerprint: string;
  /** Where its vector is in `slots` (hnswlib's getPoint is too slow for a search's cosines). */
  slot: number;
}

/** How a save wrote the changes: the whole index, or only the changes appended to the journal. */
export type SaveMode = 'snapshot' | 'journal';

export type OpenStatus = { state: 'loaded' } | { state: 'missing' } | { state: 'corrupt'; reason: string };

export interface VectorHit {
  id: string;
  /** Cosine similarity, 1 − hnswlib's cosine distance. */
  score: number;
}

/**
 * A short, exact summary of a vector: its first components as Neo4j returns them (list slicing
 * in Cypher makes it cheap to read for every item). Two texts never share them in practice, so a
 * different fingerprint means the item was re-embedded.
 */
export const FINGERPRINT_COMPONENTS = 4;
export function fingerprint(v: ArrayLike<number>): string {
  return Array.from({ length: FINGERPRINT_COMPONENTS }, (_, i) => v[i] ?? 0).join(',');
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function writeAtomic(target: string, write: (tmp: string) => void): void {
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    write(tmp);
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export class VectorIndex {
  private hnsw: Hnsw;
  private byId = new Map<string, Entry>();
  private byLabel = new Map<number, string>();
  private slots: VectorSlots;
  private nextLabel = 0;
  /** Changes not yet on disk, as journal records. */
  private pending: JournalRecord[] = [];
  /** The next save must write a snapshot (first save, after clear(), or a journal that did not apply). */
  private snapshotDue = true;
  /** sha256 of the snapshot's items.hnsw, which the journal names. */
  private base = '';
  private journalEnd = 0;
  private journalRecords = 0;
  /** Bumped on every snapshot. */
  generation = 0;
  private diskStamp = '';

  private constructor(
    readonly dir: string,
    readonly dim: number,
  ) {
    this.hnsw = VectorIndex.emptyHnsw(dim, INITIAL_CAPACITY);
    this.slots = new VectorSlots(dim);
  }

  private static emptyHnsw(dim: number, capacity: number): Hnsw {
    const h = new HierarchicalNSW('cosine', dim);
    h.initIndex({ maxElements: capacity, m: M, efConstruction: EF_CONSTRUCTION, randomSeed: 100, allowReplaceDeleted: true });
    h.setEf(EF_SEARCH);
    return h;
  }

  /** An empty index that will be saved in `dir`. */
  static empty(dir: string, dim: number): VectorIndex {
    return new VectorIndex(dir, dim);
  }

  /** Loads the index saved in `dir`; when missing or corrupt, an empty one and why (sync then rebuilds it). */
  static open(dir: string, dim: number): { index: VectorIndex; status: OpenStatus } {
    const index = new VectorIndex(dir, dim);
    const status = index.load();
    return { index, status };
  }

  private get indexPath(): string {
    return path.join(this.dir, INDEX_FILE);
  }

  private get mapPath(): string {
    return path.join(this.dir, MAP_FILE);
  }

  private get journalPath(): string {
    return path.join(this.dir, JOURNAL_FILE);
  }

  private get dirty(): boolean {
    return this.snapshotDue || this.pending.length > 0;
  }

  private static stampOf(file: string): string {
    try {
      const st = fs.statSync(file);
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return '';
    }
  }

  /** The snapshot's stamp, then the journal's: another process's save changes one of them. */
  private stampOnDisk(): string {
    const map = VectorIndex.stampOf(this.mapPath);
    return map && `${map}|${VectorIndex.stampOf(this.journalPath)}`;
  }

  private load(): OpenStatus {
    if (!fs.existsSync(this.mapPath) || !fs.existsSync(this.indexPath)) return { state: 'missing' };
    const stamp = this.stampOnDisk();
    let map: MapFile;
    try {
      map = JSON.parse(fs.readFileSync(this.mapPath, 'utf8')) as MapFile;
    } catch (err) {
      return { state: 'corrupt', reason: `${MAP_FILE} is not JSON: ${(err as Error).message}` };
    }
    if (map.format !== FORMAT || map.dim !== this.dim || map.space !== 'cosine' || !Array.isArray(map.entries)) {
      return { state: 'corrupt', reason: `${MAP_FILE} is not an index of ${this.dim}-dimension cosine vectors in format ${FORMAT}` };
    }
    const bytes = fs.readFileSync(this.indexPath);
    const base = sha256(bytes);
    if (base !== map.hnswSha256) {
      return { state: 'corrupt', reason: `${INDEX_FILE} does not match the checksum in ${MAP_FILE}` };
    }
    const hnsw = new HierarchicalNSW('cosine', this.dim);
    try {
      hnsw.readIndexSync(this.indexPath, true);
    } catch (err) {
      return { state: 'corrupt', reason: `${INDEX_FILE} cannot be read: ${(err as Error).message}` };
    }
    const labels = new Set(hnsw.getIdsList());
    const byId = new Map<string, Entry>();
    const byLabel = new Map<number, string>();
    for (const [id, label, fp] of map.entries) {
      if (!labels.has(label) || byLabel.has(label) || byId.has(id) || label >= map.nextLabel) {
        return { state: 'corrupt', reason: `${MAP_FILE} and ${INDEX_FILE} disagree about ${id}` };
      }
      byId.set(id, { label, fingerprint: fp, slot: -1 });
      byLabel.set(label, id);
    }
    hnsw.setEf(EF_SEARCH);
    this.hnsw = hnsw;
    this.byId = byId;
    this.byLabel = byLabel;
    this.slots = this.slotsOf(bytes);
    this.nextLabel = map.nextLabel;
    this.generation = map.generation;
    this.base = base;
    this.pending = [];
    this.snapshotDue = false;
    this.journalEnd = 0;
    this.journalRecords = 0;
    this.replayJournal();
    this.diskStamp = stamp;
    return { state: 'loaded' };
  }

  /** The loaded items' vectors, read from the snapshot's bytes (from hnswlib, one by one, if they do not parse). */
  private slotsOf(bytes: Buffer): VectorSlots {
    const slots = new VectorSlots(this.dim, this.byId.size);
    readHnswVectors(bytes, this.dim, (label, vector) => {
      const entry = this.byId.get(this.byLabel.get(label) ?? '');
      if (entry && entry.slot < 0) entry.slot = slots.add(vector);
    });
    for (const entry of this.byId.values()) if (entry.slot < 0) entry.slot = slots.add(this.hnsw.getPoint(entry.label));
    return slots;
  }

  /**
   * Applies the journal's records from where this process last read it. A record that does not fit
   * the index (a journal damaged in a way its checksums missed) stops the replay, and the next
   * save writes a snapshot of what was applied; sync.ts restores the rest from the graph.
   */
  private replayJournal(): void {
    const read = readJournal(this.journalPath, this.base, this.journalEnd);
    for (const r of read.records) {
      if (!this.apply(r)) {
        this.snapshotDue = true;
        return;
      }
      this.journalRecords++;
    }
    this.journalEnd = read.end;
  }

  private apply(r: JournalRecord): boolean {
    if (r.op === 'del') {
      if (this.byLabel.get(r.label) !== r.id) return false;
      this.hnsw.markDelete(r.label);
      this.slots.remove(this.byId.get(r.id)!.slot);
      this.byId.delete(r.id);
      this.byLabel.delete(r.label);
      return true;
    }
    const v = decodeVector(r.v);
    if (this.byId.has(r.id) || this.byLabel.has(r.label) || v.length !== this.dim) return false;
    this.addPoint(r.id, v, r.label, r.fp);
    this.nextLabel = Math.max(this.nextLabel, r.label + 1);
    return true;
  }

  private addPoint(id: string, vector: number[], label: number, fp: string): void {
    if (this.hnsw.getCurrentCount() >= this.hnsw.getMaxElements()) {
      this.hnsw.resizeIndex(Math.max(INITIAL_CAPACITY, this.hnsw.getMaxElements() * 2));
    }
    this.hnsw.addPoint(vector, label, true);
    this.byId.set(id, { label, fingerprint: fp, slot: this.slots.add(vector) });
    this.byLabel.set(label, id);
  }

  /**
   * Another process (an `npm run ingest` beside the server) may have saved a newer index: load it
   * when the file on disk is not the one this process last read or wrote. Cheap (one stat).
   */
  reloadIfChangedOnDisk(): boolean {
    const stamp = this.stampOnDisk();
    if (!stamp || stamp === this.diskStamp || this.dirty) return false;
    // Same snapshot, longer journal: only the new records.
    if (stamp.split('|')[0] === this.diskStamp.split('|')[0]) {
      this.replayJournal();
      this.diskStamp = stamp;
      return true;
    }
    const before = {
      hnsw: this.hnsw,
      byId: this.byId,
      byLabel: this.byLabel,
      slots: this.slots,
      nextLabel: this.nextLabel,
      generation: this.generation,
      base: this.base,
      journalEnd: this.journalEnd,
      journalRecords: this.journalRecords,
      snapshotDue: this.snapshotDue,
    };
    const status = this.load();
    if (status.state === 'loaded') return true;
    // Unreadable (a write in progress elsewhere, or damage): keep serving what we have; the next
    // sync rebuilds it.
    Object.assign(this, before);
    this.diskStamp = stamp;
    return false;
  }

  /** Items in the index (deleted ones excluded). */
  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  fingerprintOf(id: string): string | undefined {
    return this.byId.get(id)?.fingerprint;
  }

  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** Adds an item, or replaces its vector (a new label; the old one is marked deleted). */
  upsert(id: string, vector: ArrayLike<number>): void {
    if (vector.length !== this.dim) throw new Error(`vector of ${id} has ${vector.length} dimensions, expected ${this.dim}`);
    this.remove(id);
    const label = this.nextLabel++;
    const v = Array.from(vector);
    const fp = fingerprint(vector);
    this.addPoint(id, v, label, fp);
    this.pending.push({ op: 'add', id, label, fp, v: encodeVector(v) });
  }

  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.hnsw.markDelete(entry.label);
    this.slots.remove(entry.slot);
    this.byId.delete(id);
    this.byLabel.delete(entry.label);
    this.pending.push({ op: 'del', id, label: entry.label });
    return true;
  }

  /** A copy of the stored (unit-length) vector of an item. */
  vectorOf(id: string): Float32Array | null {
    const entry = this.byId.get(id);
    return entry ? this.slots.copy(entry.slot) : null;
  }

  /**
   * The k nearest items to `vector`, best first. With `allowed`, only those items: a small set is
   * scored exactly (filtered HNSW walks much of the graph for a very selective filter anyway), a
   * large one through hnswlib's filter callback.
   */
  search(vector: ArrayLike<number>, k: number, allowed?: ReadonlySet<string>): VectorHit[] {
    if (allowed && allowed.size <= BRUTE_FORCE_MAX) return this.exactSearch(vector, k, allowed);
    const n = Math.min(k, this.size);
    if (n <= 0) return [];
    this.hnsw.setEf(Math.max(EF_SEARCH, n));
    const filter = allowed ? (label: number) => allowed.has(this.byLabel.get(label) ?? '') : undefined;
    const res = this.hnsw.searchKnn(Array.from(vector), n, filter);
    return res.neighbors.map((label, i) => ({ id: this.byLabel.get(label)!, score: 1 - res.distances[i]! }));
  }

  private exactSearch(vector: ArrayLike<number>, k: number, allowed: ReadonlySet<string>): VectorHit[] {
    return this.similarities(vector, allowed)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, k);
  }

  /** Cosine similarity of `vector` to each of these items (those in the index). */
  similarities(vector: ArrayLike<number>, ids: Iterable<string>): VectorHit[] {
    let norm = 0;
    for (let d = 0; d < this.dim; d++) norm += vector[d]! * vector[d]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const hits: VectorHit[] = [];
    for (const id of ids) {
      // Stored vectors are unit length (hnswlib normalises them in the cosine space).
      const entry = this.byId.get(id);
      if (entry) hits.push({ id, score: this.slots.dot(entry.slot, vector) * scale });
    }
    return hits;
  }

  /**
   * Writes what changed since the last save or load: appended to the journal, or as a new
   * snapshot when one is due or the journal has grown past its share (or `force` says so: what
   * every save cost before the journal, which bench/index-sync.ts measures). Null when nothing changed.
   */
  save(force?: 'snapshot'): SaveMode | null {
    if (!this.dirty && !force && fs.existsSync(this.mapPath)) return null;
    fs.mkdirSync(this.dir, { recursive: true });
    const journalFull = this.journalRecords + this.pending.length > Math.max(JOURNAL_MIN_RECORDS, JOURNAL_SHARE * this.size);
    const mode: SaveMode = force || this.snapshotDue || journalFull || !fs.existsSync(this.mapPath) ? 'snapshot' : 'journal';
    if (mode === 'snapshot') this.writeSnapshot();
    else {
      this.journalEnd = appendJournal(this.journalPath, this.base, this.journalEnd, this.pending);
      this.journalRecords += this.pending.length;
    }
    this.pending = [];
    this.diskStamp = this.stampOnDisk();
    return mode;
  }

  /** The whole index, then the map naming its checksum, then the journal it makes obsolete goes. */
  private writeSnapshot(): void {
    writeAtomic(this.indexPath, (tmp) => this.hnsw.writeIndexSync(tmp));
    this.generation++;
    this.base = sha256(fs.readFileSync(this.indexPath));
    const map: MapFile = {
      format: FORMAT,
      dim: this.dim,
      space: 'cosine',
      generation: this.generation,
      nextLabel: this.nextLabel,
      hnswSha256: this.base,
      entries: [...this.byId].map(([id, e]) => [id, e.label, e.fingerprint]),
    };
    writeAtomic(this.mapPath, (tmp) => fs.writeFileSync(tmp, JSON.stringify(map)));
    fs.rmSync(this.journalPath, { force: true });
    this.journalEnd = 0;
    this.journalRecords = 0;
    this.snapshotDue = false;
  }

  /** Forgets every item (a rebuild starts from here). */
  clear(): void {
    this.hnsw = VectorIndex.emptyHnsw(this.dim, INITIAL_CAPACITY);
    this.slots = new VectorSlots(this.dim);
    this.byId.clear();
    this.byLabel.clear();
    this.pending = [];
    this.snapshotDue = true;
  }

  static files(dir: string): { index: string; map: string; journal: string } {
    return { index: path.join(dir, INDEX_FILE), map: path.join(dir, MAP_FILE), journal: path.join(dir, JOURNAL_FILE) };
  }
}

/** Up to this many allowed items, a filtered search scores each exactly. */
const BRUTE_FORCE_MAX = 4096;
