import { lineString } from './header-fields.js';
import type { OcrLine, OcrWord } from './tesseract-tsv.js';

/** Replace offsets `start`–`end` of a line's text (as `lineString` builds it) by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * A line with `edits` made to its text. The words an edit touches (a word ending where the edit
 * starts or starting where it ends counts) are merged, edited and split again on spaces; the new
 * words share the merged words' box side by side, so the line joins them with spaces and keeps
 * its tabs to the other words. Edits must not overlap. Pure.
 */
export function editLine(line: OcrLine, edits: readonly TextEdit[]): OcrLine {
  if (edits.length === 0) return line;
  const { text, starts } = lineString(line);
  const ends = line.words.map((w, i) => starts[i]! + w.text.length);
  // Groups of consecutive words touched by the same edits.
  const groups: { first: number; last: number; edits: TextEdit[] }[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const touched = line.words.map((_, i) => i).filter((i) => starts[i]! <= e.end && ends[i]! >= e.start);
    if (touched.length === 0) continue;
    const first = touched[0]!;
    const last = touched[touched.length - 1]!;
    const prev = groups[groups.length - 1];
    if (prev && first <= prev.last) {
      prev.last = Math.max(prev.last, last);
      prev.edits.push(e);
    } else groups.push({ first, last, edits: [e] });
  }
  const words: OcrWord[] = [];
  let next = 0;
  for (const g of groups) {
    words.push(...line.words.slice(next, g.first));
    const from = starts[g.first]!;
    let segment = text.slice(from, ends[g.last]!);
    for (const e of [...g.edits].sort((a, b) => b.start - a.start)) {
      const s = Math.max(0, e.start - from);
      const t = Math.min(segment.length, e.end - from);
      segment = segment.slice(0, s) + e.text + segment.slice(t);
    }
    words.push(...spread(segment.split(/\s+/).filter(Boolean), line.words.slice(g.first, g.last + 1)));
    next = g.last + 1;
  }
  words.push(...line.words.slice(next));
  return { ...line, words };
}

/** New words laid side by side over the old words' box, each as wide as its share of the characters. */
function spread(texts: string[], old: OcrWord[]): OcrWord[] {
  const left = Math.min(...old.map((w) => w.left));
  const right = Math.max(...old.map((w) => w.left + w.width));
  const top = Math.min(...old.map((w) => w.top));
  const bottom = Math.max(...old.map((w) => w.top + w.height));
  const conf = Math.min(...old.map((w) => w.conf));
  const chars = texts.reduce((n, t) => n + t.length, 0) || 1;
  let x = left;
  return texts.map((t, i) => {
    const width = i === texts.length - 1 ? right - x : Math.round(((right - left) * t.length) / chars);
    const w = { text: t, left: x, top, width, height: bottom - top, conf };
    x += width;
    return w;
  });
}
