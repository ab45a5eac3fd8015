import type { Box } from './gray-image.js';
import { baseChar, emWidth } from './glyph-widths.js';
import type { OcrLine, OcrWord } from './tesseract-tsv.js';

/*
 * The two fields of an administrative document's header that are often written by hand into the
 * printed form: the serial of "Số: 190 /CĐ-TTg" and the day (sometimes the month) of "Hà Nội,
 * ngày 07 tháng 10 năm 2025". Found in the first OCR pass's word boxes by their printed anchors,
 * with what OCR read between them and where that gap lies on the page. Pure.
 */

export type FieldKind = 'serial' | 'day' | 'month' | 'year';

export interface HeaderField {
  kind: FieldKind;
  /** Index of the line in the page's `wordLines`. */
  line: number;
  /** What the first pass read between the anchors, trimmed ("/90", "O0Tf", "" when nothing). */
  text: string;
  /** Offsets of that text (untrimmed) in the line's text as `lineString` builds it. */
  start: number;
  end: number;
  /** Whether `text` is already a valid number for its kind. */
  clean: boolean;
  /** The gap between the anchors on the page image: from the left anchor's right edge to the right anchor's left edge. */
  gap: Box;
  /** How far (pixels) each edge of `gap` may be off: 0 for a word box's own edge, more where it was estimated inside a glued box. */
  slack: { left: number; right: number };
}

export interface HeaderFields {
  serial: HeaderField | null;
  day: HeaderField | null;
  month: HeaderField | null;
  /** The printed year ("năm 2025"): OCR misreads it at times ("2023"); its gap is its own box. */
  year: HeaderField | null;
}

/** The header lies in the first lines of page 1. */
const HEADER_LINES = 15;
/** A box wider than its text's expected width by this factor holds something else too (handwriting OCR left out). */
const TOO_WIDE = 1.25;

/** A line's words joined by single spaces, and where each word starts in that string. */
export function lineString(line: OcrLine): { text: string; starts: number[] } {
  const starts: number[] = [];
  let text = '';
  for (const w of line.words) {
    if (text) text += ' ';
    starts.push(text.length);
    text += w.text;
  }
  return { text, starts };
}

/** Lower case without accents, character for character (offsets are kept): "Số: O0Tftháng" → "so: o0tfthang". */
export function foldKeepingOffsets(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += baseChar(text[i]!).toLowerCase();
  return out;
}

export const isSerial = (s: string) => /^\d{1,5}$/.test(s) && Number(s) > 0;
export const isDay = (s: string) => /^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= 31;
export const isMonth = (s: string) => /^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= 12;
export const isYear = (s: string) => /^\d{4}$/.test(s) && Number(s) >= 1945 && Number(s) <= 2100;

// "Số: …/CODE": "Số" starts the line (or follows one stray mark); the code starts with a letter after the slash.
const NUMBER_RE = /(?<![\p{L}\p{N}])so\s*[:.;]?(.{0,16}?)\/(?=\s*\p{L})/du;
// "ngày … tháng … năm 2025", parts possibly glued together ("ngày O0Tftháng10 năm 2025").
const DATE_RE = /(?<![\p{L}])ngay(.{0,12}?)thang(.{0,8}?)nam\s*(\d{4})(?!\d)/du;

/**
 * The number and date fields of a page's header, from the first OCR pass. A date is taken on the
 * number's line, or on a header line where it follows a place ("Hà Nội, ngày …"), so that a date
 * quoted in the body ("Căn cứ Luật … ngày 18 tháng 02 năm 2025") is not mistaken for it.
 */
export function findHeaderFields(lines: readonly OcrLine[]): HeaderFields {
  const out: HeaderFields = { serial: null, day: null, month: null, year: null };
  let numberLine = -1;
  for (let i = 0; i < Math.min(lines.length, HEADER_LINES) && numberLine < 0; i++) {
    const line = lines[i]!;
    const { text, starts } = lineString(line);
    const m = NUMBER_RE.exec(foldKeepingOffsets(text));
    // "Số" is the first word of the line or the second (after a stray mark OCR read in the margin).
    if (!m || !starts.slice(0, 2).includes(m.index)) continue;
    const [start, end] = m.indices![1]!;
    out.serial = field('serial', lines, i, text.slice(start, end), start, end, m.index);
    numberLine = i;
  }
  const order = numberLine >= 0 ? [numberLine, ...range(Math.min(lines.length, HEADER_LINES)).filter((i) => i !== numberLine)] : range(Math.min(lines.length, HEADER_LINES));
  for (const i of order) {
    const { text } = lineString(lines[i]!);
    const m = DATE_RE.exec(foldKeepingOffsets(text));
    if (!m) continue;
    if (i !== numberLine && !/,\s*$/.test(text.slice(0, m.index))) continue;
    const [ds, de] = m.indices![1]!;
    const [ms, me] = m.indices![2]!;
    const [ys, ye] = m.indices![3]!;
    // Each part's left anchor starts where the part before it ends ("tháng" after the day, "năm" after the month).
    out.day = field('day', lines, i, text.slice(ds, de), ds, de, m.index);
    out.month = field('month', lines, i, text.slice(ms, me), ms, me, de);
    out.year = field('year', lines, i, text.slice(ys, ye), ys, ye, me);
    break;
  }
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function field(kind: FieldKind, lines: readonly OcrLine[], index: number, raw: string, start: number, end: number, anchorStart: number): HeaderField {
  const line = lines[index]!;
  const text = raw.trim();
  const clean = { serial: isSerial, day: isDay, month: isMonth, year: isYear }[kind](text);
  const { starts } = lineString(line);
  const ppe = pixelsPerEm(line, start, end);
  const left = edgeAt(line, starts, start, 'left', ppe, anchorStart);
  // The year has no printed word after it: its gap ends where its own digits do.
  const right = kind === 'year' ? endOf(line, starts, end, ppe) : edgeAt(line, starts, end, 'right', ppe);
  const touched = line.words.filter((w, i) => starts[i]! <= end && starts[i]! + w.text.length >= start);
  const top = Math.min(...touched.map((w) => w.top));
  const bottom = Math.max(...touched.map((w) => w.top + w.height));
  return { kind, line: index, text, start, end, clean, gap: { left: left.x, right: Math.max(left.x, right.x), top, bottom }, slack: { left: left.slack, right: right.slack } };
}

/**
 * Pixels per em of the line's print, from its words that are read well and are not part of the
 * field (offsets `start`–`end`); null when there are none.
 */
function pixelsPerEm(line: OcrLine, start: number, end: number): number | null {
  const { starts } = lineString(line);
  let px = 0;
  let em = 0;
  line.words.forEach((w, i) => {
    const s = starts[i]!;
    if (s <= end && s + w.text.length >= start) return;
    if (w.conf < 80 || !/^[\p{L}\p{N}]+[.,:;]?$/u.test(w.text)) return;
    px += w.width;
    em += emWidth(w.text);
  });
  return em >= 3 ? px / em : null;
}

/**
 * The x of the printed anchor's edge that faces the field: for the anchor left of the field
 * (`side` 'left') its right edge, for the anchor right of it its left edge. `at` is the offset in
 * the line's text where the field starts (left anchor) or ends (right anchor). When the anchor
 * shares a box with the field ("O0Tftháng", "2†?2/QĐ-TTg") or its box is too wide for its text
 * (OCR put handwriting in it and dropped it), the edge is measured from the box's far side by the
 * printed text's width. A left anchor glued to what precedes it ("O0Tftháng10": the day before
 * "tháng", the month after) is measured from the box's right side instead, through the field's
 * own text taken as printed digits; `anchorStart` is where it begins in the line's text.
 */
function edgeAt(line: OcrLine, starts: number[], at: number, side: 'left' | 'right', ppe: number | null, anchorStart = -1): { x: number; slack: number } {
  const { text } = lineString(line);
  // The anchor's word: the one holding the character just before `at` (left) or at `at` (right), spaces skipped.
  let pos = at;
  if (side === 'left') while (pos > 0 && text[pos - 1] === ' ') pos--;
  else while (pos < text.length && text[pos] === ' ') pos++;
  const wi = wordIndexAt(starts, side === 'left' ? pos - 1 : pos);
  const w: OcrWord = line.words[wi]!;
  const right = w.left + w.width;
  const offset = pos - starts[wi]!;
  const printed = side === 'left' ? w.text.slice(0, offset) : w.text.slice(offset);
  const whole = printed.length === w.text.length;
  const fallback = side === 'left' ? right : w.left;
  const em = emWidth(printed);
  if (whole && (ppe === null || w.width <= TOO_WIDE * em * ppe)) return { x: fallback, slack: 0 };
  if (em === 0) return { x: fallback, slack: 0 };
  const slack = Math.round(0.2 * (ppe ?? w.height));
  const px = (t: string) => (ppe !== null ? emWidth(t) * ppe : (w.width * emWidth(t)) / emWidth(w.text));
  if (side === 'left' && anchorStart > starts[wi]! && !whole) {
    return { x: Math.round(Math.max(w.left, right - px(w.text.slice(offset)))), slack };
  }
  const x = side === 'left' ? Math.min(right, w.left + px(printed)) : Math.max(w.left, right - px(printed));
  return { x: Math.round(x), slack };
}

/** The x where the text ending at offset `at` ends: its word's right edge, less the width of what follows in the word ("2025,"). */
function endOf(line: OcrLine, starts: number[], at: number, ppe: number | null): { x: number; slack: number } {
  const wi = wordIndexAt(starts, at - 1);
  const w = line.words[wi]!;
  const rest = w.text.slice(at - starts[wi]!);
  if (!rest) return { x: w.left + w.width, slack: 0 };
  const width = ppe !== null ? emWidth(rest) * ppe : (w.width * emWidth(rest)) / emWidth(w.text);
  return { x: Math.round(Math.max(w.left, w.left + w.width - width)), slack: Math.round(0.2 * (ppe ?? w.height)) };
}

function wordIndexAt(starts: number[], pos: number): number {
  let i = 0;
  while (i + 1 < starts.length && starts[i + 1]! <= pos) i++;
  return i;
}
