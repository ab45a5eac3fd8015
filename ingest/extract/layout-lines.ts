/** A run of text placed on a page (a pdf.js text item reduced to what line-building needs). */
export interface PlacedText {
  str: string;
  /** Left edge and baseline, in PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** Font size, the height of the glyphs. */
  size: number;
}

/**
 * A gap this many font sizes wide between two runs on one line separates table cells or columns.
 * A word space is about 0.25 em and stays under 0.7 em even in a loosely justified line; two cell
 * paddings of Word's default 0.19 cm plus a border make about 0.85 em at 13 pt.
 */
const CELL_GAP = 0.8;
/** A gap narrower than this (in font sizes) is kerning inside a word, not a space. */
const SPACE_GAP = 0.12;

/**
 * Runs of text → lines in reading order: top to bottom, each line left to right. Runs belong to
 * one line when their baselines are closer than half a font size (so a footnote mark raised
 * above the line stays on it). Inside a line a wide gap becomes a tab (a table cell, the two
 * columns of a document's header), a narrow one a space.
 */
export function layoutLines(runs: PlacedText[]): string[] {
  const visible = runs.filter((r) => r.str.length > 0 && r.size > 0);
  const byTop = [...visible].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; runs: PlacedText[] }[] = [];
  for (const run of byTop) {
    const line = lines.find((l) => Math.abs(l.y - run.y) < Math.max(l.size, run.size) * 0.5);
    if (line) {
      line.runs.push(run);
      // The line keeps the baseline of its largest text: raised marks must not drag it.
      if (run.size > line.size) {
        line.size = run.size;
        line.y = run.y;
      }
    } else lines.push({ y: run.y, size: run.size, runs: [run] });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((l) => joinRuns(l.runs.sort((a, b) => a.x - b.x)))
    .filter((l) => l.trim().length > 0);
}

function joinRuns(runs: PlacedText[]): string {
  let out = '';
  let end: number | null = null;
  let size = 0;
  for (const r of runs) {
    const text = r.str;
    // Some writers (Chromium) fill a gap with one wide space run: the gap, not the run, decides.
    if (!text.trim()) continue;
    if (end !== null) {
      // Measured in the larger size, so a small raised mark next to a word stays on it.
      const gap = (r.x - end) / Math.max(size, r.size);
      if (gap > CELL_GAP) out = `${out.trimEnd()}\t`;
      else if (gap > SPACE_GAP && !/\s$/.test(out) && !/^\s/.test(text)) out += ' ';
    }
    out += text;
    end = Math.max(end ?? -Infinity, r.x + r.width);
    size = r.size;
  }
  return out
    .replace(/[^\S\t]+/g, ' ')
    .replace(/ ?\t ?/g, '\t')
    .trim();
}
