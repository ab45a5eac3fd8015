import { normalizeText } from '../../../core/vn-text.js';
import type { SourceLine } from '../types.js';

/**
 * The source as numbered lines: NFC and whitespace-normalised (core/vn-text.ts), `\r\n` and a lone
 * `\r` both count as one line break, `n` is 1-based. Nothing else is changed, so a line's text is
 * what the file holds and spans point at real lines; call `cleanInline` before matching words.
 */
export function toSourceLines(text: string): SourceLine[] {
  return normalizeSource(text)
    .split('\n')
    .map((line, i) => ({ n: i + 1, text: line }));
}

/** The whole source normalised the same way `toSourceLines` sees it (the document's stored text). */
export function normalizeSource(text: string): string {
  return normalizeText(text).replace(/\r\n?/g, '\n');
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/**
 * Removes the Markdown and HTML debris the sources carry, keeping the words: heading `#`s, bold and
 * italic markers (`**x**`, `*x*`, empty runs `**   **`), backslash escapes (`\-`, `1\.`),
 * `<sup>…</sup>` footnote markers, other tags (`<b>`, `<p>`, `<br>`), common entities. Spaces are
 * collapsed; tabs (table cell separators) and table pipes are kept.
 */
export function cleanInline(text: string): string {
  return text
    .replace(/<sup>[^<]{0,12}<\/sup>/gi, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?>/gi, '')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (_, e: string) => ENTITIES[e] ?? '')
    .replace(/^\s*#{1,6}(?=\s|$)/, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
    .replace(/^(\s*)\*(\s+)/, '$1-$2') // a Markdown "* item" bullet reads as "- item"
    .replace(/\*+|(?<![\p{L}\p{N}])_{2,}|_{2,}(?![\p{L}\p{N}])/gu, '')
    .replace(/[^\S\t\n]+/g, ' ')
    .replace(/ ?\t ?/g, '\t')
    .replace(/^ +| +$/g, '');
}
