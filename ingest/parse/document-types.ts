import type { DocumentTypeCode } from '../../graph-schema/index.js';

export interface TypeInfo {
  code: DocumentTypeCode;
  name: string;
}

/** Type words as written before a number, folded; longest first. */
const TYPE_WORDS: ReadonlyArray<[string, TypeInfo]> = (
  [
    ['chuong trinh hanh dong', { code: 'ctr', name: 'Chương trình hành động' }],
    ['nghi quyet lien tich', { code: 'nq', name: 'Nghị quyết liên tịch' }],
    ['thong tu lien tich', { code: 'tt', name: 'Thông tư liên tịch' }],
    // A "Thông báo kết luận" is a Thông báo (its number says TB): one type name for both.
    ['thong bao ket luan', { code: 'tb', name: 'Thông báo' }],
    ['chuong trinh', { code: 'ctr', name: 'Chương trình' }],
    ['ket luan', { code: 'kl', name: 'Kết luận' }],
    ['nghi quyet', { code: 'nq', name: 'Nghị quyết' }],
    ['quyet dinh', { code: 'qd', name: 'Quyết định' }],
    ['ke hoach', { code: 'kh', name: 'Kế hoạch' }],
    ['chi thi', { code: 'ct', name: 'Chỉ thị' }],
    ['thong tu', { code: 'tt', name: 'Thông tư' }],
    ['cong van', { code: 'cv', name: 'Công văn' }],
    ['van ban', { code: 'cv', name: 'Văn bản' }],
    ['thong bao', { code: 'tb', name: 'Thông báo' }],
    ['nghi dinh', { code: 'nd', name: 'Nghị định' }],
    ['bo luat', { code: 'luat', name: 'Bộ luật' }],
    ['luat', { code: 'luat', name: 'Luật' }],
    ['huong dan', { code: 'hd', name: 'Hướng dẫn' }],
    ['de an', { code: 'other', name: 'Đề án' }],
    ['quy dinh', { code: 'other', name: 'Quy định' }],
    ['quy che', { code: 'other', name: 'Quy chế' }],
    ['phap lenh', { code: 'other', name: 'Pháp lệnh' }],
    ['cong dien', { code: 'other', name: 'Công điện' }],
    ['bao cao', { code: 'other', name: 'Báo cáo' }],
    ['to trinh', { code: 'other', name: 'Tờ trình' }],
  ] as Array<[string, TypeInfo]>
).sort((a, b) => b[0].length - a[0].length);

/** Regex source for any type word in a folded-lower string, longest first. */
export const TYPE_WORD_PATTERN = TYPE_WORDS.map(([w]) => w.replace(/ /g, '\\s+')).join('|');

export function typeFromWords(folded: string): TypeInfo | null {
  const f = folded.replace(/\s+/g, ' ').trim();
  return TYPE_WORDS.find(([w]) => w === f)?.[1] ?? null;
}

/** The type code inside a number ("KL" in 69-KL/TW), folded lower → type. */
const TYPE_CODES: Readonly<Record<string, TypeInfo>> = {
  kl: { code: 'kl', name: 'Kết luận' },
  nq: { code: 'nq', name: 'Nghị quyết' },
  nqlt: { code: 'nq', name: 'Nghị quyết liên tịch' },
  qd: { code: 'qd', name: 'Quyết định' },
  kh: { code: 'kh', name: 'Kế hoạch' },
  ctr: { code: 'ctr', name: 'Chương trình' },
  ct: { code: 'ct', name: 'Chỉ thị' },
  tt: { code: 'tt', name: 'Thông tư' },
  ttlt: { code: 'tt', name: 'Thông tư liên tịch' },
  cv: { code: 'cv', name: 'Công văn' },
  tb: { code: 'tb', name: 'Thông báo' },
  nd: { code: 'nd', name: 'Nghị định' },
  hd: { code: 'hd', name: 'Hướng dẫn' },
  qdi: { code: 'other', name: 'Quy định' },
  da: { code: 'other', name: 'Đề án' },
  bc: { code: 'other', name: 'Báo cáo' },
  ttr: { code: 'other', name: 'Tờ trình' },
  qc: { code: 'other', name: 'Quy chế' },
  cd: { code: 'other', name: 'Công điện' },
};

/** Regex source for any type code of a number, folded lower, longest first. */
export const TYPE_CODE_PATTERN = Object.keys(TYPE_CODES)
  .sort((a, b) => b.length - a.length)
  .join('|');

export function typeFromCode(code: string | null | undefined): TypeInfo | null {
  return code ? (TYPE_CODES[code.toLowerCase()] ?? null) : null;
}

/** Codes not written as plain capitals. */
const TYPE_CODE_DISPLAY: Readonly<Record<string, string>> = {
  qd: 'QĐ', nd: 'NĐ', ctr: 'CTr', qdi: 'QĐi', ttr: 'TTr', da: 'ĐA', cd: 'CĐ',
};

/** A folded type code as numbers write it: "qd" → "QĐ", "ctr" → "CTr", "kl" → "KL". */
export function typeCodeDisplay(code: string): string {
  return TYPE_CODE_DISPLAY[code] ?? code.toUpperCase();
}
