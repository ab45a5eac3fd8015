import { typeFromWords } from '../document-types.js';
import { foldLower } from '../text/fold.js';
import { isSectionHeading, isUpperLine } from '../text/line-shapes.js';
import { cleanInline } from '../text/lines.js';
import type { SourceLine } from '../types.js';

/*
 * The text citations are read in: lines joined into paragraphs (a page break or a line break inside
 * a sentence or inside a number such as "3229\n/KH-UBND" does not split them), split into sentences.
 */

export interface Para {
  text: string;
  folded: string;
  /** Offset of each source line inside `text`. */
  starts: Array<{ n: number; offset: number }>;
  /** Part of the title or preamble, where the document says what it carries out. */
  frame: boolean;
}

/** The source line holding `offset` of a paragraph. */
export function lineOfOffset(p: Para, offset: number): number {
  let n = p.starts[0]!.n;
  for (const s of p.starts) {
    if (s.offset <= offset) n = s.n;
    else break;
  }
  return n;
}

/**
 * The frame: title and preamble, before the first body section; plus the few lines after any
 * later standalone type heading (a plan attached to a decision).
 */
function frameOf(lines: SourceLine[], typeHeadingLine: number | null | undefined): (n: number) => boolean {
  const cleaned = lines.map((l) => ({ n: l.n, text: cleanInline(l.text).trim() }));
  const headIdx = typeHeadingLine ? cleaned.findIndex((l) => l.n === typeHeadingLine) : -1;
  let frameEnd = Number.MAX_SAFE_INTEGER;
  for (let i = headIdx + 1; i < cleaned.length; i++) {
    if (cleaned[i]!.text && isSectionHeading(cleaned[i]!.text)) {
      frameEnd = cleaned[i]!.n;
      break;
    }
  }
  if (frameEnd === Number.MAX_SAFE_INTEGER) frameEnd = (cleaned[Math.min(cleaned.length - 1, 15)]?.n ?? 1) + 1;
  const titleFrame = new Set<number>();
  cleaned.forEach((l, i) => {
    const t = foldLower(l.text).replace(/[:.]\s*$/, '').trim();
    if (i > headIdx && typeFromWords(t) && !/:\s*$/.test(l.text) && l.text === l.text.toUpperCase()) {
      let k = 0;
      for (let j = i + 1; j < cleaned.length && k < 3; j++) {
        if (!cleaned[j]!.text) continue;
        titleFrame.add(cleaned[j]!.n);
        k++;
      }
    }
  });
  return (n) => n < frameEnd || titleFrame.has(n);
}

const CONNECTOR_END = /(?:^|\s)(?:(?:của|và|về|với|các|cho|theo|tại|trong|là|được|để|nhằm|đến|từ|ở|thuộc|những|có|số|ngày|bằng|do|qua)|(?:của|và|với)\s+\p{Lu}\p{Ll}*)\s*$/u;
const TERMINAL = /[.:;!?…"”)\]]\s*$|\.\/\.\s*$/;
const ENUMERATOR = /^\s*(?:[-+•*–]|\(?(?:\d+(?:\.\d+)*|[a-zđ]|[ivxlc]+)\s*[.)\-–](?:\s|$))/i;

/**
 * Paragraphs: consecutive lines are joined when the first ends inside a number or a sentence and
 * the next continues it (lower-case start, or a long line cut by a page break).
 */
export function toParagraphs(lines: SourceLine[], typeHeadingLine: number | null | undefined): Para[] {
  const inFrame = frameOf(lines, typeHeadingLine);
  const paras: Para[] = [];
  let cur: {
    parts: string[];
    starts: Array<{ n: number; offset: number }>;
    len: number;
    last: string;
    footnote: boolean;
    heading: boolean;
  } | null = null;
  const flush = (): void => {
    if (!cur) return;
    const text = cur.parts.join(' ');
    paras.push({ text, folded: foldLower(text), starts: cur.starts, frame: inFrame(cur.starts[0]!.n) });
    cur = null;
  };
  for (const line of lines) {
    const raw = line.text;
    const text = cleanInline(raw).trim();
    if (!text || /^[-_=*\s]{3,}$/.test(text)) continue;
    const footnote = /^\s*<sup>/i.test(raw);
    if (cur) {
      const prev: string = cur.last;
      const insideNumber =
        (/[\d/-]\s*$/.test(prev) && /^(?:\/\s*\p{L}|(?:[-/]\s*)?\p{L}{1,6}\s*[-/]\s*\p{L})/u.test(text)) || (/\bsố\s*$/iu.test(prev) && /^\d/.test(text));
      const open = !TERMINAL.test(prev) && !cur.footnote && !cur.heading && !ENUMERATOR.test(text) && !isSectionHeading(text) && !/^\s*#/.test(raw);
      // A sentence cut by a page break: the next line starts in lower case, or the cut falls right
      // after a connector ("của", "và") or inside a name ("… của Ban" / "Bí thư Trung ương …").
      const lowerStart = /^\p{Ll}/u.test(text);
      const cutAfterConnector = prev.length >= 120 && CONNECTOR_END.test(prev);
      const join = !footnote && !/\t/.test(raw) && (insideNumber || (open && (lowerStart || cutAfterConnector)));
      if (!join) flush();
    }
    if (!cur) cur = { parts: [], starts: [], len: 0, last: '', footnote, heading: isUpperLine(text) || /^\s*(?:#|\*\*[^*]+\*\*\s*$)/.test(raw) };
    const c: { parts: string[]; starts: Array<{ n: number; offset: number }>; len: number; last: string } = cur;
    c.starts.push({ n: line.n, offset: c.len + (c.parts.length ? 1 : 0) });
    c.len += (c.parts.length ? 1 : 0) + text.length;
    c.parts.push(text);
    c.last = text;
  }
  flush();
  return paras;
}

const ABBREVIATION = /(?:^|[\s(])(?:tp|tm|kt|tl|tuq|q|ths|ts|pgs|gs|bs|ks|st|đ\/c|v\.v|tr|ng|ô|bà)$/i;

/** Sentence boundaries inside a paragraph: ". X", "? X", "! X", tabs (table cells). */
export function sentenceSpans(p: Para): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  const t = p.text;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '\t') {
      if (i > start) spans.push([start, i]);
      start = i + 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    const next = t.slice(i + 1, i + 3);
    if (!/^\s+[\p{Lu}\d"“(-]/u.test(next) && !/^\/\./.test(next)) continue;
    const before = t.slice(start, i);
    if (/^\s*(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđA-ZĐ])$/.test(before)) continue; // "1." "II." "a." enumerators
    if (ABBREVIATION.test(before)) continue;
    if (/\d$/.test(before) && /^\d/.test(t.slice(i + 1))) continue;
    spans.push([start, i + 1]);
    start = i + 1;
  }
  if (start < t.length) spans.push([start, t.length]);
  return spans.filter(([a, b]) => t.slice(a, b).trim().length > 0);
}
