import { fileNameSerial } from '../../../core/file-names.js';
import { foldLower } from '../text/fold.js';
import { numberAt, type ParsedNumber } from '../document-numbers.js';
import type { ParsedDate } from '../dates.js';

/*
 * Signed scans from the Government portal have their number and day written by hand into the
 * printed form ("Số: 190 /CĐ-TTg", "Hà Nội, ngày 07 tháng 10 năm 2025"): OCR reads the printed
 * part and garbles the rest ("Số: /90 /CĐ-TTg", "ngày O0Tftháng10"). What can still be known:
 *  - the printed code of the number ("/CĐ-TTg") and a serial in the file name ("190-ttg.signed.pdf");
 *  - the printed month and year of the date, a day that OCR read as letters ("O8" is 08);
 *  - the portal's e-signature stamp ("Thời gian ký: 10.10.2025 14:11:09 +07:00"), signed on or
 *    shortly after the issue date: its date stands in for what the header lost.
 * Each fallback is reported as a warning: the user sees the value was not read from the header.
 */

/** The date of the e-signature stamp the portal adds ("Thời gian ký: 06.10.2025 10:34:46 +07:00"). */
export function stampDate(foldedLines: readonly string[]): ParsedDate | null {
  for (const f of foldedLines) {
    const m = /thoi gian ky\s*:\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})/.exec(f);
    if (!m) continue;
    const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return { iso, year: Number(m[3]), length: m[0].length };
  }
  return null;
}

/** OCR's usual confusions inside a number written in digits ("O8" → "08", "l2" → "12"). */
function digitsOf(token: string): number | null {
  const t = token.replace(/[oq]/g, '0').replace(/[li|!]/g, '1').replace(/[^0-9]/g, '');
  return t.length >= 1 && t.length <= 2 ? Number(t) : null;
}

function isoOf(d: number, m: number, y: number): string | null {
  if (d < 1 || d > 31 || m < 1 || m > 12 || y < 1945 || y > 2100) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The header's date, read loosely: day and month repaired from OCR letters, a part that stays
 * unreadable filled from the stamp's date when the stamp is of the same year. Null when the
 * header has no "ngày … tháng … năm …" at all.
 */
export function repairedHeaderDate(foldedHeader: readonly string[], stamp: ParsedDate | null): { date: ParsedDate; completed: boolean } | null {
  for (const f of foldedHeader) {
    // The header's "<place>, ngày … tháng … năm …", not a date of a document the text cites. The
    // place starts where a word starts: tried from inside a run of letters as well, a line of one
    // long word costs time squared in its length (a 1 MB line: most of an hour).
    const m = /(?<![a-z])[a-z]{2,}(?:\s+[a-z]{2,}){0,3}\s*,\s*ngay\s*(\S{0,5}?)\s*thang\s*(\S{0,4}?)\s*(?:,\s*)?nam\s*(\d{4})/.exec(f);
    if (!m) continue;
    const year = Number(m[3]);
    let day = digitsOf(m[1] ?? '');
    let month = digitsOf(m[2] ?? '');
    if (day !== null && (day < 1 || day > 31)) day = null;
    if (month !== null && (month < 1 || month > 12)) month = null;
    let completed = false;
    if ((day === null || month === null) && stamp && stamp.year === year) {
      const [, sm, sd] = stamp.iso.split('-').map(Number) as [number, number, number];
      if (month === null) month = sm;
      if (day === null) day = sd;
      completed = true;
    }
    const iso = day !== null && month !== null ? isoOf(day, month, year) : null;
    if (iso) return { date: { iso, year, length: m[0].length }, completed };
    return null;
  }
  return null;
}

/**
 * "Số: /90 /CĐ-TTg" with an unreadable serial: the printed code after the slash, joined to the
 * serial of the file name, read as a number again (so the code is normalised the usual way).
 * `fixCode` may repair a code OCR misread ("CĐ-TTp" → "CĐ-TTg").
 */
export function numberFromFileName(headerLines: readonly string[], fileName: string | undefined, fixCode: (code: string) => string): ParsedNumber | null {
  const serial = fileNameSerial(fileName);
  if (!serial) return null;
  for (const line of headerLines) {
    const m = /Số\s*[:.]?\s*\S{0,6}?\s*\/\s*([A-ZĐ]{1,5}\s*-\s*[A-ZĐa-z0-9]{1,14})/u.exec(line);
    if (!m) continue;
    const text = `${serial}/${fixCode(m[1]!.replace(/\s+/g, ''))}`;
    const n = numberAt(text, foldLower(text), 0);
    if (n && n.length === text.length) return n;
  }
  return null;
}
