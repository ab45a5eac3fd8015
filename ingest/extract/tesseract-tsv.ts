/** What tesseract read on one page: its lines in reading order and how sure it was of the words. */
export interface OcrPage {
  lines: string[];
  words: number;
  /** Mean word confidence, 0–1; null when no word was read. */
  confidence: number | null;
  /** Letters in the words read with at least middling confidence: what tells a text from noise. */
  readableLetters: number;
}

/** Below this a word is more likely noise (a stain, a stamp's rim) than text. */
const READABLE_WORD_CONFIDENCE = 50;

/**
 * A gap between two words wider than this many line heights separates columns (the issuer and
 * the national motto, the number and the place-and-date) or table cells: it becomes a tab, as
 * in a PDF's text layer. Word spaces of a justified line stay well under half a line height.
 */
const COLUMN_GAP = 1.5;

interface Word {
  text: string;
  left: number;
  right: number;
}

/**
 * Tesseract's TSV output → lines. Rows of level 5 are words, keyed by block, paragraph and line;
 * rows of level 4 give each line's height. Words of one line are joined by a space, or a tab
 * across a wide gap. Rows with confidence -1 are layout, not words.
 */
export function readTesseractTsv(tsv: string): OcrPage {
  const lines = new Map<string, { height: number; words: Word[] }>();
  let words = 0;
  let confidenceSum = 0;
  let readableLetters = 0;
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12) continue;
    const key = `${cols[2]}.${cols[3]}.${cols[4]}`;
    const [left, , width, height] = cols.slice(6, 10).map(Number) as [number, number, number, number];
    if (cols[0] === '4') lines.set(key, { height, words: [] });
    if (cols[0] !== '5') continue;
    const text = cols.slice(11).join('\t').trim();
    const conf = Number(cols[10]);
    if (!text || !Number.isFinite(conf) || conf < 0) continue;
    const line = lines.get(key) ?? { height, words: [] };
    lines.set(key, line);
    line.words.push({ text, left, right: left + width });
    words++;
    confidenceSum += conf;
    if (conf >= READABLE_WORD_CONFIDENCE) readableLetters += (text.match(/\p{L}/gu) ?? []).length;
  }
  return {
    lines: [...lines.values()].filter((l) => l.words.length > 0).map(joinWords),
    words,
    confidence: words > 0 ? round(confidenceSum / words / 100) : null,
    readableLetters,
  };
}

function joinWords({ height, words }: { height: number; words: Word[] }): string {
  return words.map((w, i) => (i === 0 ? '' : w.left - words[i - 1]!.right > COLUMN_GAP * height ? '\t' : ' ') + w.text).join('');
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
