import { BODY_MARKERS, classifyLines, type ClassifiedLine, type Marker, type MarkerType } from './markers.js';
import { parseTable, type ParsedTable } from './table.js';
import { fieldOf } from './field-labels.js';
import type { SourceLine } from '../types.js';

/**
 * The section tree of a document: every numbered heading, lead-in, paragraph, bullet and task
 * table, with its label, its text and its line span.
 *
 * Nesting follows the markers, the way a reader does: a marker type seen before (on the path from
 * the root) closes everything below that earlier node and becomes its sibling; a new marker type
 * opens a level under the current node. So "II." → "1." → "a)" → "-" → "+" nest, and "2." closes
 * "1."'s subtree whatever it held. Numbered markers never open a level under a bullet or a plain
 * paragraph; bullets may ("- … sau:" then "+ …").
 *
 * Lines without a marker:
 *  - a line starting in lower case continues the node above (text broken across lines or pages),
 *    and so does any line after a long line that does not end a sentence ("… của Ban" /
 *    "Bí thư Trung ương …") — except right after a page break while a footnote is unfinished: then
 *    it is the footnote's overflow and is dropped, like footnotes themselves (`<sup>1</sup> …`);
 *  - a line ending with ":" (or a Markdown/bold heading without a number) is a lead-in
 *    ("Sở Khoa học và Công nghệ chủ trì, phối hợp …:", "*Các sở, ban, ngành, …:*"): it groups the
 *    lines after it and lends them its title and its agencies, but takes no path segment;
 *  - under a heading ("1. Tăng cường …", "Một là, …", a bold title) each paragraph is a node of
 *    its own (numbered by position); under a numbered paragraph that is itself running text
 *    ("a) Nghiên cứu … ."), further paragraphs belong to it.
 *  - a paragraph ending with "./." (or starting "Trên đây là") closes the body.
 *
 * Front matter (title, number, date, "Căn cứ …", "Thực hiện …, UBND tỉnh ban hành Kế hoạch như
 * sau:") is everything before the first section marker of the body (Roman, capital letter, number,
 * "Một là", "Phần", "Điều"; failing those, any marker; failing that, the paragraphs after a line
 * ending "như sau:" / ":"; a text with none of these has no body). The body ends at "Nơi nhận:", a signature block or the closing mark,
 * and an appendix ("PHỤ LỤC …") opens a new top-level section whose own title lines are not items.
 */

export type NodeType = MarkerType | 'root' | 'appendix' | 'para' | 'leadin' | 'table';

export interface SectionNode {
  type: NodeType;
  marker: Marker | null;
  /** Path segment (set by `assignLabels`): a marker's number, a position, or null (root, lead-ins, tables). */
  label: string | null;
  text: string;
  /** Markdown heading or wholly bold line. */
  heading: boolean;
  /** Reads as a heading: unmarked paragraphs below it are its children, not its continuation. */
  headingLike: boolean;
  /** A heading that is never an item, even without children (Roman parts, unnumbered titles). */
  structural: boolean;
  terminated: boolean;
  lineStart: number;
  lineEnd: number;
  children: SectionNode[];
  parent: SectionNode | null;
  table: ParsedTable | null;
}

export interface SectionTree {
  root: SectionNode;
  warnings: string[];
}

const STRUCTURAL_TYPES: ReadonlySet<NodeType> = new Set(['part', 'roman', 'upper']);

export function buildTree(lines: readonly SourceLine[]): SectionTree {
  const cls = classifyLines(lines);
  const root = node('root', null, '', 1, false);
  root.headingLike = true;
  root.structural = true;
  const b: Builder = {
    lines,
    cls,
    warnings: [],
    stack: [root],
    state: 'preamble',
    bodyStart: firstBodyLine(cls, 0),
    lastSignificant: 'text',
    footnoteOpen: false,
    appendixPreamble: false,
  };
  for (let i = 0; i < cls.length; i++) {
    const c = cls[i]!;
    if (c.kind === 'blank' || c.kind === 'debris') continue;
    if (c.kind === 'pagebreak') b.lastSignificant = 'pagebreak';
    else if (c.kind === 'footnote') {
      b.footnoteOpen = !isTerminated(c.text);
      b.lastSignificant = 'footnote';
    } else if (c.kind === 'table') i = readTable(b, i) - 1;
    else readTextLine(b, c, i);
  }
  assignLabels(root);
  fitSpans(root);
  return { root, warnings: b.warnings };
}

/** What `buildTree` knows while it reads the lines in order. */
interface Builder {
  lines: readonly SourceLine[];
  cls: readonly ClassifiedLine[];
  warnings: string[];
  /** The path from the root to the node read last. */
  stack: SectionNode[];
  state: 'preamble' | 'body' | 'end';
  /** Index of the first line of the body, or of the body of a document attached after the signature. */
  bodyStart: number;
  lastSignificant: 'text' | 'footnote' | 'pagebreak';
  /** The last footnote did not end: a lower-case line after a page break is its overflow. */
  footnoteOpen: boolean;
  /** Right after an appendix heading: its unmarked lines are no items (a heading among them extends its title). */
  appendixPreamble: boolean;
}

function top(b: Builder): SectionNode {
  return b.stack[b.stack.length - 1]!;
}

function push(b: Builder, n: SectionNode): void {
  n.parent = top(b);
  top(b).children.push(n);
  b.stack.push(n);
}

/** The table block starting at line `i`; returns one past its last line. */
function readTable(b: Builder, i: number): number {
  const { cls } = b;
  const j = tableBlockEnd(cls, i);
  const block = b.lines.slice(i, j).filter((_, k) => cls[i + k]!.kind !== 'pagebreak' && cls[i + k]!.kind !== 'debris');
  const table = parseTable(block);
  b.warnings.push(...table.warnings);
  if (table.isTaskTable) addTaskTable(b, table, cls[i]!.n);
  else if (b.state === 'body' && /Nơi nhận|\bT\/M\b|\bTM\.|\bKT\.|\(Đã ký\)/u.test(table.text)) b.state = 'end';
  b.lastSignificant = 'text';
  return j;
}

/** A task table joins the nearest heading; after the signature it opens an appendix. */
function addTaskTable(b: Builder, table: ParsedTable, line: number): void {
  if (b.state === 'end') {
    b.stack.length = 1;
    push(b, appendixNode('appendix', 'PHỤ LỤC', line));
    b.state = 'body';
  }
  while (b.stack.length > 1 && (!top(b).headingLike || top(b).type === 'para')) b.stack.pop();
  const t = node('table', null, '', table.lineStart, false);
  t.table = table;
  t.lineEnd = table.lineEnd;
  t.structural = true;
  t.parent = top(b);
  top(b).children.push(t);
  if (b.state === 'preamble') b.state = 'body';
  b.appendixPreamble = false;
}

/** A text line `c` at index `i`: an appendix heading, a line of the front or end matter, or of the body. */
function readTextLine(b: Builder, c: ClassifiedLine, i: number): void {
  if (c.appendix) {
    b.stack.length = 1;
    push(b, appendixNode(c.appendix, c.text, c.n));
    b.state = 'body';
    b.appendixPreamble = true;
    b.lastSignificant = 'text';
    return;
  }
  if (b.state === 'end') {
    // A document attached after the signature ("CHƯƠNG TRÌNH HÀNH ĐỘNG … (Ban hành kèm theo
    // Nghị quyết số …)"): its body starts at its own first section marker.
    if (startsAttachment(c)) {
      b.stack.length = 1;
      b.state = 'preamble';
      b.bodyStart = firstBodyLine(b.cls, i + 1);
    }
    return;
  }
  if (c.endMatter) {
    b.state = 'end';
    return;
  }
  if (b.state === 'preamble') {
    if (i < b.bodyStart) return;
    b.state = 'body';
  }
  if (c.marker) readMarked(b, c, c.marker);
  else readUnmarked(b, c);
}

/** A body line without a marker: footnote overflow, continuation, closing, task field, lead-in or paragraph. */
function readUnmarked(b: Builder, c: ClassifiedLine): void {
  const t = top(b);
  const lower = /^\p{Ll}/u.test(c.text);
  if (lower && b.lastSignificant === 'pagebreak' && b.footnoteOpen) {
    b.footnoteOpen = !isTerminated(c.text); // a footnote's overflow onto the next page
    b.lastSignificant = 'footnote';
    return;
  }
  b.lastSignificant = 'text';
  if (b.appendixPreamble && t.type === 'appendix') {
    if (c.heading && t.text.split(': ').length < 2) t.text = `${t.text}: ${c.text}`;
    return;
  }
  const continues = lower || (!t.terminated && !t.headingLike && t.text.length >= 100);
  if (t.type !== 'root' && t.type !== 'appendix' && continues) return append(t, c, ' ');
  if (c.closing || /^Trên đây là(?![\p{L}])/u.test(c.text)) {
    b.state = 'end';
    return;
  }
  if (fieldOf(c.text) && t.marker) {
    // "Đơn vị chủ trì thực hiện: …" after a task: a field of the task (task-fields.ts), not more
    // of its words. After bullets, the block of fields serves the bullets of their heading.
    if (t.marker.positional && b.stack.length > 2) b.stack.pop();
    push(b, node('para', null, c.text, c.n, false, c.end));
    b.stack.pop();
    return;
  }
  const leadIn = /:\s*$/.test(c.text) || c.heading;
  if (!leadIn && t.marker && !t.headingLike) return append(t, c, '\n'); // a further paragraph of a numbered paragraph
  if (leadIn) openLeadIn(b, c);
  else {
    while (b.stack.length > 1 && top(b).type === 'para') b.stack.pop();
    push(b, node('para', null, c.text, c.n, false, c.end));
  }
}

/** An unnumbered heading is a sibling of the previous unnumbered heading, wherever that is. */
function openLeadIn(b: Builder, c: ClassifiedLine): void {
  const { stack } = b;
  let previousHeading = -1;
  if (c.heading) for (let k = stack.length - 1; k >= 1 && previousHeading < 0; k--) if (stack[k]!.type === 'leadin' && stack[k]!.heading) previousHeading = k;
  if (previousHeading >= 1) stack.length = previousHeading;
  while (stack.length > 1 && (top(b).type === 'para' || top(b).type === 'leadin' || (top(b).marker && !top(b).headingLike))) stack.pop();
  const n = node('leadin', null, c.text, c.n, c.heading, c.end);
  n.headingLike = true;
  n.structural = c.heading;
  push(b, n);
}

/** A marked line: a marker type on the path closes that node's subtree and becomes its sibling; a new type opens a level. */
function readMarked(b: Builder, c: ClassifiedLine, marker: Marker): void {
  const { stack } = b;
  b.lastSignificant = 'text';
  b.appendixPreamble = false;
  const type = marker.type;
  let found = -1;
  for (let k = stack.length - 1; k >= 1; k--) {
    if (stack[k]!.type === type) {
      found = k;
      break;
    }
  }
  if (found >= 1) stack.length = found;
  else {
    // A new level opens under the current node, but a numbered marker never opens under a
    // paragraph or a bullet ("- …" then "3.2. …" makes 3.2 a sibling of the bullet's group).
    const bulletsOnly = marker.positional;
    while (stack.length > 1 && (top(b).type === 'para' || (!bulletsOnly && top(b).marker?.positional))) stack.pop();
  }
  const n = node(type, marker, c.text, c.n, c.heading, c.end);
  n.headingLike = headingLike(n);
  n.structural = STRUCTURAL_TYPES.has(type) && n.headingLike;
  push(b, n);
  if (c.closing) b.state = 'end';
}

function node(type: NodeType, marker: Marker | null, text: string, line: number, heading: boolean, end = line): SectionNode {
  return {
    type,
    marker,
    label: null,
    text,
    heading,
    headingLike: false,
    structural: false,
    terminated: isTerminated(text),
    lineStart: line,
    lineEnd: end,
    children: [],
    parent: null,
    table: null,
  };
}

function appendixNode(label: string, title: string, line: number): SectionNode {
  const n = node('appendix', null, title, line, true);
  n.label = label;
  n.headingLike = true;
  n.structural = true;
  return n;
}

function append(n: SectionNode, c: ClassifiedLine, sep: ' ' | '\n'): void {
  n.text = n.text ? `${n.text}${sep}${c.text}` : c.text;
  n.lineEnd = c.end;
  n.terminated = isTerminated(n.text);
  if (n.marker && !n.heading && !STRUCTURAL_TYPES.has(n.type)) n.headingLike = headingLike(n);
  // Every ancestor's span covers its children.
  for (let p = n.parent; p; p = p.parent) if (p.lineEnd < c.end) p.lineEnd = c.end;
}

export function isTerminated(text: string): boolean {
  return /[.;!?…:]["”’)\]*]*\s*$/u.test(text) || /\.\/\.\s*$/.test(text);
}

/** Short numbered titles, lead-ins, ordinal groups and headings take paragraphs as children. */
function headingLike(n: SectionNode): boolean {
  if (STRUCTURAL_TYPES.has(n.type) || n.heading || n.type === 'ordinal') return true;
  if (/:\s*$/.test(n.text)) return true;
  if ((n.type.startsWith('decimal') || n.type === 'letter' || n.type === 'paren') && n.text.length <= 160 && !isTerminated(n.text)) return true;
  return false;
}

/** Index of the first line of the body at or after `from`: the first section marker after the front matter. */
function firstBodyLine(cls: readonly ClassifiedLine[], from: number): number {
  const isBody = (c: ClassifiedLine, k: number) => k >= from && c.kind === 'text' && !c.endMatter && !c.appendix;
  const end = cls.findIndex((c, k) => k >= from && c.endMatter);
  const within = (k: number) => k >= 0 && (end < 0 || k < end);
  let i = cls.findIndex((c, k) => isBody(c, k) && c.marker !== null && BODY_MARKERS.has(c.marker.type));
  if (within(i)) return i;
  i = cls.findIndex((c, k) => isBody(c, k) && c.marker !== null);
  if (within(i)) return i;
  // No markers at all: the paragraphs after an introduction ("… như sau:") are the body; text
  // without either has no body (and so no items).
  const intro = cls.findIndex((c, k) => isBody(c, k) && (/:\s*$/.test(c.text) || /như sau/iu.test(c.text)));
  return within(intro) ? intro + 1 : cls.length;
}

/** The title or subtitle of a document attached after the signature. */
function startsAttachment(c: ClassifiedLine): boolean {
  if (c.kind !== 'text') return false;
  if (/^\(?\s*(?:Ban hành\s+)?kèm theo\s+(?:Quyết định|Nghị quyết|Kế hoạch|Chỉ thị|Thông tư|Công văn|Văn bản|Chương trình)/iu.test(c.text)) return true;
  return /^(?:KẾ HOẠCH|CHƯƠNG TRÌNH|ĐỀ ÁN|QUY CHẾ|QUY ĐỊNH|DANH MỤC)(?:\s|$)/u.test(c.text) && c.text === c.text.toUpperCase();
}

/** One past the last line of the table block starting at `i` (blank lines and debris may interleave). */
function tableBlockEnd(cls: readonly ClassifiedLine[], i: number): number {
  let j = i;
  let end = i + 1;
  while (j < cls.length) {
    const c = cls[j]!;
    if (c.kind === 'table') end = j + 1;
    else if (c.kind === 'text') {
      // A loose lower-case line between rows is text of the row above.
      const next = cls.slice(j + 1).find((x) => x.kind !== 'blank' && x.kind !== 'debris' && x.kind !== 'pagebreak');
      if (!(c.marker === null && /^\p{Ll}/u.test(c.text) && next?.kind === 'table')) break;
    } else if (c.kind === 'footnote') break;
    j++;
  }
  return end;
}

/**
 * Path segments: numbered nodes keep their number (a decimal under its parent's number keeps only
 * its last part: "3.2" under "3" → "2"); bullets and paragraphs are numbered by position among the
 * positional children of their nearest numbered ancestor, lead-ins being transparent.
 */
export function assignLabels(root: SectionNode): void {
  const counters = new Map<SectionNode, number>();
  const walk = (n: SectionNode, numbered: SectionNode) => {
    for (const child of n.children) {
      if ((child.type === 'leadin' && child.children.length > 0) || child.type === 'table') {
        child.label = null;
        walk(child, numbered);
        continue;
      }
      if (child.type === 'appendix') {
        walk(child, child);
        continue;
      }
      if (child.marker && !child.marker.positional) {
        let label = child.marker.label;
        if (child.type.startsWith('decimal')) {
          const parentDecimal = ancestorDecimal(child);
          if (parentDecimal && label.startsWith(`${parentDecimal}.`)) label = label.slice(parentDecimal.length + 1);
        }
        child.label = label;
      } else {
        const k = (counters.get(numbered) ?? 0) + 1;
        counters.set(numbered, k);
        child.label = String(k);
      }
      walk(child, child);
    }
  };
  walk(root, root);
}

/** A section's span covers its children's. */
function fitSpans(n: SectionNode): void {
  for (const c of n.children) {
    fitSpans(c);
    if (c.lineEnd > n.lineEnd) n.lineEnd = c.lineEnd;
  }
}

function ancestorDecimal(n: SectionNode): string | null {
  for (let p = n.parent; p; p = p.parent) {
    if (p.marker && p.type.startsWith('decimal')) return p.marker.label;
    if (p.marker && !p.marker.positional) return null;
  }
  return null;
}
