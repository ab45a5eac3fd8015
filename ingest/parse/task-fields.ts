import { parseAgencyCell, parseAssignment, type Assignment, type Mention } from './agencies.js';
import { foldLower } from './fold.js';
import { cleanInline } from './lines.js';
import type { SectionNode } from './sections.js';

/*
 * Many plans describe a task as a small form instead of a sentence: the task's words, then
 * labelled lines that belong to it.
 *
 *   a) Nghị định quy định chi tiết …          1.1. Xây dựng các Chiến lược …:
 *   - Cơ quan chủ trì: Sở Khoa học và …        a) Nhiệm vụ: Tham mưu UBND Thành phố …
 *   - Cơ quan phối hợp: Các sở, ngành …        b) Cơ quan thực hiện:
 *   - Thời gian thực hiện: Quý IV/2025.           - Đơn vị chủ trì: Sở Khoa học và Công nghệ.
 *                                                 - Đơn vị phối hợp: Các Sở, ban, ngành.
 *                                              c) Thời gian thực hiện: Hoàn thành trong năm 2025.
 *
 * The labelled lines are fields of the task above them (or of the tasks listed under "Nhiệm vụ:"),
 * never tasks of their own. "Cơ quan thực hiện: A; B và các sở liên quan" names the leads.
 */

export type FieldKind = 'lead' | 'coord' | 'implementers' | 'time' | 'content' | 'other';

const LABELS: ReadonlyArray<readonly [FieldKind, RegExp]> = [
  ['coord', /^(?:(?:co quan|don vi|bo phan)(?:\s*,\s*(?:co quan|don vi|dia phuong))*\s+)?phoi hop(?: thuc hien)?\s*:/],
  ['lead', /^(?:(?:co quan|don vi|bo phan)(?:\s*,\s*(?:co quan|don vi))*\s+)?(?:chu tri|dau moi)(?: thuc hien)?\s*:/],
  ['implementers', /^(?:co quan|don vi|bo phan)(?:\s*,\s*(?:co quan|don vi))*\s+(?:thuc hien|trien khai|chiu trach nhiem)\s*:/],
  ['implementers', /^trach nhiem thuc hien\s*:/],
  ['time', /^(?:thoi gian|thoi han|tien do|moc thoi gian)(?: thuc hien| hoan thanh| trien khai)?\s*:/],
  ['time', /^thoi gian (?:thuc hien|hoan thanh)(?=\s+(?:sau|truoc|trong|tu|nam|quy|thang|hang|thuong|dinh ky|ngay)\b)/],
  ['content', /^(?:noi dung|nhiem vu)(?: thuc hien| cu the| chu yeu)?\s*:/],
  ['other', /^(?:san pham|ket qua(?: dau ra| du kien)?|kinh phi(?: thuc hien)?|nguon kinh phi|hinh thuc(?: thuc hien)?|doi tuong|phuong thuc|dia diem|ghi chu)\s*:/],
];

/** The field a node's text is, and the words after its label. */
export function fieldOf(text: string): { kind: FieldKind; value: string } | null {
  const clean = cleanInline(text).replace(/\s+/g, ' ').trim();
  const f = foldLower(clean);
  for (const [kind, re] of LABELS) {
    const m = re.exec(f);
    if (m) return { kind, value: clean.slice(m[0].length).trim() };
  }
  return null;
}

export interface TaskFields {
  assignment: Assignment | null;
  time: string | null;
  /** "Nhiệm vụ: …": the task's own words, or the list of tasks under it. */
  content: SectionNode | null;
  /** The children that are not fields. */
  rest: SectionNode[];
  /** The field nodes (their lines belong to the task). */
  fieldNodes: SectionNode[];
}

/** A node's children split into fields and the rest; null when none of them is a field. */
export function readTaskFields(n: SectionNode): TaskFields | null {
  const rest: SectionNode[] = [];
  const fieldNodes: SectionNode[] = [];
  const lead: string[] = [];
  const coord: string[] = [];
  let time: string | null = null;
  let content: SectionNode | null = null;
  const take = (c: SectionNode, depth: number): boolean => {
    const field = fieldOf(c.text);
    if (!field) return false;
    const value = [field.value, ...c.children.map((k) => cleanInline(k.text))].filter(Boolean).join('; ');
    if (field.kind === 'content') content = c;
    else if (field.kind === 'lead' || (field.kind === 'implementers' && field.value)) lead.push(field.value || value);
    else if (field.kind === 'coord') coord.push(value);
    else if (field.kind === 'time') time = value;
    if (field.kind === 'implementers' && !field.value && depth === 0) {
      // "Cơ quan thực hiện:" over "- Đơn vị chủ trì: …" / "- Đơn vị phối hợp: …"; bare names lead.
      for (const k of c.children) if (!take(k, 1)) lead.push(cleanInline(k.text));
    }
    fieldNodes.push(c);
    return true;
  };
  for (const c of n.children) if (!take(c, 0)) rest.push(c);
  if (fieldNodes.length === 0) return null;
  return { assignment: assignmentOf(lead, coord), time, content, rest, fieldNodes };
}

function assignmentOf(lead: string[], coord: string[]): Assignment | null {
  const l: Mention[] = [];
  const c: Mention[] = [];
  for (const v of lead) {
    // "Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành …".
    const stated = parseAssignment(v, { wholeIsList: true });
    if (stated.lead.length && /chủ trì|phối hợp/iu.test(v)) {
      l.push(...stated.lead);
      c.push(...stated.coord);
    } else l.push(...parseAgencyCell(v).mentions);
  }
  for (const v of coord) c.push(...parseAgencyCell(v).mentions);
  const coordOnly = c.filter((m) => !l.some((x) => x.raw === m.raw));
  if (!l.length && !coordOnly.length) return null;
  return {
    lead: l,
    coord: coordOnly,
    leadRaw: l.length ? lead.join('; ') : null,
    coordRaw: coordOnly.length ? coord.join('; ') || coordOnly.map((m) => m.raw).join(', ') : null,
  };
}
