import { describe, expect, it } from 'vitest';
import { readDigitTsv } from '../../ingest/extract/digit-ocr.js';
import { chooseReading, dateFitsStamp, plausible, yearFitsStamp } from '../../ingest/extract/field-checks.js';
import { blankColumnNear, fieldInk, readPgm, writePgm, type GrayImage } from '../../ingest/extract/gray-image.js';
import { editLine } from '../../ingest/extract/header-edit.js';
import { findHeaderFields, type HeaderField } from '../../ingest/extract/header-fields.js';
import { stampDay } from '../../ingest/extract/pdf-stamp.js';
import { lineText, readTesseractTsv } from '../../ingest/extract/tesseract-tsv.js';

/*
 * The pure parts of the second OCR pass over the handwritten number and date of page 1
 * (ingest/extract/handwritten-fields.ts). The TSV samples are written by hand after what tesseract
 * gave on data/pdf-scans (the boxes are those of 190-ttg, 2179-ttg and 186-cd at 300 dpi).
 */

type Word = [text: string, left: number, top: number, width: number, height: number, conf: number];

/** Tesseract's TSV for lines of words: a level-4 row per line, a level-5 row per word. */
function tsv(...lines: Word[][]): string {
  const rows = ['level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext', '1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t'];
  lines.forEach((words, li) => {
    const left = Math.min(...words.map((w) => w[1]));
    const top = Math.min(...words.map((w) => w[2]));
    const right = Math.max(...words.map((w) => w[1] + w[3]));
    const bottom = Math.max(...words.map((w) => w[2] + w[4]));
    rows.push(`4\t1\t1\t1\t${li + 1}\t0\t${left}\t${top}\t${right - left}\t${bottom - top}\t-1\t`);
    words.forEach(([text, l, t, w, h, c], wi) => rows.push(`5\t1\t1\t1\t${li + 1}\t${wi + 1}\t${l}\t${t}\t${w}\t${h}\t${c}\t${text}`));
  });
  return rows.join('\n') + '\n';
}

const ISSUER: Word[] = [
  ['THỦ', 504, 330, 90, 40, 96],
  ['TƯỚNG', 610, 330, 190, 40, 96],
];
// 190/CĐ-TTg: "Số: 190 /CĐ-TTg", "ngày 07tháng10" with 190, 07 and 10 by hand.
const HEADER_190: Word[] = [
  ['Số:', 504, 433, 72, 56, 93],
  ['/90', 595, 439, 75, 59, 0],
  ['/CĐ-TTg', 699, 445, 219, 56, 70],
  ['Hà', 1288, 451, 71, 41, 97],
  ['Nội,', 1374, 451, 93, 50, 97],
  ['ngày', 1490, 453, 115, 52, 93],
  ['O0Tftháng10', 1615, 451, 247, 56, 14],
  ['năm', 1876, 454, 99, 41, 97],
  ['2025', 1993, 454, 114, 42, 97],
];
// 2179/QĐ-TTg: the serial glued to its code; the day inside the box of "ngày", left out of its text.
const HEADER_2179: Word[] = [
  ['Số:', 505, 415, 71, 54, 93],
  ['2†?2/QĐ-TTg', 589, 418, 347, 65, 52],
  ['Hà', 1269, 441, 74, 40, 97],
  ['Nội,', 1356, 441, 95, 49, 97],
  ['ngày', 1473, 441, 170, 54, 8],
  ['tháng', 1664, 442, 135, 54, 97],
  ['10', 1817, 442, 55, 42, 97],
  ['năm', 1889, 445, 99, 39, 97],
  ['2025', 2004, 447, 105, 39, 97],
];
const HEADER_186: Word[] = [
  ['Số:', 542, 413, 69, 51, 45],
  ['186/CĐ-TTg', 635, 424, 291, 52, 84],
  ['Hà', 1298, 416, 72, 42, 97],
  ['Nội,', 1385, 418, 93, 48, 87],
  ['ngày', 1502, 416, 114, 54, 97],
  ['04', 1634, 418, 54, 40, 97],
  ['tháng', 1706, 416, 135, 54, 96],
  ['10', 1860, 418, 54, 40, 97],
  ['năm', 1931, 418, 97, 40, 97],
  ['2025', 2047, 416, 115, 41, 97],
];

describe('tesseract TSV with word boxes', () => {
  it('keeps each line id, height and word box, and joins the text as before', () => {
    const page = readTesseractTsv(tsv(ISSUER, HEADER_190));
    expect(page.lines).toEqual(['THỦ TƯỚNG', 'Số: /90 /CĐ-TTg\tHà Nội, ngày O0Tftháng10 năm 2025']);
    expect(page.wordLines.map((l) => l.id)).toEqual(['1.1.1', '1.1.2']);
    expect(page.wordLines[1]!.height).toBe(74);
    expect(page.wordLines[1]!.words[1]).toEqual({ text: '/90', left: 595, top: 439, width: 75, height: 59, conf: 0 });
    expect(page.words).toBe(11);
    expect(page.wordLines.map(lineText)).toEqual(page.lines);
  });
});

describe('finding the number and date fields in the word boxes', () => {
  const fields = (...lines: Word[][]) => {
    const page = readTesseractTsv(tsv(...lines));
    return { page, found: findHeaderFields(page.wordLines) };
  };

  it('finds the garbled serial between "Số:" and "/CĐ-TTg", and the gap between their boxes', () => {
    const { found } = fields(ISSUER, HEADER_190);
    expect(found.serial).toMatchObject({ kind: 'serial', line: 1, text: '/90', clean: false, gap: { left: 576, right: 699, top: 433, bottom: 501 }, slack: { left: 0, right: 0 } });
  });

  it('splits a glued "O0Tftháng10" by the printed widths: the day ends where "tháng" begins', () => {
    const { found } = fields(ISSUER, HEADER_190);
    const day = found.day!;
    expect(day).toMatchObject({ text: 'O0Tf', clean: false });
    expect(day.gap.left).toBe(1605); // the right edge of "ngày"
    // "tháng10" is about 3.2 em of print at about 56 px an em, measured from the box's right edge (1862);
    // on the page image "tháng" begins at about 1680.
    expect(day.gap.right).toBeGreaterThan(1665);
    expect(day.gap.right).toBeLessThan(1695);
    expect(day.slack.right).toBeGreaterThan(0);
    expect(found.month).toMatchObject({ text: '10', clean: true });
    expect(found.year).toMatchObject({ text: '2025', clean: true });
  });

  it('estimates the slash inside "2†?2/QĐ-TTg", and the end of a "ngày" box that swallowed the handwritten day', () => {
    const { found } = fields(HEADER_2179);
    const serial = found.serial!;
    expect(serial).toMatchObject({ text: '2†?2', clean: false });
    expect(serial.gap.left).toBe(576);
    // "/QĐ-TTg" takes about 215 px of the box's 347; the slash is at about 720 on the image.
    expect(serial.gap.right).toBeGreaterThan(705);
    expect(serial.gap.right).toBeLessThan(735);
    const day = found.day!;
    expect(day).toMatchObject({ text: '', clean: false });
    // "ngày" is 1.9 em (about 108 px), its box 170 px: the day's gap starts at about 1581, not 1643.
    expect(day.gap.left).toBeGreaterThan(1570);
    expect(day.gap.left).toBeLessThan(1600);
    expect(day.gap.right).toBe(1664);
  });

  it('finds a clean header clean', () => {
    const { found } = fields(HEADER_186);
    expect([found.serial, found.day, found.month, found.year].map((f) => [f?.text, f?.clean])).toEqual([
      ['186', true],
      ['04', true],
      ['10', true],
      ['2025', true],
    ]);
  });

  it('calls a month that is no month garbled ("tháng 20")', () => {
    const header = HEADER_186.map((w): Word => (w[1] === 1860 ? ['20', ...w.slice(1)] as Word : w));
    const { found } = fields(header);
    expect(found.month).toMatchObject({ text: '20', clean: false });
    expect(found.day).toMatchObject({ text: '04', clean: true });
  });

  it('takes the date of a header line after a place, not a date quoted in the body', () => {
    const number: Word[] = [
      ['Số:', 504, 433, 72, 56, 93],
      ['12/KH-UBND', 595, 439, 300, 56, 90],
    ];
    const body: Word[] = ['Căn', 'cứ', 'Luật', 'ngày', '18', 'tháng', '02', 'năm', '2025'].map((t, i): Word => [t, 300 + i * 120, 900, 100, 50, 95]);
    expect(fields(number, body).found.day).toBeNull();
    const place: Word[] = ['Bình', 'Thuận,', 'ngày', '1?', 'tháng', '3', 'năm', '2025'].map((t, i): Word => [t, 1300 + i * 110, 520, 100, 50, 95]);
    const { found } = fields(number, place, body);
    expect(found.day).toMatchObject({ line: 1, text: '1?', clean: false });
    expect(found.month).toMatchObject({ text: '3', clean: true });
  });

  it('finds nothing in a page without a header', () => {
    const { found } = fields(ISSUER);
    expect(found).toEqual({ serial: null, day: null, month: null, year: null });
  });
});

describe('sanity checks of what the second pass reads', () => {
  it('knows a plausible serial, day, month and year', () => {
    expect(['1', '190', '12345', '123456', '0', ''].map((d) => plausible('serial', d))).toEqual([true, true, true, false, false, false]);
    expect(['07', '7', '31', '32', '0', '007'].map((d) => plausible('day', d))).toEqual([true, true, true, false, false, false]);
    expect(['10', '12', '13', '0', '40'].map((d) => plausible('month', d))).toEqual([true, true, false, false, false]);
    expect(['2025', '1944', '202'].map((d) => plausible('year', d))).toEqual([true, false, false]);
  });

  const r = (digits: string, conf: number) => ({ digits, conf });

  it('takes what two modes agree on, or one sure mode no other contradicts', () => {
    expect(chooseReading('serial', [r('190', 93), r('190', 90), r('0', 75), r('120', 33)])).toBe('190');
    // "06" and "6" are one day; the text keeps the leading zero.
    expect(chooseReading('day', [r('6', 59), r('06', 96), null, null])).toBe('06');
    expect(chooseReading('day', [r('0', 0), null, r('07', 91), null])).toBe('07');
    // Two modes agreeing at low confidence still count (a whitelist lowers tesseract's confidence).
    expect(chooseReading('day', [r('04', 0), r('04', 49), null, null])).toBe('04');
  });

  it('takes nothing unsure, implausible or contradicted', () => {
    expect(chooseReading('serial', [r('2179', 0), null, r('211', 0), r('21', 38)])).toBeNull();
    expect(chooseReading('month', [r('40', 95), r('40', 92), r('20', 94), r('20', 79)])).toBeNull();
    // One sure reading against two others as sure together.
    expect(chooseReading('serial', [r('2224', 92), r('1224', 57), r('222', 0), r('222', 34)])).toBeNull();
    expect(chooseReading('day', [r('04', 10), r('04', 20)])).toBeNull();
    expect(chooseReading('day', [null, null])).toBeNull();
  });

  const stamp = { year: 2025, month: 10, day: 10 };

  it('keeps a date between 31 days before the stamp and the stamp', () => {
    expect(dateFitsStamp({ year: 2025, month: 10, day: 7 }, stamp)).toBe(true);
    expect(dateFitsStamp({ year: 2025, month: 10, day: 10 }, stamp)).toBe(true);
    expect(dateFitsStamp({ year: 2025, month: 9, day: 9 }, stamp)).toBe(true);
    expect(dateFitsStamp({ year: 2025, month: 10, day: 11 }, stamp)).toBe(false);
    expect(dateFitsStamp({ year: 2025, month: 9, day: 8 }, stamp)).toBe(false);
    expect(dateFitsStamp({ year: 2023, month: 10, day: 4 }, stamp)).toBe(false);
    // No such day.
    expect(dateFitsStamp({ year: 2025, month: 2, day: 31 }, { year: 2025, month: 3, day: 5 })).toBe(false);
  });

  it("knows which years fit a stamp's", () => {
    expect(yearFitsStamp(2025, stamp)).toBe(true);
    expect(yearFitsStamp(2023, stamp)).toBe(false);
    expect(yearFitsStamp(2024, stamp)).toBe(false);
    expect(yearFitsStamp(2024, { year: 2025, month: 1, day: 3 })).toBe(true);
  });

  it("reads the stamp's signing day", () => {
    expect(stampDay(['Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ', 'Thời gian ký: 10.10.2025 14:11:09 +07:00'])).toEqual({ year: 2025, month: 10, day: 10 });
    expect(stampDay(['Người ký: X'])).toBeNull();
  });
});

describe('replacing the garbled text', () => {
  const edit = (f: HeaderField, text: string) => ({ start: f.start, end: f.end, text });

  it('writes "Số: 190/CĐ-TTg" and "ngày 07 tháng 10 năm 2025", keeping the tab between the columns', () => {
    const page = readTesseractTsv(tsv(ISSUER, HEADER_190));
    const found = findHeaderFields(page.wordLines);
    const line = editLine(page.wordLines[1]!, [edit(found.serial!, ' 190'), edit(found.day!, ' 07 '), edit(found.month!, ' 10 ')]);
    expect(lineText(line)).toBe('Số: 190/CĐ-TTg\tHà Nội, ngày 07 tháng 10 năm 2025');
    // Words outside the edits keep their boxes.
    expect(line.words.find((w) => w.text === 'Hà')).toEqual(page.wordLines[1]!.words[3]);
    // The new words stay within the old words' extent.
    expect(line.words[0]!.left).toBe(504);
    expect(line.words[1]!.left + line.words[1]!.width).toBe(918);
  });

  it('fills an empty day and rewrites a serial glued to its code', () => {
    const page = readTesseractTsv(tsv(HEADER_2179));
    const found = findHeaderFields(page.wordLines);
    const line = editLine(page.wordLines[0]!, [edit(found.serial!, ' 2179'), edit(found.day!, ' 06 '), edit(found.month!, ' 10 ')]);
    expect(lineText(line)).toBe('Số: 2179/QĐ-TTg\tHà Nội, ngày 06 tháng 10 năm 2025');
  });

  it('rewrites a misread printed year with the day (187/CĐ-TTg: "ngày 0ƒtháng 10 năm 2023")', () => {
    const header: Word[] = [
      ['Số:', 520, 376, 69, 56, 93],
      ['4§&#', 602, 378, 105, 57, 24],
      ['/CĐ-TTp', 725, 390, 221, 57, 69],
      ['Hà', 1386, 387, 66, 39, 95],
      ['Nội,', 1467, 388, 87, 56, 97],
      ['ngày', 1575, 388, 107, 51, 93],
      ['0ƒtháng', 1700, 379, 190, 62, 56],
      ['10', 1911, 390, 50, 39, 97],
      ['năm', 1975, 394, 91, 35, 97],
      ['2023', 2082, 391, 105, 39, 88],
    ];
    const page = readTesseractTsv(tsv(header));
    const found = findHeaderFields(page.wordLines);
    // A year is clean as digits; whether it fits the stamp is for the pass to say.
    expect(found.year).toMatchObject({ text: '2023', clean: true, gap: { left: 2066, right: 2187 } });
    expect(found.day).toMatchObject({ text: '0ƒ', clean: false, gap: { left: 1682 } });
    const line = editLine(page.wordLines[0]!, [edit(found.day!, ' 04 '), edit(found.month!, ' 10 '), edit(found.year!, '2025')]);
    expect(lineText(line)).toBe('Số: 4§&# /CĐ-TTp\tHà Nội, ngày 04 tháng 10 năm 2025');
  });

  it('changes nothing without edits', () => {
    const page = readTesseractTsv(tsv(HEADER_186));
    expect(editLine(page.wordLines[0]!, [])).toBe(page.wordLines[0]);
  });
});

describe('cutting out a field', () => {
  /** A white image with black rectangles [left, top, right, bottom). */
  function image(width: number, height: number, rects: [number, number, number, number][]): GrayImage {
    const data = new Uint8Array(width * height).fill(255);
    for (const [l, t, r, b] of rects) for (let y = t; y < b; y++) for (let x = l; x < r; x++) data[y * width + x] = 0;
    return { width, height, data };
  }

  it('reads and writes binary PGM, and turns a PPM gray', () => {
    const img = image(5, 3, [[1, 1, 3, 2]]);
    const back = readPgm(writePgm(img));
    expect(back.width).toBe(5);
    expect(back.height).toBe(3);
    expect([...back.data]).toEqual([...img.data]);
    const ppm = Buffer.concat([Buffer.from('P6\n# comment\n2 1\n255\n'), Buffer.from([0, 0, 0, 255, 255, 255])]);
    expect([...readPgm(ppm).data]).toEqual([0, 255]);
    expect(() => readPgm(Buffer.from('P2\n1 1\n255\n0'))).toThrow(/PGM/);
  });

  it('keeps the strokes centred in the gap, not a neighbour poking in, a speck or a rule', () => {
    const img = image(200, 60, [
      [10, 10, 50, 50], // the left anchor …
      [50, 40, 58, 50], // … with a tail into the gap
      [80, 10, 96, 51], // the handwritten digit
      [120, 30, 123, 33], // a speck
      [98, 8, 146, 10], // a rule
      [150, 10, 190, 50], // the right anchor
    ]);
    const ink = fieldInk(img, { left: 50, right: 150, top: 5, bottom: 52 }, { reach: 47, pad: 12 });
    expect(ink!.box).toEqual({ left: 80, top: 10, right: 96, bottom: 51 });
    expect(ink!.image.width).toBe(16 + 24);
    expect(ink!.image.height).toBe(41 + 24);
    const black = [...ink!.image.data].filter((v) => v === 0).length;
    expect(black).toBe(16 * 41);
    expect(fieldInk(image(100, 60, []), { left: 20, right: 80, top: 5, bottom: 52 }, { reach: 47 })).toBeNull();
  });

  it('moves an estimated edge to a blank column, into the gap first', () => {
    const img = image(60, 20, [
      [0, 0, 20, 20],
      [25, 0, 40, 20],
    ]);
    expect(blankColumnNear(img, 22, 5, 0, 20, 1)).toBe(22);
    expect(blankColumnNear(img, 18, 5, 0, 20, 1)).toBe(20);
    expect(blankColumnNear(img, 27, 5, 0, 20, -1)).toBe(24);
    // Nothing blank within reach: the estimate stays.
    expect(blankColumnNear(img, 32, 3, 0, 20, -1)).toBe(32);
  });
});

describe("reading tesseract's TSV of several field images", () => {
  it('gives each image its digits and lowest confidence, null where nothing was read', () => {
    const out = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t128\t102\t-1\t',
      '5\t1\t1\t1\t1\t1\t39\t30\t57\t41\t93.38\t190',
      '1\t2\t0\t0\t0\t0\t0\t0\t181\t111\t-1\t',
      '1\t3\t0\t0\t0\t0\t0\t0\t112\t122\t-1\t',
      '5\t3\t1\t1\t1\t1\t38\t30\t20\t60\t96.1\t0',
      '5\t3\t1\t1\t1\t2\t60\t30\t20\t60\t41.5\t7',
    ].join('\n');
    expect(readDigitTsv(out, 3)).toEqual([{ digits: '190', conf: 93.38 }, null, { digits: '07', conf: 41.5 }]);
  });
});
