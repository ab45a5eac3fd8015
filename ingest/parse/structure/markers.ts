import { cleanInline } from '../text/lines.js';
import type { SourceLine } from '../types.js';

/**
 * What one source line is, before any structure is built: its numbering marker, whether it is a
 * heading, a footnote, a table row, a page break or debris, and whether it ends the body.
 *
 * Markers, in every form the genre uses (Markdown escapes and bold/italic around them removed
 * first, so `**1\. Tăng cường**`, `### I. MỤC ĐÍCH`, `*3.1. Các sở…:*` all read as markers):
 *
 *   part      "Phần I", "PHẦN THỨ NHẤT", "Chương II"
 *   article   "Điều 1."
 *   roman     "I.", "II-", "IV)"
 *   upper     "A-", "B.", "C)"            (capital letters other than I, V, X)
 *   decimalN  "1.", "1-", "1)", "1.1", "3.2.", "2.1-"   (N = number of components)
 *   letter    "a)", "b.", "đ)"
 *   paren     "(1)", "(a)"
 *   ordinal   "Một là, …", "Hai là: …", "Thứ nhất, …"
 *   dash      "- …", "– …", "— …"
 *   plus      "+ …"
 *   dot       "• …", "· …"
 */

export type MarkerType =
  | 'part'
  | 'article'
  | 'roman'
  | 'upper'
  | 'decimal1'
  | 'decimal2'
  | 'decimal3'
  | 'decimal4'
  | 'letter'
  | 'paren'
  | 'ordinal'
  | 'dash'
  | 'plus'
  | 'dot';

export interface Marker {
  type: MarkerType;
  /** The number as written, normalised: "II", "B", "3.2", "a", "1" ("Một là"). */
  label: string;
  /** For positional markers (bullets) there is no label of their own. */
  positional: boolean;
}

export type LineKind = 'blank' | 'pagebreak' | 'footnote' | 'table' | 'text' | 'debris';

export interface ClassifiedLine {
  n: number;
  /** The last original line of a reflowed line (= n otherwise). */
  end: number;
  raw: string;
  kind: LineKind;
  /** Clean text without the marker (Markdown, HTML, escapes removed). */
  text: string;
  marker: Marker | null;
  /** A Markdown heading, a wholly bold line or a line in capitals: a title, never running text. */
  heading: boolean;
  /** "Nơi nhận:", a signature block ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ"). */
  endMatter: boolean;
  /** The line ends with the closing mark "./.": the body ends after it. */
  closing: boolean;
  /** An appendix heading ("PHỤ LỤC", "Phụ lục II"): its path label ("appendix", "appendix-2"). */
  appendix: string | null;
}

/** Marker types that start the body of a document (bullets and letters can occur in its header). */
export const BODY_MARKERS: ReadonlySet<MarkerType> = new Set(['part', 'article', 'roman', 'upper', 'decimal1', 'decimal2', 'ordinal']);

export function classifyLines(lines: readonly SourceLine[]): ClassifiedLine[] {
  return lines.map(classifyLine);
}

export function classifyLine(line: SourceLine): ClassifiedLine {
  const raw = line.text;
  const base: ClassifiedLine = {
    n: line.n,
    end: line.end ?? line.n,
    raw,
    kind: 'text',
    text: '',
    marker: null,
    heading: false,
    endMatter: false,
    closing: false,
    appendix: null,
  };
  if (isTableLine(raw)) return { ...base, kind: 'table', text: cleanInline(raw) };
  const trimmed = raw.trim();
  if (!trimmed) return { ...base, kind: 'blank' };
  if (/^(?:-{3,}|_{3,}|\*{3,}|={3,}|(?:\\-){3,}-*)\s*$/.test(trimmed)) return { ...base, kind: 'pagebreak' };
  if (/^<sup>\s*\(?\d{1,3}\)?\s*<\/sup>/i.test(trimmed) || /^\[\^\d+\]:/.test(trimmed)) {
    return { ...base, kind: 'footnote', text: cleanInline(trimmed) };
  }
  // (A footnote mark removed before a comma leaves "tỉnh ;": close that gap.)
  const text = cleanInline(raw).replace(/\s+/g, ' ').replace(/ ([,;:!?])(?=\s|$)/g, '$1').trim();
  if (!text) return { ...base, kind: 'blank' };
  if (/^\[\s*(?:\.\.\.|…)\s*\]$/.test(text) || /^(?:-\s*)?\d{1,3}(?:\s*-)?$/.test(text) || /^Trang\s+\d+(?:\s*\/\s*\d+)?$/i.test(text)) {
    return { ...base, kind: 'debris', text };
  }
  if (/^\(?\s*(?:báo cáo|để báo cáo|b\/c|đã ký)\s*\)?\.?$/iu.test(text)) return { ...base, kind: 'debris', text };

  const heading = isHeadingMarkup(raw) || isCapitalsHeading(text);
  const found = detectMarker(text);
  const body = found ? found.rest : text;
  return {
    ...base,
    text: body,
    marker: found?.marker ?? null,
    heading,
    endMatter: isEndMatter(text),
    closing: /\.\s*\/\s*\.\s*$/.test(text),
    appendix: appendixLabel(text, heading),
  };
}

/** A row of a tab-separated table, a Markdown pipe table, or an HTML table written one row a line. */
export function isTableLine(raw: string): boolean {
  if (/<t[dh][\s>]/i.test(raw)) return true;
  if (raw.includes('\t')) return raw.replace(/\t/g, '').trim() !== '' || raw.split('\t').length > 2;
  const t = raw.trim();
  return t.length > 1 && (t.startsWith('|') || /[^\\]\|\s*$/.test(t));
}

/** A plain-text heading in capitals ("NHIỆM VỤ VÀ GIẢI PHÁP"): at least two words, no sentence. */
function isCapitalsHeading(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 6 && text.length <= 200 && text === text.toUpperCase() && /\p{L}+\s+\p{L}+/u.test(text) && !/[.;]$/.test(text);
}

/** A Markdown heading (`#`) or a line whose words are all inside one bold run. */
function isHeadingMarkup(raw: string): boolean {
  const t = raw.trim();
  if (/^#{1,6}\s/.test(t)) return true;
  const u = t.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
  const bold = /^\*\*(.+)\*\*\s*:?$/.exec(u) ?? /^__(.+)__\s*:?$/.exec(u);
  if (bold && !bold[1]!.includes('**') && !bold[1]!.includes('__')) return true;
  if (/^(?:<p>\s*)?<(b|strong)>(?:(?!<\/\1>).)+<\/\1>\s*:?\s*(?:<\/p>)?$/i.test(u)) return true;
  return false;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
export function romanValue(s: string): number | null {
  if (!/^[IVXL]+$/.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!]!;
    const next = ROMAN[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  // Only canonical numerals (rejects "IIII", "VV", …).
  return toRoman(total) === s ? total : null;
}
function toRoman(n: number): string {
  const table: [number, string][] = [[50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, r] of table) while (n >= v) (out += r), (n -= v);
  return out;
}

const ORDINAL_WORDS: Record<string, number> = {
  một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, bẩy: 7, tám: 8, chín: 9, mười: 10,
  'mười một': 11, 'mười hai': 12, 'mười ba': 13, 'mười bốn': 14, 'mười lăm': 15,
};
const THU_WORDS: Record<string, number> = {
  nhất: 1, hai: 2, ba: 3, tư: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10,
};

/** The marker a clean line opens with, and the text after it. */
export function detectMarker(text: string): { marker: Marker; rest: string } | null {
  let m: RegExpExecArray | null;
  const rest = (s: string) => s.replace(/^[\s:.\-–]+/u, '').trim();

  if ((m = /^(Phần|PHẦN|Chương|CHƯƠNG)\s+(thứ\s+\p{L}+|THỨ\s+\p{L}+|[IVXL]+|\d{1,2})(?![\p{L}\p{N}])\s*[.:\-–]?\s*/u.exec(text))) {
    return { marker: { type: 'part', label: partLabel(m[2]!), positional: false }, rest: rest(text.slice(m[0].length)) };
  }
  if ((m = /^Điều\s+(\d{1,3})\s*[.:]\s*/u.exec(text))) {
    return { marker: { type: 'article', label: m[1]!, positional: false }, rest: text.slice(m[0].length).trim() };
  }
  if ((m = /^([IVXL]{1,7})\s*[.\-–):]\s*(?=\S)/u.exec(text)) && romanValue(m[1]!) !== null && romanValue(m[1]!)! <= 40) {
    return { marker: { type: 'roman', label: m[1]!, positional: false }, rest: text.slice(m[0].length).trim() };
  }
  if ((m = /^([A-HJ-UWYZĐ])\s*[.\-–)]\s+(?=\S)/u.exec(text))) {
    return { marker: { type: 'upper', label: m[1]!, positional: false }, rest: text.slice(m[0].length).trim() };
  }
  // 1. / 1- / 1) / 1.1 / 3.2. / 2.1- ; a single number needs its punctuation, two digits at most.
  if ((m = /^(\d{1,2}(?:\s?\.\s?\d{1,2}){0,3})(\s*(?:\.-|[.\-–)])|(?=\s))\s*(?=\S)/u.exec(text))) {
    const label = m[1]!.replace(/\s/g, '');
    const depth = label.split('.').length;
    const hasPunct = m[2]!.trim() !== '';
    const after = text.slice(m[0].length);
    const spaced = /\s$/.test(m[0]) || /^\p{Lu}/u.test(after);
    // "02-TT/TU ngày …" at the start of a wrapped line is a document number, not item 2.
    const docNumber = /^\p{Lu}[\p{Lu}Đ&]{0,9}[/-]/u.test(after);
    if ((hasPunct || depth > 1) && spaced && !/^[/%]/.test(after) && !/^\d/.test(after) && !docNumber) {
      const type = (`decimal${Math.min(depth, 4)}`) as MarkerType;
      return { marker: { type, label, positional: false }, rest: after.trim() };
    }
  }
  if ((m = /^([a-zđ])\s*[).]\s+(?=\S)/u.exec(text))) {
    return { marker: { type: 'letter', label: m[1]!, positional: false }, rest: text.slice(m[0].length).trim() };
  }
  if ((m = /^\((\d{1,2}|[a-zđ])\)\s+(?=\S)/u.exec(text))) {
    return { marker: { type: 'paren', label: m[1]!, positional: false }, rest: text.slice(m[0].length).trim() };
  }
  if ((m = /^(Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Bẩy|Tám|Chín|Mười(?:\s+(?:một|hai|ba|bốn|lăm))?)\s+là\s*[,:]\s*/iu.exec(text))) {
    const n = ORDINAL_WORDS[m[1]!.toLowerCase().replace(/\s+/g, ' ')];
    if (n) return { marker: { type: 'ordinal', label: String(n), positional: false }, rest: capitaliseFirst(text.slice(m[0].length).trim()) };
  }
  if ((m = /^Thứ\s+(nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\s*[,:]\s*/iu.exec(text))) {
    const n = THU_WORDS[m[1]!.toLowerCase()];
    if (n) return { marker: { type: 'ordinal', label: String(n), positional: false }, rest: capitaliseFirst(text.slice(m[0].length).trim()) };
  }
  if ((m = /^[-–—]\s*(?=[\p{L}\p{N}"“(])/u.exec(text)) && !/^-\d/.test(text)) {
    return { marker: { type: 'dash', label: '', positional: true }, rest: text.slice(m[0].length).trim() };
  }
  if ((m = /^\+\s*(?=[\p{L}\p{N}"“(])/u.exec(text))) {
    return { marker: { type: 'plus', label: '', positional: true }, rest: text.slice(m[0].length).trim() };
  }
  if ((m = /^[•·●○◦▪■□✓]\s*/u.exec(text))) {
    return { marker: { type: 'dot', label: '', positional: true }, rest: text.slice(m[0].length).trim() };
  }
  return null;
}

function partLabel(s: string): string {
  const t = s.toLowerCase().replace(/^thứ\s+/, '');
  if (THU_WORDS[t]) return String(THU_WORDS[t]);
  if (/^\d+$/.test(s)) return s;
  return s.toUpperCase();
}

function capitaliseFirst(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

function isEndMatter(text: string): boolean {
  if (/^(?:Nơi nhận|NƠI NHẬN)\s*:?/u.test(text)) return true;
  // Signature blocks: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ", "TL. BỘ TRƯỞNG".
  if (/^(?:TM|T\/M|T\.M|KT|K\/T|TL|T\/L|TUQ|Q)\s*\.?\s+[\p{Lu}][\p{Lu}\s]{2,}/u.test(text) && text === text.toUpperCase()) return true;
  return false;
}

function appendixLabel(text: string, heading: boolean): string | null {
  const m = /^(?:PHỤ LỤC|Phụ lục|PHỤ BIỂU|Phụ biểu)(?:\s+(?:số\s+|SỐ\s+)?([IVXL]+|\d{1,2}|[A-Z])(?![\p{L}\p{N}]))?\s*[:.\-–]?\s*(.*)$/u.exec(text);
  if (!m) return null;
  const upper = text.slice(0, 7) === text.slice(0, 7).toUpperCase();
  if (!heading && !upper && text.length > 120) return null;
  if (!heading && !upper && /[.;]$/.test(text)) return null;
  const n = m[1] ? (romanValue(m[1]) ?? (/^\d+$/.test(m[1]) ? Number(m[1]) : m[1])) : null;
  return n === null ? 'appendix' : `appendix-${n}`;
}
