import { foldLower } from '../text/fold.js';
import { cleanInline } from '../text/lines.js';

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
  ['lead', /^(?:(?:co quan|don vi|bo phan)(?:\s*,\s*(?:co quan|don vi))*\s+)?(?:chu tri|dau moi)(?: tham muu)?(?: thuc hien| trien khai)?\s*:/],
  ['implementers', /^(?:co quan|don vi|bo phan)(?:\s*,\s*(?:co quan|don vi))*\s+(?:thuc hien|trien khai|chiu trach nhiem)\s*:/],
  ['implementers', /^trach nhiem thuc hien\s*:/],
  // "Thời hạn ban hành:", "Thời hạn trình:": the deadline of a text to issue or submit is a time too.
  ['time', /^(?:thoi gian|thoi han|tien do|moc thoi gian)(?: (?:thuc hien|hoan thanh|trien khai|ban hanh|trinh|bao cao|gui))*\s*:/],
  ['time', /^thoi gian (?:thuc hien|hoan thanh)(?=\s+(?:sau|truoc|trong|tu|nam|quy|thang|hang|thuong|dinh ky|ngay)\b)/],
  ['content', /^(?:noi dung|nhiem vu)(?: thuc hien| cu the| chu yeu)?\s*:/],
  ['other', /^(?:san pham|ket qua(?: dau ra| du kien)?|kinh phi(?: thuc hien)?|nguon kinh phi|hinh thuc(?: thuc hien)?|doi tuong|phuong thuc|dia diem|ghi chu)\s*:/],
];

/** The field a node's text is, and the words after its label. */
export function fieldOf(text: string): { kind: FieldKind; value: string } | null {
  const clean = cleanInline(text).replace(/\s+/g, ' ').trim().replace(/^[-+•]\s*/u, '');
  const f = foldLower(clean);
  for (const [kind, re] of LABELS) {
    const m = re.exec(f);
    if (m) return { kind, value: clean.slice(m[0].length).trim() };
  }
  return null;
}
