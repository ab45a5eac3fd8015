export interface ParsedDate {
  iso: string;
  year: number;
  /** Characters the date takes in the folded text. */
  length: number;
}

function isoDate(d: number, m: number, y: number): string | null {
  if (d < 1 || d > 31 || m < 1 || m > 12 || y < 1945 || y > 2100) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DATE_WORDS = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:,\s*)?nam\s*(\d{4})(?!\d)/y;
const DATE_NUMERIC = /(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)/y;
const DATE_LEAD = /ngay\s*/y;

/**
 * A date starting at `index` of a folded-lower string: "ngày 11 tháng 01 năm 2024", "11/01/2024",
 * "11-01-2024", "27 /8/2024" (an optional leading "ngày" is part of the match).
 */
export function dateAt(folded: string, index: number): ParsedDate | null {
  DATE_WORDS.lastIndex = index;
  let m = DATE_WORDS.exec(folded);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? { iso, year: Number(m[3]), length: m[0].length } : null;
  }
  DATE_LEAD.lastIndex = index;
  const l = DATE_LEAD.exec(folded);
  const start = l ? index + l[0].length : index;
  DATE_NUMERIC.lastIndex = start;
  m = DATE_NUMERIC.exec(folded);
  if (!m) return null;
  const iso = isoDate(Number(m[1]), Number(m[3]), Number(m[4]));
  return iso ? { iso, year: Number(m[4]), length: start - index + m[0].length } : null;
}
