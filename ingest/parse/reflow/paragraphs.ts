import { cleanInline } from '../text/lines.js';
import { detectMarker } from '../structure/markers.js';
import type { SourceLine } from '../types.js';

/*
 * Portal copies and OCR break every paragraph into lines of about 80 characters; the parser reads
 * a paragraph per line. These rules join a wrapped paragraph back, as a reader would:
 *
 *  - a line that opens with a numbering marker or bullet starts a new paragraph (unless the line
 *    above was cut mid-phrase by the wrap: "Sở Lao động" / "- Thương binh và Xã hội");
 *  - a line that starts in lower case, or follows a line that left a bold or italic run or a
 *    parenthesis open ("**ỦY" / "BAN NHÂN DÂN **"), continues it; so does a value after its label ("Số:" / "2609/QĐ-UBND")
 *    and the words after a marker that stands alone ("**3.**" / "Rà soát …");
 *  - after a line that ends a sentence (. ; : ! ?) a new paragraph starts, unless the line was
 *    full to the wrap width and the next one is too (the sentence ended where the wrap fell);
 *  - a title in capitals ends where mixed case begins; a wholly bold line is a heading of its own;
 *  - a line shorter than the width after the first line of a paragraph ends the paragraph.
 */

export interface WrapContext {
  /** Typical length of a full wrapped line in this document. */
  width: number;
}

const TERMINAL = /[.;:!?…]["”)\]]*$|\.\/\.$/;
const LABEL_BEFORE_VALUE = /^(?:Số|Số hiệu|Ký hiệu)\s*:?$/iu;
const SIGNATURE_LINE = /^(?:TM|T\/M|KT|K\/T|TL|T\/L|TUQ|Q|PHÓ|CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG|BÍ THƯ|PHÓ BÍ THƯ)\b/u;
const RULE = /^[-_=*.…\s]{3,}$/;
const MOTTO = /Độc lập\s*[-–—]\s*Tự do\s*[-–—]\s*Hạnh phúc|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/iu;
const PLACE_DATE = /^[\p{Lu}][\p{L}.\s]{1,30},\s*ngày\s+\d/u;
/** A numbering marker alone on its line ("**3.****" before the item's words on the next one). */
const BARE_MARKER = /^(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVXL]{1,6}|[a-zđ])\s*[.)\-:]?$/u;

const clean = (s: string) => cleanInline(s).trim();
/** A line that ends with a word a number follows ("số", "cấp độ", "khoản", "Điều", "giai đoạn"). */
const NUMBERED_WORD = /(?:^|\s)(?:số|cấp độ|loại|nhóm|khoản|điều|mục|giai đoạn|lần thứ|bước|phụ lục|tiểu dự án|dự án)$/iu;

/** Unbalanced `**` or single `*` in the text so far: an emphasis run that the wrap left open. */
export function openEmphasis(raw: string): boolean {
  const doubles = raw.match(/\*\*/g)?.length ?? 0;
  const singles = raw.replace(/\*\*/g, '').match(/\*/g)?.length ?? 0;
  return doubles % 2 === 1 || singles % 2 === 1;
}

/** "(Trong đó: VNPT:" — a parenthesis the wrap left open. */
function openParenthesis(raw: string): boolean {
  return (raw.match(/\(/g)?.length ?? 0) > (raw.match(/\)/g)?.length ?? 0);
}

function isUpper(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toLocaleUpperCase('vi');
}

/** The paragraph is one bold run from its first character to its last: a heading. */
function wholeBold(raw: string): boolean {
  const t = raw.trim();
  return /^\*\*/.test(t) && /\*\*$/.test(t) && !openEmphasis(t);
}

const firstWord = (s: string) => s.trim().split(/\s+/)[0] ?? '';
/** The wrap had to break here: the next word would not have fit on the line. */
const forcedWrap = (prevRaw: string, nextRaw: string, ctx: WrapContext) =>
  prevRaw.trimEnd().length + 1 + firstWord(nextRaw).length > ctx.width - 2;
const full = (raw: string, ctx: WrapContext) => raw.trimEnd().length >= ctx.width - 12;

interface Paragraph {
  lines: SourceLine[];
}

/** Does `next` continue the paragraph `para`? */
export function continues(para: Paragraph, next: SourceLine, ctx: WrapContext): boolean {
  const prevRaw = para.lines[para.lines.length - 1]!.text;
  const paraRaw = para.lines.map((l) => l.text).join(' ');
  const p = clean(prevRaw);
  const q = clean(next.text);
  if (!q || !p) return false;
  if (RULE.test(q) || RULE.test(p)) return false;
  if (openEmphasis(paraRaw)) return true;
  if (openParenthesis(paraRaw) && !detectMarker(q)) return true;
  if (para.lines.length === 1 && BARE_MARKER.test(p)) return true;
  if (LABEL_BEFORE_VALUE.test(p) && /^\d/.test(q)) return true;
  // "… Kế hoạch số" / "245-KH/TU ngày …", "… các địa bàn cấp độ" / "1. Cấp ngay …": the number the
  // line break cut off from the word it belongs to, not a list item (0129/KH-UBND of Đắk Lắk).
  if (NUMBERED_WORD.test(p) && /^\d/.test(q) && !isUpper(p) && !wholeBold(paraRaw)) return true;
  const marker = detectMarker(q);
  if (marker) {
    // A bullet at the start of a line cut mid-phrase is the phrase's own dash.
    return marker.marker.type === 'dash' && !TERMINAL.test(p) && forcedWrap(prevRaw, next.text, ctx) && /^[-–]\s+\p{Lu}/u.test(q) && !isUpper(p);
  }
  if (/^\p{Ll}/u.test(q)) return true;
  if (SIGNATURE_LINE.test(q) && isUpper(q)) return false;
  // Header lines of a scan: the motto, "Số: …", "<place>, ngày …", the type heading in capitals.
  if (MOTTO.test(p) || /^Số\s*[:.]?\s*\d/u.test(q) || PLACE_DATE.test(q)) return false;
  if (isUpper(q) && !isUpper(p)) return false;
  // "(Trong đó: VNPT:" / "25 trạm, Viettel: 33 trạm);": a colon the wrap fell after, then its value.
  if (/:$/.test(p) && /^\d/.test(q) && !/^\d{1,2}[.)]\s/.test(q) && forcedWrap(prevRaw, next.text, ctx)) return true;
  if (TERMINAL.test(p)) {
    return full(prevRaw, ctx) && (full(next.text, ctx) || forcedWrap(prevRaw, next.text, ctx)) && para.lines.length > 1;
  }
  if (wholeBold(paraRaw)) return false;
  if (isUpper(p) && !isUpper(q)) return false;
  if (para.lines.length > 1 && !full(prevRaw, ctx)) return false;
  return true;
}

/**
 * A bold heading the copy broke over a blank line: "**3. Đề nghị Ủy ban MTTQ …, Hội Liên hiệp**" /
 * "**Phụ nữ Thành phố và các tổ chức thành viên**" (the second part has no marker of its own).
 */
function headingContinues(para: Paragraph, next: SourceLine): boolean {
  const paraRaw = para.lines.map((l) => l.text).join(' ');
  const p = clean(paraRaw);
  const q = clean(next.text);
  return wholeBold(paraRaw) && /^\*\*\S/.test(next.text.trim()) && !detectMarker(q) && !TERMINAL.test(p) && !isUpper(p) && !isUpper(q) && q.length < 120;
}

/** Joins the wrapped lines of one block (a cell, or text between blank lines or table pipes). */
export function joinWrapped(block: SourceLine[], ctx: WrapContext): SourceLine[] {
  const out: SourceLine[] = [];
  let para: Paragraph | null = null;
  const flush = () => {
    if (!para) return;
    const first = para.lines[0]!;
    const last = para.lines[para.lines.length - 1]!;
    out.push({ n: first.n, end: last.end ?? last.n, text: para.lines.map((l) => l.text.trim()).join(' ') });
    para = null;
  };
  let blank = false;
  for (const line of block) {
    if (!line.text.trim()) {
      blank = true;
      continue;
    }
    if (para && (blank ? headingContinues(para, line) : continues(para, line, ctx))) para.lines.push(line);
    else {
      flush();
      para = { lines: [line] };
    }
    blank = false;
  }
  flush();
  return out;
}

/**
 * The width the document was wrapped at: the length lines reach when the next one continues their
 * sentence (it starts in lower case). Null when the text is not hard-wrapped: most lines that
 * continue are short, or many lines run well past 100 characters.
 */
export function wrapWidth(lines: SourceLine[]): number | null {
  const lengths: number[] = [];
  let long = 0;
  let nonEmpty = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text.trimEnd();
    if (!t.trim()) continue;
    nonEmpty++;
    if (t.length > 110) long++;
    const next = lines[i + 1]?.text ?? '';
    if (t.length >= 40 && t.length <= 110 && /^\p{Ll}/u.test(clean(next))) lengths.push(t.length);
  }
  if (nonEmpty === 0 || lengths.length < 8 || long / nonEmpty > 0.08) return null;
  lengths.sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.9)]!;
}
