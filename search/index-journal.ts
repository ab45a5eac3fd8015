/**
 * The changes made to the vector index since its last full save, appended to items.log, so that
 * an upload of 50 items writes 50 records instead of rewriting the whole HNSW file (170 MB at
 * 100k items). index-store.ts replays it after loading the snapshot and folds it into a new
 * snapshot once it grows.
 *
 *   line 1   {"format":1,"base":"<sha256 of the snapshot's items.hnsw>"}
 *   then     <sha256 of the record, 16 hex> <record as JSON>
 *
 * A journal names the snapshot it follows: after a new snapshot an old journal no longer applies
 * (a crash between writing the snapshot and removing the journal is thereby harmless). A record
 * whose checksum does not match ends the replay (a write cut short by a crash): what follows it
 * is discarded and the next append starts there. The graph stays the truth; sync.ts puts back
 * whatever a lost record held.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';

const FORMAT = 1;

/** `v`: the vector's float32 bytes in base64, a quarter of its size as JSON numbers. */
export type JournalRecord =
  | { op: 'add'; id: string; label: number; fp: string; v: string }
  | { op: 'del'; id: string; label: number };

export const encodeVector = (v: ArrayLike<number>): string => Buffer.from(Float32Array.from(v).buffer).toString('base64');

export function decodeVector(b64: string): number[] {
  const bytes = Buffer.from(b64, 'base64');
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4)));
}

export interface JournalRead {
  records: JournalRecord[];
  /** Bytes of the file that hold the header and whole, valid records: the next append goes here. */
  end: number;
}

const recordSum = (json: string) => createHash('sha256').update(json).digest('hex').slice(0, 16);

export const formatRecord = (r: JournalRecord): string => {
  const json = JSON.stringify(r);
  return `${recordSum(json)} ${json}\n`;
};

const header = (base: string) => `${JSON.stringify({ format: FORMAT, base })}\n`;

/**
 * The records of the journal at `file` that follow the snapshot `base`, read from byte `from`
 * (0: the whole file, header checked). None when there is no journal or it follows another snapshot.
 */
export function readJournal(file: string, base: string, from = 0): JournalRead {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return { records: [], end: 0 };
  }
  let pos = from;
  if (from === 0) {
    const nl = buf.indexOf(0x0a);
    if (nl < 0 || buf.subarray(0, nl + 1).toString('utf8') !== header(base)) return { records: [], end: 0 };
    pos = nl + 1;
  }
  const records: JournalRecord[] = [];
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) break;
    const line = buf.subarray(pos, nl).toString('utf8');
    const space = line.indexOf(' ');
    const json = line.slice(space + 1);
    if (space !== 16 || recordSum(json) !== line.slice(0, 16)) break;
    records.push(JSON.parse(json) as JournalRecord);
    pos = nl + 1;
  }
  return { records, end: pos };
}

/**
 * Appends records after byte `end` (cutting off a torn tail), starting a journal for snapshot
 * `base` when `end` is 0, and flushes them to disk. Returns the new end.
 */
export function appendJournal(file: string, base: string, end: number, records: JournalRecord[]): number {
  const text = (end === 0 ? header(base) : '') + records.map(formatRecord).join('');
  const fd = fs.openSync(file, end === 0 ? 'w' : 'r+');
  try {
    fs.ftruncateSync(fd, end);
    const bytes = Buffer.from(text, 'utf8');
    fs.writeSync(fd, bytes, 0, bytes.length, end);
    fs.fdatasyncSync(fd);
    return end + bytes.length;
  } finally {
    fs.closeSync(fd);
  }
}
