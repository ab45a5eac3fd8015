import { matchKey } from '../../../core/vn-text.js';
import type { Timeline } from '../../../graph-schema/index.js';
import { cleanInline } from '../text/lines.js';

/**
 * Timelines as plans write them ("Thường xuyên", "Hằng năm", "năm 2025", "Quý III/2024",
 * "trước 30/6/2025", "2024-2025", "giai đoạn 2024 - 2030", "đến năm 2030", "Tháng 9/2024"),
 * normalised to the `Timeline` schema:
 *
 *   recurring  "Thường xuyên" (continuous), "Hằng năm"/"Hàng năm" (annual), "Định kỳ", "hàng quý"
 *              (recurrence null); a period named next to it ("Hằng năm, giai đoạn 2024-2030")
 *              fills from/to
 *   year       one calendar year: from 1 Jan to 31 Dec
 *   quarter    one quarter, or consecutive quarters of a year ("Quý III-IV/2024")
 *   deadline   "trước …" / "chậm nhất …" (to = the day itself for a date, else the day before the
 *              period named: "trước tháng 6/2025" → 2025-05-31), "đến (hết) năm 2030" (to = the
 *              end of the period)
 *   range      two or more periods ("2024-2025", "từ tháng 9/2024 đến tháng 12/2024"),
 *              "giai đoạn …", a single month ("Tháng 9/2024" → its first and last day), an open
 *              start ("từ năm 2025", "năm 2025 và các năm tiếp theo": to = null), half years
 *   date       a single day
 *   other      anything else that is not empty ("Sau khi có hướng dẫn của Bộ"), kept as raw
 *
 * Pure; no clock: nothing is relative to today.
 */
export function parseTimeline(raw: string): Timeline | null {
  const text = cleanInline(raw).replace(/\s+/g, ' ').trim().replace(/[.;,]+$/, '').trim();
  if (!text) return null;
  const f = matchKey(text);

  const spans = extractSpans(f);
  const recurring = /\b(thuong xuyen|lien tuc|hang nam|moi nam|dinh ky|hang quy|hang thang|hang tuan)\b/.test(f);
  const before = /\b(truoc|cham nhat|khong muon hon|han chot)\b/.test(f);
  const fromCue = /\btu\b(?! nay| bay gio)/.test(f);
  const until = /\b(den|toi)\b/.test(f) && !fromCue;
  const openEnd = /\b(tiep theo|cac nam sau|tro di|ve sau)\b/.test(f) || (fromCue && spans.length === 1 && spans[0]!.type !== 'range');
  const hull = hullOf(spans);

  if (recurring) {
    const annual = /\b(hang nam|moi nam)\b/.test(f);
    const continuous = /\b(thuong xuyen|lien tuc)\b/.test(f);
    // "Hằng năm, giai đoạn 2024-2030" spans the period; "Năm 2025 và hằng năm" only starts then.
    const bounded = spans.length >= 2 || spans[0]?.type === 'range';
    return {
      kind: 'recurring',
      raw: text,
      from: hull?.from ?? null,
      to: bounded && !openEnd ? hull!.to : null,
      recurrence: annual ? 'annual' : continuous ? 'continuous' : null,
    };
  }
  if (!hull) return { kind: 'other', raw: text, from: null, to: null, recurrence: null };

  if (before && spans.length === 1) {
    const s = spans[0]!;
    const to = s.type === 'date' ? s.from : dayBefore(s.from);
    return { kind: 'deadline', raw: text, from: null, to, recurrence: null };
  }
  if (until && spans.length === 1) {
    return { kind: 'deadline', raw: text, from: null, to: spans[0]!.to, recurrence: null };
  }
  if (openEnd) return { kind: 'range', raw: text, from: hull.from, to: null, recurrence: null };
  if (spans.length >= 2 || /\bgiai doan\b/.test(f)) {
    return { kind: 'range', raw: text, from: hull.from, to: hull.to, recurrence: null };
  }
  const s = spans[0]!;
  const kind = s.type === 'month' || s.type === 'half' ? 'range' : s.type;
  return { kind, raw: text, from: s.from, to: s.to, recurrence: null };
}

/**
 * A timeline stated inside a task's own text, for tasks without a timeline column. Deliberately
 * narrow, so horizons of strategies named in the text ("Chiến lược … đến năm 2030") are not taken
 * for deadlines: a labelled field ("Thời gian thực hiện: …", "Thời hạn: …", "Tiến độ: …"),
 * "hoàn thành trong/trước/vào …", a final parenthesis that is a timeline ("(Quý III/2024)"), or a
 * text that opens with "Thường xuyên" / "Hằng năm" / "Định kỳ hằng năm".
 */
export function findTimelineInText(text: string): Timeline | null {
  const t = cleanInline(text).replace(/\s+/g, ' ').trim();
  if (!t) return null;
  const candidates: string[] = [];
  const label = /(?:^|[\s;.(])(?:Thời gian(?: thực hiện| hoàn thành)?|Thời hạn(?: thực hiện| hoàn thành)?|Tiến độ(?: thực hiện| hoàn thành)?|Mốc thời gian)\s*:\s*([^;\n)]+)/iu.exec(t);
  if (label?.[1]) candidates.push(label[1].replace(/\.\s.*$/, ''));
  const done = /hoàn thành\s+((?:trong|trước|vào|chậm nhất|xong trước|xong trong|xong)\s+[^,;()\n]+)/iu.exec(t);
  if (done?.[1]) candidates.push(done[1].replace(/\.\s.*$/, ''));
  const paren = /\(([^()]{3,80})\)\s*[.;]?\s*$/u.exec(t);
  if (paren?.[1]) candidates.push(paren[1]);
  const start = /^(Thường xuyên|Hằng năm|Hàng năm|Định kỳ hằng năm|Định kỳ hàng năm)(?![\p{L}])/u.exec(t);
  if (start?.[1]) candidates.push(start[1]);
  for (const c of candidates) {
    const tl = parseTimeline(c);
    if (tl && tl.kind !== 'other') return tl;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

type SpanType = 'year' | 'quarter' | 'date' | 'month' | 'half' | 'range';
interface Span {
  type: SpanType;
  from: string;
  to: string;
}

const YEAR = '((?:19|20)\\d{2})';
const QUARTER = '(iv|i{1,3}|[1-4])';

/** Every period the text names, each consumed so a date's year is not counted again. */
function extractSpans(f: string): Span[] {
  let s = f;
  const spans: { at: number; span: Span }[] = [];
  const take = (re: RegExp, make: (m: RegExpExecArray) => Span | null) => {
    s = s.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const at = args[args.length - 2] as number;
      const span = make(m);
      if (!span) return m[0]!;
      spans.push({ at, span });
      return ' '.repeat(m[0]!.length);
    });
  };
  // 30/6/2025, 30-6-2025, 30.6.2025; ngày 30 tháng 6 năm 2025
  take(new RegExp(`\\b(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*${YEAR}\\b`, 'g'), (m) => dateSpan(+m[3]!, +m[2]!, +m[1]!));
  take(new RegExp(`\\bngay\\s*(\\d{1,2})\\s*thang\\s*(\\d{1,2})\\s*nam\\s*${YEAR}\\b`, 'g'), (m) => dateSpan(+m[3]!, +m[2]!, +m[1]!));
  // Quý III/2024, quý 3 năm 2024, Quý III-IV/2024, quý III và quý IV năm 2024
  take(
    new RegExp(`\\bquy\\s*${QUARTER}(?:\\s*(?:-|–|,|va)\\s*(?:quy\\s*)?${QUARTER})?\\s*(?:/|-|nam|cua nam|,)?\\s*(?:nam\\s*)?${YEAR}\\b`, 'g'),
    (m) => quarterSpan(+m[3]!, quarterNo(m[1]!), m[2] ? quarterNo(m[2]) : null),
  );
  // 6 tháng đầu/cuối năm 2025
  take(new RegExp(`\\b(?:6|sau) thang (dau|cuoi) nam\\s*${YEAR}\\b`, 'g'), (m) =>
    m[1] === 'dau' ? { type: 'half', from: iso(+m[2]!, 1, 1), to: iso(+m[2]!, 6, 30) } : { type: 'half', from: iso(+m[2]!, 7, 1), to: iso(+m[2]!, 12, 31) },
  );
  // tháng 9/2024, tháng 9 năm 2024, tháng 9-2024, 9/2024
  take(new RegExp(`\\bthang\\s*(\\d{1,2})\\s*(?:/|-|\\.|nam)\\s*${YEAR}\\b`, 'g'), (m) => monthSpan(+m[2]!, +m[1]!));
  take(new RegExp(`\\b(\\d{1,2})\\s*/\\s*${YEAR}\\b`, 'g'), (m) => monthSpan(+m[2]!, +m[1]!));
  // 2024-2025, 2024 - 2030, 2024 đến (năm) 2025
  take(new RegExp(`\\b${YEAR}\\s*(?:-|–|—|den|toi)\\s*(?:nam\\s*)?${YEAR}\\b`, 'g'), (m) => {
    const a = +m[1]!;
    const b = +m[2]!;
    return a <= b ? { type: 'range', from: iso(a, 1, 1), to: iso(b, 12, 31) } : null;
  });
  take(new RegExp(`\\b${YEAR}\\b`, 'g'), (m) => ({ type: 'year', from: iso(+m[1]!, 1, 1), to: iso(+m[1]!, 12, 31) }));
  return spans.sort((a, b) => a.at - b.at).map((x) => x.span);
}

function hullOf(spans: Span[]): { from: string; to: string } | null {
  if (spans.length === 0) return null;
  let from = spans[0]!.from;
  let to = spans[0]!.to;
  for (const s of spans) {
    if (s.from < from) from = s.from;
    if (s.to > to) to = s.to;
  }
  return { from, to };
}

function quarterNo(q: string): number {
  const roman: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
  return roman[q] ?? Number(q);
}

function quarterSpan(year: number, q1: number, q2: number | null): Span | null {
  const last = q2 ?? q1;
  if (q1 < 1 || q1 > 4 || last < q1 || last > 4) return null;
  return { type: 'quarter', from: iso(year, (q1 - 1) * 3 + 1, 1), to: iso(year, last * 3, daysIn(year, last * 3)) };
}

function monthSpan(year: number, month: number): Span | null {
  if (month < 1 || month > 12) return null;
  return { type: 'month', from: iso(year, month, 1), to: iso(year, month, daysIn(year, month)) };
}

function dateSpan(year: number, month: number, day: number): Span | null {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  const d = iso(year, month, day);
  return { type: 'date', from: d, to: d };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dayBefore(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d) - 86_400_000);
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
