import mammoth from 'mammoth';
import { SourceError } from '../read-source.js';
import { htmlToText } from './html-text.js';

/**
 * A DOCX → text, through HTML so that its tables, bold and lists come out exactly as a web
 * page's do. The archive must have passed `inspectZip` first (mammoth unzips in memory).
 */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }));
  } catch (err) {
    throw new SourceError('corrupt', `the DOCX file is damaged and cannot be read (${(err as Error).message})`);
  }
  return htmlToText(html, { wholeDocument: true });
}
