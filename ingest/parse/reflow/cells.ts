import { matchKey } from '../../../core/vn-text.js';
import { cleanInline } from '../text/lines.js';
import type { SourceLine } from '../types.js';
import { isMetadataLabel, isPipeLine } from './portal-chrome.js';

/*
 * A portal copy writes an HTML table one cell at a time: the cell's (wrapped) lines, then a line
 * holding only `|`; after the last cell of a row, one more `|`. So `| |` is either an empty cell
 * or the end of a row, and text outside tables sits between pipes too (the body of a decision
 * lies between its header table and its signature table). Cells are read back here; task tables
 * are rebuilt as one tab-separated line per row, which the table parser reads (structure/table.ts).
 */

export interface Cell {
  lines: SourceLine[];
  /** True when a pipe line closes the cell (the text after the last pipe is not a cell). */
  closed: boolean;
}

/** The text between pipe lines; consecutive pipes give empty cells. */
export function splitCells(lines: SourceLine[]): Cell[] {
  const cells: Cell[] = [];
  let cur: SourceLine[] = [];
  for (const l of lines) {
    if (isPipeLine(l)) {
      cells.push({ lines: cur, closed: true });
      cur = [];
    } else cur.push(l);
  }
  cells.push({ lines: cur, closed: false });
  return cells;
}

const text = (c: Cell | undefined) => (c ? c.lines.map((l) => cleanInline(l.text)).join(' ').replace(/\s+/g, ' ').trim() : '');
const isEmpty = (c: Cell | undefined) => !c || text(c) === '';

const NO_HEADER = /^(stt|tt|so tt|so thu tu)$/;
const COLUMN_WORDS = /(noi dung|nhiem vu|cong viec|chi tieu|chu tri|phoi hop|thoi gian|thoi han|tien do|san pham|ket qua|ghi chu|co quan|don vi|giai phap|hoat dong|de an|linh vuc)/;
/** A row's number cell: "1", "2.3", "IV", "a", bold or not. */
const ROW_LABEL = /^(\d{1,3}(\.\d{1,3}){0,3}\.?|[ivxlc]{1,6}\.?|[a-zđ][.)]?)$/;

const isRowLabel = (c: Cell | undefined) => !!c && ROW_LABEL.test(matchKey(text(c)));

/** Where a task table's header starts at cell `i`: its column count, or null. */
function tableHeaderAt(cells: Cell[], i: number): number | null {
  if (!NO_HEADER.test(matchKey(text(cells[i])).replace(/[.:]+$/, ''))) return null;
  let k = i + 1;
  let named = 0;
  while (k < cells.length && !isEmpty(cells[k]) && k - i < 12) {
    const t = matchKey(text(cells[k]));
    if (t.length > 80) return null;
    if (COLUMN_WORDS.test(t)) named++;
    k++;
  }
  return named >= 2 ? k - i : null;
}

/** Text outside tables, and the lines of table rows (cells joined by tabs), in document order. */
export type Piece = { kind: 'text'; lines: SourceLine[] } | { kind: 'row'; line: SourceLine };

/** The cells as pieces of text and task-table rows. */
export function readCells(cells: Cell[]): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < cells.length) {
    const columns = tableHeaderAt(cells, i);
    if (columns === null) {
      i = readText(cells, i, out);
      continue;
    }
    i = readTable(cells, i, columns, out);
  }
  return out;
}

/**
 * One cell as text. A label of the portal's metadata block takes the value in the cell after it,
 * so "Số hiệu:" | "2609/QĐ-UBND" reads as the line "Số hiệu: 2609/QĐ-UBND".
 */
function readText(cells: Cell[], i: number, out: Piece[]): number {
  const c = cells[i]!;
  const value = cells[i + 1];
  // The portal's "#" before its first label shares the label's cell.
  const words = c.lines.filter((l) => /\p{L}/u.test(cleanInline(l.text)));
  if (words.length === 1 && isMetadataLabel(words[0]!.text) && value && !isEmpty(value) && value.lines.length <= 3) {
    const label = words[0]!;
    const last = value.lines[value.lines.length - 1]!;
    const joined = `${cleanInline(label.text).trim()} ${value.lines.map((l) => cleanInline(l.text).trim()).join(' ')}`;
    out.push({ kind: 'text', lines: [{ n: label.n, end: last.end ?? last.n, text: joined }] });
    return i + 2;
  }
  out.push({ kind: 'text', lines: c.lines });
  return i + 1;
}

/** Rows from the header at `start` on; returns the index of the first cell after the table. */
function readTable(cells: Cell[], start: number, columns: number, out: Piece[]): number {
  let row: Cell[] = [];
  const flush = () => {
    const withText = row.filter((c) => c.lines.length > 0);
    if (withText.length > 0) {
      const first = withText[0]!.lines[0]!;
      const lastCell = withText[withText.length - 1]!;
      const last = lastCell.lines[lastCell.lines.length - 1]!;
      // A row of one cell (a group row "I. NÂNG CAO NHẬN THỨC …" spanning the table) keeps a tab, so it stays a table line.
      const cellsText = row.map((c) => c.lines.map((l) => l.text.trim()).join(' '));
      const line = (cellsText.length === 1 ? [...cellsText, ''] : cellsText).join('\t');
      out.push({ kind: 'row', line: { n: first.n, end: last.end ?? last.n, text: line } });
    }
    row = [];
  };
  let i = start;
  for (; i < cells.length; i++) {
    const c = cells[i]!;
    if (row.length === 0) {
      if (isEmpty(c)) continue;
      if (i > start && !isRowLabel(c) && endsTable(c)) break;
      row.push(c);
      continue;
    }
    if (!isEmpty(c)) {
      row.push(c);
      continue;
    }
    // An empty cell: the row's end when a numbered row follows or the row is complete.
    const next = cells[i + 1];
    if (row.length >= columns || isRowLabel(next) || !next?.closed) flush();
    else row.push(c);
  }
  flush();
  return i;
}

/**
 * Text after a table: long running text, the end matter, or a heading with text under it — not a
 * row ("**I.** / **NÂNG CAO NHẬN THỨC …**", a group row, is short and stands alone in its cell).
 */
function endsTable(c: Cell): boolean {
  const t = text(c);
  const f = matchKey(t);
  if (t.length > 400 || c.lines.length > 12 || !c.closed || /^(noi nhan|tm\.|kt\.|t\/m)/.test(f)) return true;
  return /^([ivx]+\.\s|phu luc)/.test(f) && c.lines.length > 3;
}
