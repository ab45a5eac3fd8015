import { dateAt } from '../dates.js';
import { numberAt } from '../document-numbers.js';
import { typeFromWords } from '../document-types.js';
import { foldLower } from '../text/fold.js';
import { localIssuer } from '../issuers/codes.js';
import { departmentName, ministryCode } from '../issuers/names.js';
import { findIssuers } from '../issuers/index.js';
import { isUpperLine, lineCells } from '../text/line-shapes.js';
import { findProvinceMentions, provinceAt } from '../provinces.js';
import { addIssuer, best, type Ballot, type IdentityText } from './ballot.js';

const MOTTO = /^(cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc|dang cong san viet nam)/;

/**
 * 3. The header, up to the type heading (or the first 30 lines): issuer lines, "Số: …",
 * "<place>, ngày … tháng … năm …", as plain lines or table cells.
 */
export function voteHeader(text: IdentityText, ballot: Ballot, typeHeading: number | null): void {
  const headerEnd = typeHeading ?? Math.min(text.clean.length, 30);
  const issuerText: string[] = [];
  for (let i = 0; i < headerEnd; i++) {
    for (const cell of lineCells(text.clean[i]!.text)) voteHeaderCell(ballot, cell, issuerText);
  }
  voteHeaderIssuer(ballot, issuerText);
}

/** One cell (or line) of the header; its upper-case text is kept in `issuerText`, the motto as "|". */
function voteHeaderCell(ballot: Ballot, cell: string, issuerText: string[]): void {
  const fc = foldLower(cell);
  voteHeaderNumber(ballot, cell, fc);
  const placeFirst = votePlaceAndDate(ballot, cell, fc);
  if (!placeFirst && !ballot.date.some((c) => c.source === 'header')) voteInlinePlaceAndDate(ballot, cell, fc);
  if (isUpperLine(cell) && !MOTTO.test(fc) && !typeFromWords(fc)) issuerText.push(cell);
  else if (MOTTO.test(fc)) issuerText.push('|');
}

/** "Số: 380/KH-UBND". */
function voteHeaderNumber(ballot: Ballot, cell: string, fc: string): void {
  const sm = /^so\s*[:.]?\s*/.exec(fc);
  if (!sm || !/\d/.test(fc.slice(sm[0].length, sm[0].length + 3))) return;
  const n = numberAt(cell, fc, sm[0].length);
  if (n) ballot.number.push({ value: { ...n, raw: cell.slice(sm[0].length, sm[0].length + n.length) }, weight: 60, source: 'header' });
}

/** "Bắc Kạn, ngày 16 tháng 6 năm 2023" starting the cell (after a number, if any); whether the cell is written so. */
function votePlaceAndDate(ballot: Ballot, cell: string, fc: string): boolean {
  const pm = /^((?:so\s*[:.]?\s*\S+\s+)?)([^,\d]{2,40}),\s*(ngay\s*\d{1,2}\s*thang|ngay\s*\d{1,2}\s*[/.-])/.exec(fc);
  if (!pm) return false;
  if (/^(thu\s|chu nhat|cap nhat|ngay)/.test(pm[2]!.trim())) return true;
  const d = dateAt(fc, pm[0].length - pm[3]!.length);
  if (d) {
    ballot.date.push({ value: d, weight: 60, source: 'header' });
    const place = cell.slice(pm[1]!.length, pm[1]!.length + pm[2]!.length).replace(/[*_]/g, '').trim();
    ballot.place.push({ value: place, weight: 60, source: 'header' });
  }
  return true;
}

/** "Số: 380/KH-UBND Bắc Kạn, ngày 16 tháng 6 năm 2023" on one line. */
function voteInlinePlaceAndDate(ballot: Ballot, cell: string, fc: string): void {
  const inner = /([^\d,:;|()]{2,40}),\s*(ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4})/.exec(fc);
  const d = inner ? dateAt(fc, inner.index + inner[0].length - inner[2]!.length) : null;
  if (!inner || !d) return;
  ballot.date.push({ value: d, weight: 55, source: 'header' });
  const place = cell.slice(inner.index, inner.index + inner[1]!.length).replace(/[*_]/g, '').trim();
  if (place && !/^(thu\s|chu nhat|ngay)/.test(foldLower(place))) ballot.place.push({ value: place, weight: 55, source: 'header' });
}

/** The issuer lines of the header (the upper-case cells before the national motto) and the province they name. */
function voteHeaderIssuer(ballot: Ballot, issuerText: string[]): void {
  const num0 = best(ballot.number)?.value ?? null;
  // The issuer lines come before the national motto; a motto cell in a table row splits them.
  const joined = issuerText.join(' ').split('|')[0] ?? '';
  const fj = foldLower(joined);
  const found = findIssuers(fj, joined);
  const specific = found.find((x) => x.province || x.district || !x.local) ?? found[0];
  const province = found.map((x) => x.province).find((p) => p) ?? null;
  // A department under the People's Committee ("UBND TỈNH BẮC KẠN / SỞ KHOA HỌC VÀ CÔNG NGHỆ") issues in its own name.
  // "SỞ TÀI CHÍNH", not "Số 2744/QĐ-UBND" (folded, Sở and Số are both "so").
  const deptCell = issuerText.find((c) => /^sở\s+\S/iu.test(c.trim()));
  if (deptCell && found.every((x) => x.local)) {
    const name = departmentName(deptCell);
    const code = num0 && /^s[a-z]{2,8}$/.test(num0.issuerCode) ? num0.issuerCode : ministryCode(name).replace(/^b/, 's');
    addIssuer(ballot, localIssuer(code, name, province), 65, 'header', deptCell);
  } else if (specific) {
    addIssuer(ballot, { ...specific, province: specific.province ?? province }, 60, 'header', joined.trim());
  }
  // "ĐẢNG BỘ TỈNH BẮC GIANG", "TỈNH BẮC KẠN" name the province even when the body is on another line.
  for (const p of findProvinceMentions(joined)) if (p.qualified) ballot.province.push({ value: p.name, weight: 55, source: 'header' });
  const db = /dang bo (?:tinh|thanh pho)\s+/.exec(fj);
  if (db) {
    const p = provinceAt(fj, db.index + db[0].length);
    if (p) ballot.province.push({ value: p.name, weight: 55, source: 'header' });
  }
}
