/**
 * ZIP archives built to hurt an unzipper, made once and kept (a 20 MB bomb takes a moment to
 * compress): a plain bomb, one of twenty thousand entries, one whose directory lies about its sizes.
 */
import { zipSync } from 'fflate';
import { once } from './hostile-sources.js';

const CONTENT_TYPES = new TextEncoder().encode(
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);

export function zipOf(entries: Record<string, Uint8Array>): Buffer {
  return Buffer.from(zipSync(entries, { level: 9 }));
}

/** A DOCX whose document.xml unpacks to 20 MB of spaces: under the 50 MB limit, far over 100×. */
export const smallZipBomb = once(() =>
  zipOf({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': new Uint8Array(20 * 1024 * 1024).fill(0x20) }),
);

/** Twenty thousand empty entries besides a DOCX's own: each one costs the reader a step. */
export const entryCountBomb = once(() => {
  const entries: Record<string, Uint8Array> = { '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': new TextEncoder().encode('<w:document/>') };
  for (let i = 0; i < 20_000; i++) entries[`word/media/e${i}.xml`] = new Uint8Array(0);
  return zipOf(entries);
});

/**
 * 30 MB of spaces whose local header and central directory both claim 1,000 bytes: the declared
 * sizes pass any limit, only inflating tells the truth.
 */
export const lyingZip = once(() => {
  const zip = zipOf({ 'word/document.xml': new Uint8Array(30 * 1024 * 1024).fill(0x20) });
  const local = zip.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  zip.writeUInt32LE(1000, local + 22);
  zip.writeUInt32LE(1000, central + 24);
  return zip;
});
