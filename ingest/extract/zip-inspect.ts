import yauzl from 'yauzl';
import { SourceError } from '../read-source.js';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipLimits {
  /** Largest total of uncompressed bytes accepted. */
  maxUncompressed: number;
  /** Largest ratio of uncompressed to compressed bytes, over the archive and for any large entry. */
  maxRatio: number;
}

/** Entries smaller than this may compress far better than 100:1 (repeated XML) without harm. */
const SMALL_ENTRY = 1024 * 1024;

/**
 * The entries of a ZIP archive, checked against a zip bomb before anything is unzipped for real:
 * the sizes the central directory declares are summed and compared first, then every entry is
 * inflated into nothing while yauzl checks it yields exactly the declared size, so a lying
 * directory is caught too, within the limit. Encrypted entries and broken archives are refused.
 */
export async function inspectZip(bytes: Uint8Array, limits: ZipLimits, what = 'archive'): Promise<ZipEntryInfo[]> {
  const zip = await openZip(bytes, what);
  try {
    const entries = await listEntries(zip, what);
    const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
    const packed = entries.reduce((s, e) => s + e.compressedSize, 0);
    const ratio = total / Math.max(1, packed);
    const wild = entries.find((e) => e.uncompressedSize > SMALL_ENTRY && e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio);
    if (total > limits.maxUncompressed || (total > SMALL_ENTRY && ratio > limits.maxRatio) || wild) {
      throw new SourceError(
        'zip-bomb',
        `${what} unpacks to ${(total / 1024 / 1024).toFixed(1)} MB (${Math.round(ratio)}× its compressed size); refused as a possible zip bomb ` +
          `(limits: ${limits.maxUncompressed / 1024 / 1024} MB, ${limits.maxRatio}×)`,
      );
    }
    return entries;
  } finally {
    zip.close();
  }
}

function openZip(bytes: Uint8Array, what: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(new SourceError('corrupt', `${what} is damaged or truncated (${err?.message ?? 'unreadable'})`));
      else resolve(zip);
    });
  });
}

/** Reads the directory entry by entry, inflating each to count its real size. */
function listEntries(zip: yauzl.ZipFile, what: string): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    const entries: ZipEntryInfo[] = [];
    const fail = (err: unknown) => {
      reject(err instanceof SourceError ? err : new SourceError('corrupt', `${what} is damaged or truncated (${(err as Error).message})`));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push({ name: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize });
      if (entry.isEncrypted()) {
        fail(new SourceError('encrypted', `${what} is password-protected; remove the password and send it again`));
        return;
      }
      if (entry.fileName.endsWith('/')) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err ?? new Error('unreadable entry'));
        stream.on('error', fail);
        stream.on('end', () => zip.readEntry());
        stream.resume();
      });
    });
    zip.readEntry();
  });
}
