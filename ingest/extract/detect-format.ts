import { extname } from 'node:path';
import { ACCEPTED_FORMATS, SourceError } from '../read-source.js';

/** What the first bytes say a file is; a ZIP is told apart (DOCX or not) by its entries. */
export type Sniffed = 'pdf' | 'zip' | 'html' | 'text';

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Formats recognised only to be refused with a helpful word on what they are. */
const REFUSED: { name: string; test: (b: Uint8Array) => boolean; hint?: string }[] = [
  { name: 'a PNG image', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), hint: 'put scanned pages in a PDF' },
  { name: 'a JPEG image', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]), hint: 'put scanned pages in a PDF' },
  { name: 'a GIF image', test: (b) => startsWith(b, ascii('GIF8')) },
  { name: 'a TIFF image', test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]), hint: 'put scanned pages in a PDF' },
  { name: 'a WebP image', test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  { name: 'an RTF document', test: (b) => startsWith(b, ascii('{\\rtf')), hint: 'save it as .docx' },
  { name: 'a gzip archive', test: (b) => startsWith(b, [0x1f, 0x8b]) },
  { name: 'a 7-Zip archive', test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { name: 'a RAR archive', test: (b) => startsWith(b, ascii('Rar!')) },
];

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** "EncryptedPackage" in UTF-16LE: the stream a password-protected .docx/.xlsx keeps inside an OLE file. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

const HTML_START = /^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>])/i;
const HTML_TAGS = /<(?:html|head|body|p|div|table|br|span|h[1-6])[\s>/]/i;

/**
 * The format of a file from its bytes; the file name's extension only decides between HTML and
 * text when the content could be either (a Markdown file may hold `<b>` or `<sup>` tags). Throws
 * `SourceError('unsupported-format' | 'encrypted')` for files recognised as something else.
 */
export function sniffFormat(bytes: Uint8Array, fileName: string): Sniffed {
  const head = Buffer.from(bytes.subarray(0, 1024));
  // The PDF header may follow some junk (the standard allows it within the first 1024 bytes).
  if (head.indexOf('%PDF-') >= 0) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, CFB)) {
    if (Buffer.from(bytes).indexOf(ENCRYPTED_PACKAGE) >= 0) {
      throw new SourceError('encrypted', 'the Office file is password-protected; remove the password, save it as .docx and send it again');
    }
    throw unsupported('a legacy Office file (Word 97–2003 .doc, .xls or .ppt)', 'save it as .docx');
  }
  const refused = REFUSED.find((r) => r.test(bytes));
  if (refused) throw unsupported(refused.name, refused.hint);
  const text = head.toString('utf8').replace(/^\ufeff/, '');
  if (HTML_START.test(text)) return 'html';
  const ext = extname(fileName).toLowerCase();
  if ((ext === '.html' || ext === '.htm') && HTML_TAGS.test(Buffer.from(bytes.subarray(0, 64 * 1024)).toString('utf8'))) return 'html';
  return 'text';
}

export function unsupported(what: string, hint?: string): SourceError {
  return new SourceError('unsupported-format', `file is ${what}, not a format the ingest reads${hint ? ` (${hint})` : ''}; accepted: ${ACCEPTED_FORMATS}`);
}

/** A ZIP's entries → DOCX, or a refusal naming what the archive is. */
export function zipKind(entryNames: string[]): 'docx' {
  const names = new Set(entryNames);
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) throw unsupported('an Excel workbook (.xlsx)');
  if (names.has('ppt/presentation.xml')) throw unsupported('a PowerPoint presentation (.pptx)');
  if (names.has('content.xml') && names.has('mimetype')) throw unsupported('an OpenDocument file (.odt/.ods)', 'save it as .docx');
  throw unsupported('a ZIP archive', 'send the documents one by one');
}
