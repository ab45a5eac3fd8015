import { readDigits, type DigitMode, type DigitReading } from './digit-ocr.js';
import { chooseReading, dateFitsStamp, yearFitsStamp } from './field-checks.js';
import { blankColumnNear, fieldInk, type GrayImage } from './gray-image.js';
import { editLine, type TextEdit } from './header-edit.js';
import { findHeaderFields, type FieldKind, type HeaderField } from './header-fields.js';
import type { CalendarDay } from './pdf-stamp.js';
import { lineText, type OcrLine, type OcrPage } from './tesseract-tsv.js';

/*
 * A second, targeted OCR pass over page 1 of a scan: the serial of "Số: 190 /CĐ-TTg" and the day
 * (sometimes the month) of "ngày 07 tháng 10 năm 2025" are often written by hand into the printed
 * form, and the page's OCR garbles them ("Số: /90 /CĐ-TTg", "ngày O0Tftháng10"). Each garbled
 * field's ink is cut out between its printed anchors and read again with digits only; a reading
 * that the modes agree on and that passes the checks (field-checks.ts) replaces the garbled text.
 */

/**
 * The modes each field is read in. Tesseract's English model reads these handwritten digits far
 * better than the Vietnamese one (psm 7 and 8: 19 and 18 right of the 24 number, day and month
 * fields of data/pdf-scans, against 10 and 12), but each reads some the other misses ("07" of
 * 190/CĐ-TTg only `vie`, psm 7). One process per mode reads all the fields of the page.
 */
export const DIGIT_MODES: readonly DigitMode[] = [
  { lang: 'eng', psm: 7 },
  { lang: 'eng', psm: 8 },
  { lang: 'vie', psm: 7 },
  { lang: 'vie', psm: 8 },
];

/** A reading of a doubted serial that the file name confirms needs this confidence (0–100). */
const WITNESSED_CONFIDENCE = 60;

const NAMES: Record<Exclude<FieldKind, 'year'>, string> = { serial: 'number', day: 'day', month: 'month' };

export interface HandwritingOptions {
  /** The day of the page's e-signature stamp: without it a date is left as read. */
  stamp: CalendarDay | null;
  workDir: string;
  /** Distinguishes this page's files in `workDir`. */
  tag: string;
  /** Read every field, garbled or not (for measuring the reader); the text is still only changed where it was garbled. */
  readAll?: boolean;
  /**
   * The serial the file name gives ("2224-ttg.signed.pdf"): a clean serial that differs from it
   * is read again, and replaced only when the second reading agrees with the file name.
   */
  fileSerial?: string | null;
  modes?: readonly DigitMode[];
}

export interface FieldReport {
  kind: FieldKind;
  /** What the first pass read. */
  firstPass: string;
  /** Whether the first pass's text was unusable (a serial or day not in clean digits, a year that does not fit the stamp). */
  garbled: boolean;
  /** What each mode of `DIGIT_MODES` read; empty when the field was not read again. */
  readings: (DigitReading | null)[];
  /** The answer of the modes (field-checks.ts), null when there is none. */
  chosen: string | null;
  /** Whether the text now holds `chosen`. */
  applied: boolean;
}

export interface HandwritingResult {
  page: OcrPage;
  /** "page 1: handwritten number/day read by a second, digits-only OCR pass (190, 07)"; null when nothing changed. */
  warning: string | null;
  /** Every field looked at, for measurements. */
  fields: FieldReport[];
}

/** Page 1's OCR with its garbled handwritten number and date fields read again (see above); `image` is the page's, or what loads it. */
export async function rereadHandwrittenFields(page: OcrPage, image: GrayImage | (() => Promise<GrayImage>), opts: HandwritingOptions): Promise<HandwritingResult> {
  const found = findHeaderFields(page.wordLines);
  const garbled = (f: HeaderField) => !f.clean || (f.kind === 'year' && opts.stamp !== null && !yearFitsStamp(Number(f.text), opts.stamp));
  // "2222" read clean where the hand wrote 2224 (and the file is named 2224-…): worth a second look.
  const doubted = (f: HeaderField) => f.kind === 'serial' && f.clean && !!opts.fileSerial && f.text.replace(/^0+/, '') !== opts.fileSerial;
  const fields = [found.serial, found.day, found.month, found.year].filter(
    (f): f is HeaderField => f !== null && (garbled(f) || doubted(f) || opts.readAll === true),
  );
  if (fields.length === 0) return { page, warning: null, fields: [] };
  // The page image (9 MB at 300 dpi) is only read when a field needs a second look.
  const pixels = typeof image === 'function' ? await image() : image;
  const crops = fields.map((f) => cropField(pixels, f));
  const toRead = crops.filter((c): c is GrayImage => c !== null);
  const modes = opts.modes ?? DIGIT_MODES;
  const byMode: (DigitReading | null)[][] = [];
  for (const mode of toRead.length > 0 ? modes : []) {
    // A mode whose language data is missing reads nothing; the others still count.
    byMode.push(await readDigits(toRead, opts.workDir, opts.tag, mode).catch(() => toRead.map(() => null)));
  }
  let next = 0;
  const reports: FieldReport[] = fields.map((f, i) => {
    const readings = crops[i] ? byMode.map((m) => m[next]!) : [];
    if (crops[i]) next++;
    return { kind: f.kind, firstPass: f.text, garbled: garbled(f), readings, chosen: chooseReading(f.kind, readings), applied: false };
  });
  const answer = (f: HeaderField | null) => (f && !garbled(f) ? f.text : reports.find((r) => r.kind === f?.kind)?.chosen ?? null);

  // What the text will hold: a serial as read again; day, month and year only together, as a date that fits the stamp.
  const values = new Map<FieldKind, string>();
  const serial = answer(found.serial);
  if (found.serial && garbled(found.serial) && serial) values.set('serial', serial);
  // With the file name as a witness, one confident reading that agrees with it is enough.
  const rereads = found.serial && doubted(found.serial) ? (reports.find((r) => r.kind === 'serial')?.readings ?? []) : [];
  if (rereads.some((r) => r !== null && r.digits === opts.fileSerial && r.conf >= WITNESSED_CONFIDENCE)) values.set('serial', opts.fileSerial!);
  const dateParts = [found.day, found.month, found.year];
  const [day, month, year] = dateParts.map(answer);
  if (dateParts.some((f) => f && garbled(f)) && day && month && year && opts.stamp && dateFitsStamp({ year: Number(year), month: Number(month), day: Number(day) }, opts.stamp)) {
    for (const [f, v] of [[found.day, day], [found.month, month], [found.year, year]] as const) if (garbled(f!)) values.set(f!.kind, v);
  }
  for (const r of reports) r.applied = values.has(r.kind);
  if (values.size === 0) return { page, warning: null, fields: reports };

  const edits = new Map<number, TextEdit[]>();
  const add = (f: HeaderField, text: string) => edits.set(f.line, [...(edits.get(f.line) ?? []), { start: f.start, end: f.end, text }]);
  if (values.has('serial')) add(found.serial!, ` ${values.get('serial')}`);
  if (values.has('day') || values.has('month') || values.has('year')) {
    add(found.day!, ` ${day} `);
    add(found.month!, ` ${month} `);
    if (values.has('year')) add(found.year!, year!);
  }
  const wordLines: OcrLine[] = page.wordLines.map((l, i) => editLine(l, edits.get(i) ?? []));
  const kinds = (['serial', 'day', 'month'] as const).filter((kind) => values.has(kind));
  const notes = [
    ...(kinds.length > 0 ? [`handwritten ${kinds.map((kind) => NAMES[kind]).join('/')} read by a second, digits-only OCR pass (${kinds.map((kind) => values.get(kind)).join(', ')})`] : []),
    ...(values.has('year') ? [`printed year ${found.year!.text} read again as ${year}`] : []),
  ];
  return { page: { ...page, wordLines, lines: wordLines.map(lineText) }, warning: `page 1: ${notes.join('; ')}`, fields: reports };
}

/**
 * The field's ink alone; null when the gap holds none. An edge estimated inside a glued box is
 * moved to a blank column nearby, preferably into the gap: printed letters left in would be read
 * as digits, while a digit cut at the edge still counts by its centre (`fieldInk`).
 */
function cropField(image: GrayImage, f: HeaderField): GrayImage | null {
  const { gap, slack } = f;
  const left = slack.left > 0 ? blankColumnNear(image, gap.left, slack.left, gap.top, gap.bottom, 1) : gap.left;
  const right = slack.right > 0 ? blankColumnNear(image, gap.right, slack.right, gap.top, gap.bottom, -1) : gap.right;
  if (right - left < 4) return null;
  return fieldInk(image, { ...gap, left, right }, { reach: gap.bottom - gap.top })?.image ?? null;
}
