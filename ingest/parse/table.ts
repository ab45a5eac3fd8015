import { matchKey } from '../../core/vn-text.js';
import { cleanInline } from './lines.js';
import { classifyLine, romanValue } from './markers.js';
import type { SourceLine } from './types.js';

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
  const empty: ParsedTable = { isTaskTable: false, roles: [], headers: [], entries: [], lineStart: first, lineEnd: last, text: allText.join('\n'), warnings };

  // The header: the first row whose cells name the columns.
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
  if (!roles || h < 0) return empty;
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
  const width = roles.length;
  const col = (r: ColumnRole) => roles!.indexOf(r);
  const noCol = col('no');
  const taskCol = col('task');
  const agencyCols = (['lead', 'coord', 'agencies', 'timeline'] as ColumnRole[]).map(col).filter((i) => i >= 0);

  // Normalise rows to the header's width.
  const body: RawRow[] = [];
  for (const row of rows.slice(bodyStart)) {
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

  // Merge continuation rows into the row above.
  const merged: RawRow[] = [];
  for (const row of body) {
    const prev = merged[merged.length - 1];
    if (row.loose) {
      if (prev && !prev.loose && /^\p{Ll}/u.test(row.cells[0]!)) {
        const at = taskCol >= 0 ? taskCol : prev.cells.length - 1;
        prev.cells[at] = joinText(prev.cells[at]!, row.cells[0]!);
        prev.lineEnd = row.lineEnd;
      } else warnings.push(`table line ${row.lineStart} has no cells and could not be aligned: "${row.cells[0]!.slice(0, 60)}"`);
      continue;
    }
    const no = noCol >= 0 ? row.cells[noCol]! : '';
    const filled = row.cells.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
    const isContinuation =
      prev &&
      !prev.loose &&
      ((noCol >= 0 && !no && !(filled.length === 1 && groupHeading(row.cells[filled[0]!]!))) ||
        (noCol < 0 && taskCol >= 0 && /^\p{Ll}/u.test(row.cells[taskCol]!)));
    if (isContinuation) {
      row.cells.forEach((c, i) => {
        if (c) prev.cells[i] = joinText(prev.cells[i]!, c);
      });
      prev.lineEnd = row.lineEnd;
      continue;
    }
    merged.push({ ...row, cells: [...row.cells] });
  }

  // Groups and task rows.
  const entries: (TableGroup | TableRow)[] = [];
  let group: TableGroup | null = null;
  let position = 0;
  for (let i = 0; i < merged.length; i++) {
    const row = merged[i]!;
    const cells = row.cells;
    const no = (noCol >= 0 ? cells[noCol]! : '').replace(/[.)]+$/, '');
    const filled = cells.map((c, k) => (c ? k : -1)).filter((k) => k >= 0);
    const agencyOrTime = agencyCols.some((k) => cells[k]);
    const text = taskCol >= 0 ? cells[taskCol]! : '';
    let g: { label: string; title: string } | null = null;
    if (filled.length === 1) g = groupHeading(cells[filled[0]!]!);
    if (!g && !agencyOrTime && text) {
      const nextNo = noCol >= 0 ? (merged[i + 1]?.cells[noCol] ?? '').replace(/[.)]+$/, '') : '';
      if (no && (romanValue(no) !== null || /^[A-ZĐ]$/.test(no) || row.bold || (nextNo && nextNo.startsWith(`${no}.`)))) {
        g = { label: no, title: text };
      }
    }
    if (g) {
      group = { kind: 'group', label: g.label, title: g.title, lineStart: row.lineStart, lineEnd: row.lineEnd };
      entries.push(group);
      position = 0;
      continue;
    }
    position++;
    const lead = col('lead') >= 0 ? cells[col('lead')]! || null : null;
    const coord = col('coord') >= 0 ? cells[col('coord')]! || null : null;
    const agencies = col('agencies') >= 0 ? cells[col('agencies')]! || null : null;
    const timeline = col('timeline') >= 0 ? cells[col('timeline')]! || null : null;
    const extra: Record<string, string> = {};
    roles.forEach((r, k) => {
      if ((r === 'product' || r === 'note' || r === 'funding' || r === 'other') && cells[k]) extra[headers[k] || r] = cells[k]!;
    });
    let rowText = text;
    if (!rowText) {
      // No task column filled: the longest other cell that is not an agency or a number.
      rowText = cells.filter((c, k) => k !== noCol && !agencyCols.includes(k)).sort((a, b) => b.length - a.length)[0] ?? '';
    }
    if (!rowText) {
      warnings.push(`table row at line ${row.lineStart} has no task text`);
      continue;
    }
    let label = no || String(position);
    if (group && no.startsWith(`${group.label}.`)) label = no.slice(group.label.length + 1);
    entries.push({ kind: 'row', no: no || null, label, text: rowText, lead, coord, agencies, timeline, extra, lineStart: row.lineStart, lineEnd: row.lineEnd });
  }
  return { isTaskTable: true, roles, headers, entries, lineStart: first, lineEnd: last, text: allText.join('\n'), warnings };
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
