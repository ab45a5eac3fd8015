/** What tesseract read on one page: its lines in reading order and how sure it was of the words. */
export interface OcrPage {
  lines: string[];
  /** The same lines as words with their boxes (in the image's pixels), for a second look at a field. */
  wordLines: OcrLine[];
  words: number;
  /** Mean word confidence, 0–1; null when no word was read. */
  confidence: number | null;
  /** Letters in the words read with at least middling confidence: what tells a text from noise. */
  readableLetters: number;
}

/** One word of tesseract's TSV: its text, its box in pixels and its confidence (0–100). */
export interface OcrWord {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
}

/** A line of words as tesseract segmented it; `id` is "block.paragraph.line", `height` the line's box height. */
export interface OcrLine {
  id: string;
  height: number;
  words: OcrWord[];
}

/** Below this a word is more likely noise (a stain, a stamp's rim) than text. */
const READABLE_WORD_CONFIDENCE = 50;

/**
 * A gap between two words wider than this many line heights separates columns (the issuer and
 * the national motto, the number and the place-and-date) or table cells: it becomes a tab, as
 * in a PDF's text layer. Word spaces of a justified line stay well under half a line height.
 */
const COLUMN_GAP = 1.5;

/**
 * Tesseract's TSV output → lines. Rows of level 5 are words, keyed by block, paragraph and line;
 * rows of level 4 give each line's height. Words of one line are joined by a space, or a tab
 * across a wide gap. Rows with confidence -1 are layout, not words.
 */
export function readTesseractTsv(tsv: string): OcrPage {
  const lines = new Map<string, OcrLine>();
  let words = 0;
  let confidenceSum = 0;
  let readableLetters = 0;
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12) continue;
    const id = `${cols[2]}.${cols[3]}.${cols[4]}`;
    const [left, top, width, height] = cols.slice(6, 10).map(Number) as [number, number, number, number];
    if (cols[0] === '4') lines.set(id, { id, height, words: [] });
    if (cols[0] !== '5') continue;
    const text = cols.slice(11).join('\t').trim();
    const conf = Number(cols[10]);
    if (!text || !Number.isFinite(conf) || conf < 0) continue;
    const line = lines.get(id) ?? { id, height, words: [] };
    lines.set(id, line);
    line.words.push({ text, left, top, width, height, conf });
    words++;
    confidenceSum += conf;
    if (conf >= READABLE_WORD_CONFIDENCE) readableLetters += (text.match(/\p{L}/gu) ?? []).length;
  }
  const wordLines = [...lines.values()].filter((l) => l.words.length > 0);
  return {
    lines: wordLines.map(lineText),
    wordLines,
    words,
    confidence: words > 0 ? round(confidenceSum / words / 100) : null,
    readableLetters,
  };
}

/** A line's words joined by a space, or a tab across a gap wider than `COLUMN_GAP` line heights. */
export function lineText({ height, words }: Pick<OcrLine, 'height' | 'words'>): string {
  return words
    .map((w, i) => {
      if (i === 0) return w.text;
      const prev = words[i - 1]!;
      return (w.left - (prev.left + prev.width) > COLUMN_GAP * height ? '\t' : ' ') + w.text;
    })
    .join('');
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
