import iconv from 'iconv-lite';
import { SourceError } from '../read-source.js';
import { htmlToText } from './html-text.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A saved web page → text. Pages are UTF-8 nearly always; an older one declares its charset in a
 * `<meta>` (windows-1258, windows-1252), which iconv-lite decodes.
 */
export function htmlFileToText(bytes: Uint8Array): string {
  return htmlToText(decodeHtml(bytes));
}

export function decodeHtml(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes).replace(/^\ufeff/, '');
  } catch {
    const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
    const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
    if (charset && iconv.encodingExists(charset)) return iconv.decode(Buffer.from(bytes), charset);
    throw new SourceError('encoding', 'the web page is not UTF-8 and declares no charset that could be read; save it as UTF-8');
  }
}
