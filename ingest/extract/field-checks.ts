import type { DigitReading } from './digit-ocr.js';
import type { FieldKind } from './header-fields.js';
import type { CalendarDay } from './pdf-stamp.js';

/*
 * What a digits-only reading of a handwritten field must satisfy before it replaces what the
 * first OCR pass read: a plausible value for its kind, agreement among the OCR modes, and for the
 * date, the e-signature stamp's day (the portal signs on the day of issue or within days). Pure.
 */

/** A serial has 1–5 digits, a day 1–31, a month 1–12, a year 4 digits from 1945 to 2100. */
export function plausible(kind: FieldKind, digits: string): boolean {
  const n = Number(digits);
  if (kind === 'serial') return /^\d{1,5}$/.test(digits) && n > 0;
  if (kind === 'year') return /^\d{4}$/.test(digits) && n >= 1945 && n <= 2100;
  if (!/^\d{1,2}$/.test(digits)) return false;
  return kind === 'day' ? n >= 1 && n <= 31 : n >= 1 && n <= 12;
}

/** The confidence (0–100) a value read by one mode alone needs; two or more modes agreeing need this much together. */
const SURE_ALONE = 80;
const SURE_TOGETHER = 40;

/**
 * The answer of several OCR modes on one field: the plausible value with the highest summed
 * confidence ("06" and "6" are one value). It is taken when one mode read it with confidence
 * `SURE_ALONE`, or several with `SURE_TOGETHER` between them (tesseract gives low confidences to
 * some right readings under a whitelist), and only if its summed confidence is at least twice
 * that of all the plausible readings that disagree with it. Null when no answer is good enough.
 */
export function chooseReading(kind: FieldKind, readings: readonly (DigitReading | null)[]): string | null {
  const byValue = new Map<number, { digits: string; votes: number; conf: number }>();
  let total = 0;
  for (const r of readings) {
    if (!r || !plausible(kind, r.digits)) continue;
    const key = Number(r.digits);
    const had = byValue.get(key) ?? { digits: r.digits, votes: 0, conf: 0 };
    // Keep the reading with its leading zero for the text ("07" rather than "7").
    if (r.digits.length > had.digits.length) had.digits = r.digits;
    had.votes++;
    had.conf += r.conf;
    byValue.set(key, had);
    total += r.conf;
  }
  const best = [...byValue.values()].sort((a, b) => b.conf - a.conf || b.votes - a.votes)[0];
  if (!best || best.conf < (best.votes >= 2 ? SURE_TOGETHER : SURE_ALONE)) return null;
  return best.conf >= 2 * (total - best.conf) ? best.digits : null;
}

/** The issue date may be up to this many days before the stamp (a month's signing delay at most). */
export const MAX_DAYS_BEFORE_STAMP = 31;

/**
 * Whether day/month/year make a real date that is not after the stamp's day and not more than
 * `MAX_DAYS_BEFORE_STAMP` days before it.
 */
export function dateFitsStamp(date: CalendarDay, stamp: CalendarDay): boolean {
  const t = Date.UTC(date.year, date.month - 1, date.day);
  const d = new Date(t);
  if (d.getUTCFullYear() !== date.year || d.getUTCMonth() !== date.month - 1 || d.getUTCDate() !== date.day) return false;
  const s = Date.UTC(stamp.year, stamp.month - 1, stamp.day);
  return t <= s && s - t <= MAX_DAYS_BEFORE_STAMP * 86_400_000;
}

/** Whether an issue date in `year` can fit the stamp: the stamp's year, or the one before when the stamp is early in January. */
export function yearFitsStamp(year: number, stamp: CalendarDay): boolean {
  return year === stamp.year || (year === stamp.year - 1 && dateFitsStamp({ year, month: 12, day: 31 }, stamp));
}
