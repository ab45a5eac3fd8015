import { matchKey } from '../../../core/vn-text.js';
import { cleanInline } from '../text/lines.js';
import { classifyLine, romanValue } from './markers.js';
import type { SourceLine } from '../types.js';

/**
 * Task tables: tab-separated rows (cells may carry `<b>`/`<p>`), Markdown pipe tables, and HTML
 * tables written one `<tr>` a line.
 *
 * The header row is found by its column names, not its position, so columns may come in any
 * order and extra columns ("Sản phẩm", "Ghi chú", "Kinh phí") are kept aside:
 *
 *   no        "STT", "TT", "Số TT"
 *   task      "Nội dung", "Nhiệm vụ", "Tên nhiệm vụ/đề án", "Công việc", "Hoạt động", "Giải pháp"
 *   lead      "Cơ quan chủ trì", "Đơn vị chủ trì", "Cơ quan/Đơn vị thực hiện", "Đầu mối"
 *   coord     "Cơ quan phối hợp", "Đơn vị phối hợp"
 *   agencies  one column for both ("Cơ quan chủ trì/phối hợp")
 *   timeline  "Thời gian thực hiện", "Thời hạn", "Tiến độ", "Thời gian hoàn thành"
 *   product / note / funding / other
 *
 * A table is a task table when its header names a task column and at least one of lead,
 * coordinating, agencies or timeline. A second header row ("Chủ trì | Phối hợp" under a merged
 * "Cơ quan thực hiện") refines the first; a row of column numbers ("(1) (2) (3)") and headers
 * repeated after page breaks are skipped.
 *
 * Rows:
 *  - a group row names a section of the table: its only non-empty cell reads "2. Tăng cường …" /
 *    "I. …", or its number is a Roman numeral or capital letter with no agency or timeline, or it
 *    is bold, or the next row is numbered under it ("2" then "2.1");
 *  - a row without a number continues the row above, cell by cell (rows broken across pages);
 *    so does a line without any cell separator that starts in lower case;
 *  - any other row is a task. Its label is its number with the group's prefix removed
 *    ("2.1" under group "2" → "1"), or its position in the group when it has none.
 */

export type ColumnRole = 'no' | 'task' | 'lead' | 'coord' | 'agencies' | 'timeline' | 'product' | 'note' | 'funding' | 'other';

export interface TableGroup {
  kind: 'group';
  label: string;
  title: string;
  lineStart: number;
  lineEnd: number;
}

export interface TableRow {
  kind: 'row';
  /** The row's number as written ("3.7"), or null. */
  no: string | null;
  /** Path label: the number under its group ("7"), or its position in the group. */
  label: string;
  text: string;
  lead: string | null;
  coord: string | null;
  /** A single "agencies" column holding both roles. */
  agencies: string | null;
  timeline: string | null;
  /** Other named columns: "Sản phẩm" → "Kế hoạch", … */
  extra: Record<string, string>;
  lineStart: number;
  lineEnd: number;
}

export interface ParsedTable {
  isTaskTable: boolean;
  roles: ColumnRole[];
  headers: string[];
  entries: (TableGroup | TableRow)[];
  lineStart: number;
  lineEnd: number;
  /** All cell text, for callers that look for a signature block in a non-task table. */
  text: string;
  warnings: string[];
}

/** The cells of a table line, cleaned; null for a Markdown separator row (`| --- | :--- |`). */
export function splitCells(raw: string): string[] | null {
  let parts: string[];
  if (/<t[dh][\s>]/i.test(raw)) {
    parts = [...raw.matchAll(/<t([dh])\b[^>]*>([\s\S]*?)(?=<\/t[dh]>|<t[dh][\s>]|<\/tr>|$)/gi)].map((m) => m[2] ?? '');
    return parts.length ? parts.map(cleanCell) : null;
  }
  if (raw.includes('\t')) {
    parts = raw.split('\t');
  } else {
    let t = raw.trim();
    if (t.startsWith('|')) t = t.slice(1);
    if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
    parts = t.split(/(?<!\\)\|/);
    if (parts.every((p) => /^\s*:?-{2,}:?\s*$/.test(p))) return null;
  }
  return parts.map(cleanCell);
}

export function cleanCell(cell: string): string {
  return cleanInline(cell.replace(/\\\|/g, '|')).replace(/\s+/g, ' ').trim();
}

export function columnRole(header: string): ColumnRole | null {
  const f = matchKey(header).replace(/[.:]+$/, '');
  if (!f) return null;
  if (/^(stt|tt|so tt|so thu tu|thu tu|so|no|#)$/.test(f)) return 'no';
  if (/chu tri/.test(f) && /phoi hop/.test(f)) return 'agencies';
  if (/chu tri|(co quan|don vi|bo phan)(\s*\/\s*(co quan|don vi))?,? (thuc hien|dau moi|thuc hien chinh)|^dau moi|trach nhiem (thuc hien|chinh)|^thuc hien$/.test(f)) return 'lead';
  if (/phoi hop/.test(f)) return 'coord';
  if (/thoi gian|thoi han|tien do|moc (thoi gian|hoan thanh)|nam (thuc hien|hoan thanh)|thoi diem/.test(f)) return 'timeline';
  if (/san pham|ket qua (dau ra|du kien)|hinh thuc|cap (trinh|ban hanh|phe duyet)/.test(f)) return 'product';
  if (/ghi chu/.test(f)) return 'note';
  if (/kinh phi|nguon von|du toan/.test(f)) return 'funding';
  if (/noi dung|nhiem vu|cong viec|ten (de an|nhiem vu|chuong trinh|du an|van ban|hoat dong)|hoat dong|giai phap|de an|chi tieu/.test(f)) return 'task';
  return 'other';
}

function looksLikeHeader(cells: string[]): ColumnRole[] | null {
  const filled = cells.filter(Boolean);
  if (filled.length < 2 || filled.some((c) => c.length > 80 || /^\d+(\.\d+)*\.?$/.test(c))) return null;
  const roles = cells.map((c) => columnRole(c) ?? 'other');
  const has = (r: ColumnRole) => roles.includes(r);
  if (has('task') && (has('lead') || has('coord') || has('agencies') || has('timeline'))) return roles;
  return null;
}

function headerFragment(cells: string[]): (ColumnRole | null)[] | null {
  const filled = cells.filter(Boolean);
  if (!filled.length || filled.some((c) => c.length > 60 || /^\d+(\.\d+)*\.?$/.test(c))) return null;
  const roles = cells.map((c) => (c ? columnRole(c) : null));
  return roles.some((r) => r && r !== 'other') && roles.every((r) => r === null || r !== 'other') ? roles : null;
}

interface RawRow {
  cells: string[];
  bold: boolean;
  lineStart: number;
  lineEnd: number;
  /** A line without cell separators (text continuing the row above). */
  loose: boolean;
}

/** Parses one block of table lines (blank and debris lines may sit between rows). */
export function parseTable(lines: readonly SourceLine[]): ParsedTable {
  const warnings: string[] = [];
  const first = lines[0]?.n ?? 1;
  const lastLine = lines[lines.length - 1];
  const last = lastLine ? (lastLine.end ?? lastLine.n) : first;
  const { rows, allText } = readRows(lines);
  const found = findHeader(rows);
  if (!found) return { isTaskTable: false, roles: [], headers: [], entries: [], lineStart: first, lineEnd: last, text: allText.join('\n'), warnings };
  const { roles, headers } = found;
  const cols = columnsOf(roles);
  const body = fitToHeader(rows.slice(found.bodyStart), roles.length, warnings);
  const merged = mergeContinuations(body, cols, warnings);
  const entries = readEntries(merged, cols, roles, headers, warnings);
  return { isTaskTable: true, roles, headers, entries, lineStart: first, lineEnd: last, text: allText.join('\n'), warnings };
}

/** The rows of the block with their cells, and the text of every line with cells. */
function readRows(lines: readonly SourceLine[]): { rows: RawRow[]; allText: string[] } {
  const rows: RawRow[] = [];
  const allText: string[] = [];
  for (const l of lines) {
    if (!l.text.trim()) continue;
    const kind = classifyLine(l).kind;
    if (kind === 'pagebreak' || kind === 'debris' || kind === 'blank') continue; // page breaks and numbers
    const loose = !l.text.includes('\t') && !l.text.includes('|') && !/<t[dh][\s>]/i.test(l.text);
    const cells = loose ? [cleanCell(l.text)] : splitCells(l.text);
    if (!cells) continue;
    allText.push(cells.join(' '));
    if (cells.every((c) => !c)) continue;
    rows.push({ cells, bold: /<b>|<strong>|\*\*/i.test(l.text), lineStart: l.n, lineEnd: l.end ?? l.n, loose });
  }
  return { rows, allText };
}

/**
 * The header: the first row (of six) whose cells name the columns, refined by a second header
 * row; null when the table has none (no task table).
 */
function findHeader(rows: RawRow[]): { roles: ColumnRole[]; headers: string[]; bodyStart: number } | null {
  let h = -1;
  let roles: ColumnRole[] | null = null;
  for (let i = 0; i < rows.length && i < 6; i++) {
    if (rows[i]!.loose) continue;
    roles = looksLikeHeader(rows[i]!.cells);
    if (roles) {
      h = i;
      break;
    }
  }
  if (!roles || h < 0) return null;
  const headers = [...rows[h]!.cells];
  let bodyStart = h + 1;
  const second = rows[bodyStart];
  if (second && !second.loose) {
    const frag = headerFragment(second.cells);
    if (frag && second.cells.length === roles.length) {
      frag.forEach((r, i) => {
        if (r) {
          roles![i] = r;
          headers[i] = second.cells[i]!;
        }
      });
      bodyStart++;
    }
  }
  return { roles, headers, bodyStart };
}

/** Where each role's column is (-1 when the table has none). */
interface Columns {
  no: number;
  task: number;
  lead: number;
  coord: number;
  agencies: number;
  timeline: number;
  /** The columns of lead, coordinating, agencies and timeline that the table has. */
  agencyCols: number[];
}

function columnsOf(roles: ColumnRole[]): Columns {
  const col = (r: ColumnRole) => roles.indexOf(r);
  return {
    no: col('no'),
    task: col('task'),
    lead: col('lead'),
    coord: col('coord'),
    agencies: col('agencies'),
    timeline: col('timeline'),
    agencyCols: (['lead', 'coord', 'agencies', 'timeline'] as ColumnRole[]).map(col).filter((i) => i >= 0),
  };
}

/**
 * The rows after the header brought to its width (extra filled cells joined to the last column);
 * headers repeated after a page break and rows of column numbers are left out.
 */
function fitToHeader(rows: RawRow[], width: number, warnings: string[]): RawRow[] {
  const body: RawRow[] = [];
  for (const row of rows) {
    if (row.loose) {
      body.push(row);
      continue;
    }
    let cells = row.cells;
    if (looksLikeHeader(cells)) continue; // header repeated after a page break
    if (cells.every((c) => !c || /^\(?\d{1,2}\)?$/.test(c)) && cells.filter(Boolean).length >= Math.min(3, width)) continue;
    if (cells.length > width) {
      const extra = cells.slice(width);
      if (extra.some(Boolean)) {
        warnings.push(`table row at line ${row.lineStart}: ${cells.length} cells, header has ${width}; extra cells joined to the last column`);
        cells = [...cells.slice(0, width - 1), cells.slice(width - 1).filter(Boolean).join(' ')];
      } else cells = cells.slice(0, width);
    }
    while (cells.length < width) cells.push('');
    body.push({ ...row, cells });
  }
  return body;
}

/** Continuation rows (no number, or a lower-case task; a loose lower-case line) merged into the row above. */
function mergeContinuations(body: RawRow[], cols: Columns, warnings: string[]): RawRow[] {
  const merged: RawRow[] = [];
  for (const row of body) {
    const prev = merged[merged.length - 1];
    if (row.loose) {
      if (prev && !prev.loose && /^\p{Ll}/u.test(row.cells[0]!)) {
        const at = cols.task >= 0 ? cols.task : prev.cells.length - 1;
        prev.cells[at] = joinText(prev.cells[at]!, row.cells[0]!);
        prev.lineEnd = row.lineEnd;
      } else warnings.push(`table line ${row.lineStart} has no cells and could not be aligned: "${row.cells[0]!.slice(0, 60)}"`);
      continue;
    }
    if (prev && !prev.loose && continuesAbove(row, cols)) {
      row.cells.forEach((c, i) => {
        if (c) prev.cells[i] = joinText(prev.cells[i]!, c);
      });
      prev.lineEnd = row.lineEnd;
      continue;
    }
    merged.push({ ...row, cells: [...row.cells] });
  }
  return merged;
}

/** A row without a number that is no group heading, or (without a number column) whose task starts in lower case. */
function continuesAbove(row: RawRow, cols: Columns): boolean {
  const no = cols.no >= 0 ? row.cells[cols.no]! : '';
  const filled = row.cells.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
  return (
    (cols.no >= 0 && !no && !(filled.length === 1 && groupHeading(row.cells[filled[0]!]!))) ||
    (cols.no < 0 && cols.task >= 0 && /^\p{Ll}/u.test(row.cells[cols.task]!))
  );
}

/** Groups and task rows, in order; a task is labelled under the group above it. */
function readEntries(merged: RawRow[], cols: Columns, roles: ColumnRole[], headers: string[], warnings: string[]): (TableGroup | TableRow)[] {
  const entries: (TableGroup | TableRow)[] = [];
  let group: TableGroup | null = null;
  let position = 0;
  for (let i = 0; i < merged.length; i++) {
    const row = merged[i]!;
    const no = numberOf(row, cols);
    const g = groupOf(row, no, merged[i + 1], cols);
    if (g) {
      group = { kind: 'group', label: g.label, title: g.title, lineStart: row.lineStart, lineEnd: row.lineEnd };
      entries.push(group);
      position = 0;
      continue;
    }
    position++;
    const rowText = taskText(row, cols);
    if (!rowText) {
      warnings.push(`table row at line ${row.lineStart} has no task text`);
      continue;
    }
    let label = no || String(position);
    if (group && no.startsWith(`${group.label}.`)) label = no.slice(group.label.length + 1);
    entries.push(taskRow(row, cols, roles, headers, no, label, rowText));
  }
  return entries;
}

/** The row's number without its closing "." or ")"; '' when it has none. */
function numberOf(row: RawRow | undefined, cols: Columns): string {
  return (cols.no >= 0 ? (row?.cells[cols.no] ?? '') : '').replace(/[.)]+$/, '');
}

/**
 * A group row: its only filled cell reads "2. Tăng cường …", or (with a task and no agency or
 * timeline) its number is Roman, a capital letter, bold or the prefix of the next row's number.
 */
function groupOf(row: RawRow, no: string, next: RawRow | undefined, cols: Columns): { label: string; title: string } | null {
  const cells = row.cells;
  const filled = cells.map((c, k) => (c ? k : -1)).filter((k) => k >= 0);
  const agencyOrTime = cols.agencyCols.some((k) => cells[k]);
  const text = cols.task >= 0 ? cells[cols.task]! : '';
  let g: { label: string; title: string } | null = null;
  if (filled.length === 1) g = groupHeading(cells[filled[0]!]!);
  if (!g && !agencyOrTime && text) {
    const nextNo = cols.no >= 0 ? numberOf(next, cols) : '';
    if (no && (romanValue(no) !== null || /^[A-ZĐ]$/.test(no) || row.bold || (nextNo && nextNo.startsWith(`${no}.`)))) {
      g = { label: no, title: text };
    }
  }
  return g;
}

/** The task column's text; with none filled, the longest other cell that is not an agency or a number. */
function taskText(row: RawRow, cols: Columns): string {
  const cells = row.cells;
  const text = cols.task >= 0 ? cells[cols.task]! : '';
  if (text) return text;
  return cells.filter((c, k) => k !== cols.no && !cols.agencyCols.includes(k)).sort((a, b) => b.length - a.length)[0] ?? '';
}

function taskRow(row: RawRow, cols: Columns, roles: ColumnRole[], headers: string[], no: string, label: string, text: string): TableRow {
  const cells = row.cells;
  const cell = (k: number) => (k >= 0 ? cells[k]! || null : null);
  const extra: Record<string, string> = {};
  roles.forEach((r, k) => {
    if ((r === 'product' || r === 'note' || r === 'funding' || r === 'other') && cells[k]) extra[headers[k] || r] = cells[k]!;
  });
  return {
    kind: 'row',
    no: no || null,
    label,
    text,
    lead: cell(cols.lead),
    coord: cell(cols.coord),
    agencies: cell(cols.agencies),
    timeline: cell(cols.timeline),
    extra,
    lineStart: row.lineStart,
    lineEnd: row.lineEnd,
  };
}

/** "2. Tăng cường …", "I. NHIỆM VỤ CHUNG", "A- …" as the only content of a row. */
function groupHeading(cell: string): { label: string; title: string } | null {
  const m = /^([IVXL]+|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*)\s*[.\-–):]\s*(\S.*)$/u.exec(cell);
  if (!m) return null;
  if (/^[IVXL]+$/.test(m[1]!) && romanValue(m[1]!) === null) return null;
  return { label: m[1]!, title: m[2]!.trim() };
}

function joinText(a: string, b: string): string {
  return a ? `${a} ${b}`.replace(/\s+/g, ' ').trim() : b;
}
