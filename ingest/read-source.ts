import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';

/**
 * Why a file was refused before parsing. `unsupported-format`: not one of the formats read;
 * `encrypted`: password-protected; `corrupt`: damaged or truncated; `no-text`: no readable text
 * (an empty PDF, a blank scan); `zip-bomb`: a DOCX that would unpack to far more than it weighs.
 */
export type SourceErrorCode =
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'encoding'
  | 'unsupported-format'
  | 'encrypted'
  | 'corrupt'
  | 'no-text'
  | 'zip-bomb';

/** The formats the ingest reads, as the refusals name them. */
export const ACCEPTED_FORMATS = '.txt, .md, .pdf (text or scanned), .docx, .html';

/** Why a file was refused before parsing; the message is meant for the person who gave it. */
export class SourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface SourceText {
  text: string;
  /** sha256 of the bytes: an unchanged file is recognised without parsing it. */
  contentHash: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes → text, refusing what is not a UTF-8 text document with a reason a user can act on. */
export function decodeSource(bytes: Uint8Array, maxBytes: number): SourceText {
  if (bytes.length > maxBytes) {
    throw new SourceError('too-large', `file is ${formatBytes(bytes.length)}, over the ${formatBytes(maxBytes)} limit`);
  }
  if (isBlank(bytes)) throw new SourceError('empty', 'file is empty (no text)');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) throw encodingError('UTF-16 (little-endian)', 'UTF-16LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) throw encodingError('UTF-16 (big-endian)', 'UTF-16BE');
  if (looksBinary(bytes)) {
    throw new SourceError('binary', `file is binary, not text (it contains NUL or control bytes) and not a format the ingest reads (accepted: ${ACCEPTED_FORMATS})`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const legacy = guessLegacyVietnamese(bytes);
    throw legacy
      ? encodingError(legacy.name, legacy.iconvName)
      : new SourceError('encoding', 'file is not valid UTF-8 and its encoding was not recognised; save it as UTF-8');
  }
  return { text: text.replace(/^\ufeff/, ''), contentHash: createHash('sha256').update(bytes).digest('hex') };
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
}

function looksBinary(bytes: Uint8Array): boolean {
  // A NUL anywhere, not only in the sample: no text document holds one, and one past the sample
  // went into the graph as part of the document's text.
  if (bytes.includes(0)) return true;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control / sample.length > 0.02;
}

function encodingError(name: string, iconvName: string): SourceError {
  return new SourceError(
    'encoding',
    `file is not UTF-8: it looks like ${name}. Convert it first, e.g. \`iconv -f ${iconvName} -t UTF-8 file > file.utf8.txt\``,
  );
}

/** Words frequent in any Vietnamese administrative text, used to recognise a legacy decoding. */
const COMMON_WORDS = ['của', 'và', 'các', 'được', 'thực hiện', 'trong', 'với', 'phát triển', 'công nghệ'];

/**
 * Before Unicode, Vietnamese files were mostly Windows-1258 (tone marks as separate combining
 * bytes) or TCVN3/ABC (precomposed letters in 0xA1–0xFE, read by "VnTime" fonts). Windows-1258
 * is tried by decoding; TCVN3 has no decoder in iconv-lite, so its letter bytes are counted.
 */
function guessLegacyVietnamese(bytes: Uint8Array): { name: string; iconvName: string } | null {
  const asCp1258 = iconv.decode(Buffer.from(bytes), 'windows1258').normalize('NFC').toLowerCase();
  if (COMMON_WORDS.filter((w) => asCp1258.includes(w)).length >= 3) {
    return { name: 'Windows-1258 (CP1258)', iconvName: 'CP1258' };
  }
  let high = 0;
  let tcvnLetters = 0;
  for (const b of bytes) {
    if (b < 0x80) continue;
    high++;
    // TCVN3 lower-case letters with marks: ă â ê ô ơ ư đ and the toned vowels.
    if ((b >= 0xa8 && b <= 0xae) || (b >= 0xb5 && b <= 0xbe) || (b >= 0xc6 && b <= 0xd1) || (b >= 0xd5 && b <= 0xfe)) {
      tcvnLetters++;
    }
  }
  if (high > 0 && tcvnLetters / high > 0.8) return { name: 'TCVN3 (ABC, the ".VnTime" font encoding)', iconvName: 'TCVN' };
  return null;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
