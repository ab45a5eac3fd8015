import { createHash } from 'node:crypto';
import { matchKey } from '../../core/vn-text.js';
import { documentId, provinceSlug as toProvinceSlug, type AgencyNode, type DocumentTypeCode, type Level } from '../../graph-schema/index.js';
import { dateAt, type ParsedDate } from './dates.js';
import { numberAt, type ParsedNumber } from './document-numbers.js';
import { typeFromCode, typeFromWords, TYPE_WORD_PATTERN } from './document-types.js';
import { foldLower } from './fold.js';
import { isKnownIssuerCode, issuerFromCode, localIssuer, type IssuerInfo } from './issuer-codes.js';
import { departmentName, issuerAgency, issuerDisplayName, ministryCode } from './issuer-names.js';
import { issuerPathOf } from './issuer-paths.js';
import { findIssuers, issuerOfAt, type IssuerMatch } from './issuers.js';
import { isSectionHeading, isUpperLine, lineCells } from './line-shapes.js';
import { cleanInline } from './lines.js';
import { findProvinceMentions, provinceAt, provinceFromFolded } from './provinces.js';
import { nameLike, readSignature } from './signature.js';
import { numberFromFileName, repairedHeaderDate, stampDate } from './scan-fallbacks.js';
import type { DocumentIdentity, SourceLine } from './types.js';

/*
 * A document's own identity (type, number, date, issuer, province, place, signer, title), voted on
 * by every place that states it: each source adds weighted candidates and the heaviest wins.
 * Matching happens on a folded copy of the text that has exactly the original's length (fold.ts).
 */

export interface IdentityReading {
  identity: DocumentIdentity;
  warnings: string[];
  /** The source is a report about the document (a news article), not the document itself. */
  reported: boolean;
  /** 1-based line of the standalone type heading ("KẾ HOẠCH"), if any. */
  typeHeadingLine: number | null;
  /** Lines of the title. */
  titleLines: number[];
  /** The issuer agency node, when the issuer is known well enough to name it. */
  issuerAgency: AgencyNode | null;
}

interface Candidate<T> {
  value: T;
  /** Higher wins. */
  weight: number;
  source: string;
}

function best<T>(cands: Array<Candidate<T>>): Candidate<T> | null {
  let top: Candidate<T> | null = null;
  for (const c of cands) if (!top || c.weight > top.weight) top = c;
  return top;
}

const MOTTO = /^(cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc|dang cong san viet nam)/;
const AFTER_NUMBER = /[\s,]*/y;

/** How the warning on a report about a document (a news article) begins. */
const REPORT_WARNING = 'source is a report about';

/** Whether a document's warnings say its source is a report about it, not the document itself. */
export function isReportAbout(warnings: readonly string[]): boolean {
  return warnings.some((w) => w.startsWith(REPORT_WARNING));
}

/** What follows a number: "[,] [ngày …] [của <issuer>]", and where those words end. */
function numberTail(folded: string, original: string, at: number): { date: ParsedDate | null; issuer: IssuerMatch | null; end: number } {
  AFTER_NUMBER.lastIndex = at;
  let end = at + (AFTER_NUMBER.exec(folded)?.[0].length ?? 0);
  const date = dateAt(folded, end);
  if (date) end += date.length;
  const of = issuerOfAt(folded, end, original);
  return { date, issuer: of?.issuer ?? null, end: of?.end ?? end };
}

/**
 * Reads the identity of a document from its lines. Sources, strongest first: the header (issuer
 * lines, "Số: …", "<place>, ngày … tháng … năm …"), the metadata block of legal-document websites,
 * the appendix ("Ban hành kèm theo Kế hoạch số … ngày … của …"), a heading that names the document
 * ("Kết luận số 69-KL/TW ngày … của Bộ Chính trị về …"), the signature ("TM. ỦY BAN NHÂN DÂN",
 * "T/M BAN THƯỜNG VỤ" + name), the preamble ("…, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch …") and, for
 * the province, the body ("con em Quảng Bình"). A news report about a document ("Tỉnh ủy Kon Tum
 * ban hành Kế hoạch số 44-KH/TU …") is read as the document it reports, with a warning.
 */
export function readIdentity(lines: SourceLine[], opts: { fileName?: string } = {}): IdentityReading {
  const warnings: string[] = [];
  const clean = lines.map((l) => ({ n: l.n, text: cleanInline(l.text) }));
  const nonEmpty = clean.filter((l) => l.text.trim().length > 0);
  const folded = clean.map((l) => foldLower(l.text));
  const idxOf = new Map(clean.map((l, i) => [l.n, i]));

  const typeC: Array<Candidate<{ code: DocumentTypeCode; name: string }>> = [];
  const numberC: Array<Candidate<ParsedNumber & { raw: string }>> = [];
  const dateC: Array<Candidate<{ iso: string; year: number }>> = [];
  const yearC: Array<Candidate<number>> = [];
  const issuerC: Array<Candidate<IssuerInfo & { alias?: string }>> = [];
  const provinceC: Array<Candidate<string>> = [];
  const placeC: Array<Candidate<string>> = [];
  const signerC: Array<Candidate<string>> = [];
  const titleC: Array<Candidate<{ text: string; lines: number[] }>> = [];
  let reported = false;

  const addIssuer = (info: IssuerInfo, weight: number, source: string, alias?: string): void => {
    issuerC.push({ value: { ...info, alias }, weight, source });
    if (info.province) provinceC.push({ value: info.province, weight, source });
  };
  /** A number found at `at` of line `i`, with the date and issuer written after it; returns where those end. */
  const addNumberAndTail = (i: number, at: number, n: ParsedNumber, weight: number, source: string): number => {
    numberC.push({ value: { ...n, raw: clean[i]!.text.slice(at, at + n.length) }, weight, source });
    const tail = numberTail(folded[i]!, clean[i]!.text, at + n.length);
    if (tail.date) dateC.push({ value: tail.date, weight, source });
    if (tail.issuer) addIssuer(tail.issuer, weight, source);
    return tail.end;
  };

  // 1. Standalone type heading ("KẾ HOẠCH", "## KẾ HOẠCH", "**NGHỊ QUYẾT**") and the title after it.
  let typeHeading: number | null = null;
  for (let i = 0; i < clean.length && i < 80; i++) {
    const f = folded[i]!.replace(/[:.]\s*$/, '').trim();
    const t = typeFromWords(f);
    if (!t || /:\s*$/.test(clean[i]!.text)) continue;
    const raw = lines[i]!.text;
    if (!(isUpperLine(clean[i]!.text) || /^\s*#|\*\*/.test(raw))) continue;
    typeHeading = i;
    typeC.push({ value: { code: t.code, name: t.name }, weight: 50, source: 'type heading' });
    break;
  }
  const titleLines: number[] = [];
  if (typeHeading !== null) {
    const parts: string[] = [];
    let first = true;
    for (let i = typeHeading + 1; i < clean.length && i < typeHeading + 12; i++) {
      const text = clean[i]!.text.trim();
      if (!text || /^[-*_=\s]+$/.test(text)) continue;
      const f = folded[i]!.trim();
      if (isSectionHeading(text) || /^\(?\s*(ban hanh )?kem theo/.test(f) || /^can cu/.test(f)) break;
      if (/^(chu tich|thu tuong|bo truong|uy ban nhan dan|hoi dong nhan dan|chinh phu|ban thuong vu)\b/.test(f) && text.length < 90 && parts.length > 0) break;
      const upper = isUpperLine(text);
      // "NGHỊ QUYẾT / CỦA BỘ CHÍNH TRỊ / về đột phá …": a "về …" line continues an upper-case title.
      const continues = !first && /^(ve|v\/v)\s/.test(f) && !/:\s*$/.test(text);
      if (upper || continues || (first && !/:\s*$/.test(text) && !/nhu sau/.test(f) && text.length < 700)) {
        parts.push(text);
        titleLines.push(clean[i]!.n);
        first = false;
        if (!upper) break;
        continue;
      }
      break;
    }
    if (parts.length) titleC.push({ value: { text: parts.join(' '), lines: [...titleLines] }, weight: 50, source: 'title' });
  }

  // 2. Metadata block of legal-document websites.
  for (let i = 0; i < clean.length && i < 60; i++) {
    const f = folded[i]!.trim();
    const text = clean[i]!.text.trim();
    const value = (label: string): string | null => {
      const m = new RegExp(`^\\|?\\s*${label}\\s*[:|\\t]?\\s*(?:\\|\\s*)?`).exec(f);
      if (!m) return null;
      const v = text.slice(m[0].length).replace(/\|\s*$/, '').trim();
      return v || null;
    };
    let v: string | null;
    if ((v = value('so hieu'))) {
      const n = numberAt(v, foldLower(v), 0);
      if (n) numberC.push({ value: { ...n, raw: v }, weight: 40, source: 'metadata' });
    } else if ((v = value('ngay ban hanh'))) {
      const d = dateAt(foldLower(v), 0);
      if (d) dateC.push({ value: d, weight: 40, source: 'metadata' });
    } else if ((v = value('loai van ban'))) {
      const t = typeFromWords(foldLower(v));
      if (t) typeC.push({ value: t, weight: 40, source: 'metadata' });
    } else if ((v = value('co quan ban hanh')) || (v = value('noi ban hanh'))) {
      const fv = foldLower(v);
      const iss = findIssuers(fv, v)[0];
      if (iss) addIssuer(iss, 30, 'metadata', v);
      const p = findProvinceMentions(v).concat(findProvinceMentions(v.replace(/^\s*(tỉnh|thành phố)\s+/i, '')))[0];
      if (p) provinceC.push({ value: p.name, weight: 35, source: 'metadata' });
      else {
        const prov = provinceFromFolded(fv.replace(/^(tinh|thanh pho)\s+/, ''));
        if (prov) provinceC.push({ value: prov, weight: 35, source: 'metadata' });
      }
    } else if ((v = value('nguoi ky'))) {
      if (nameLike(v) || v.split(/\s+/).length >= 2) signerC.push({ value: v, weight: 30, source: 'metadata' });
    }
  }

  // 3. Header: issuer lines, "Số: …", "<place>, ngày … tháng … năm …" (plain lines or table cells).
  const headerEnd = typeHeading ?? Math.min(clean.length, 30);
  const headerIssuerText: string[] = [];
  for (let i = 0; i < headerEnd; i++) {
    for (const cell of lineCells(clean[i]!.text)) {
      const fc = foldLower(cell);
      const sm = /^so\s*[:.]?\s*/.exec(fc);
      if (sm && /\d/.test(fc.slice(sm[0].length, sm[0].length + 3))) {
        const n = numberAt(cell, fc, sm[0].length);
        if (n) numberC.push({ value: { ...n, raw: cell.slice(sm[0].length, sm[0].length + n.length) }, weight: 60, source: 'header' });
      }
      const pm = /^((?:so\s*[:.]?\s*\S+\s+)?)([^,\d]{2,40}),\s*(ngay\s*\d{1,2}\s*thang|ngay\s*\d{1,2}\s*[/.-])/.exec(fc);
      if (pm && !/^(thu\s|chu nhat|cap nhat|ngay)/.test(pm[2]!.trim())) {
        const d = dateAt(fc, pm[0].length - pm[3]!.length);
        if (d) {
          dateC.push({ value: d, weight: 60, source: 'header' });
          const place = cell.slice(pm[1]!.length, pm[1]!.length + pm[2]!.length).replace(/[*_]/g, '').trim();
          placeC.push({ value: place, weight: 60, source: 'header' });
        }
      }
      if (!pm && !dateC.some((c) => c.source === 'header')) {
        // "Số: 380/KH-UBND Bắc Kạn, ngày 16 tháng 6 năm 2023" on one line.
        const inner = /([^\d,:;|()]{2,40}),\s*(ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4})/.exec(fc);
        const d = inner ? dateAt(fc, inner.index + inner[0].length - inner[2]!.length) : null;
        if (inner && d) {
          dateC.push({ value: d, weight: 55, source: 'header' });
          const place = cell.slice(inner.index, inner.index + inner[1]!.length).replace(/[*_]/g, '').trim();
          if (place && !/^(thu\s|chu nhat|ngay)/.test(foldLower(place))) placeC.push({ value: place, weight: 55, source: 'header' });
        }
      }
      if (isUpperLine(cell) && !MOTTO.test(fc) && !typeFromWords(fc)) headerIssuerText.push(cell);
      else if (MOTTO.test(fc)) headerIssuerText.push('|');
    }
  }
  {
    const num0 = best(numberC)?.value ?? null;
    // The issuer lines come before the national motto; a motto cell in a table row splits them.
    const joined = headerIssuerText.join(' ').split('|')[0] ?? '';
    const fj = foldLower(joined);
    const found = findIssuers(fj, joined);
    const specific = found.find((x) => x.province || x.district || !x.local) ?? found[0];
    const province = found.map((x) => x.province).find((p) => p) ?? null;
    // A department under the People's Committee ("UBND TỈNH BẮC KẠN / SỞ KHOA HỌC VÀ CÔNG NGHỆ") issues in its own name.
    // "SỞ TÀI CHÍNH", not "Số 2744/QĐ-UBND" (folded, Sở and Số are both "so").
    const deptCell = headerIssuerText.find((c) => /^sở\s+\S/iu.test(c.trim()));
    if (deptCell && found.every((x) => x.local)) {
      const name = departmentName(deptCell);
      const code = num0 && /^s[a-z]{2,8}$/.test(num0.issuerCode) ? num0.issuerCode : ministryCode(name).replace(/^b/, 's');
      addIssuer(localIssuer(code, name, province), 65, 'header', deptCell);
    } else if (specific) {
      addIssuer({ ...specific, province: specific.province ?? province }, 60, 'header', joined.trim());
    }
    // "ĐẢNG BỘ TỈNH BẮC GIANG", "TỈNH BẮC KẠN" name the province even when the body is on another line.
    for (const p of findProvinceMentions(joined)) if (p.qualified) provinceC.push({ value: p.name, weight: 55, source: 'header' });
    const db = /dang bo (?:tinh|thanh pho)\s+/.exec(fj);
    if (db) {
      const p = provinceAt(fj, db.index + db[0].length);
      if (p) provinceC.push({ value: p.name, weight: 55, source: 'header' });
    }
  }

  // 4. The appendix names the document itself: "(Ban hành kèm theo Kế hoạch số 3229 /KH-UBND ngày 27 /8/2024 của UBND tỉnh Bình Thuận)".
  const APPENDIX = new RegExp(`^[\\s(\\[*_]*(?:ban hanh\\s+)?kem theo\\s+(${TYPE_WORD_PATTERN})\\s+(?:so\\s*[:.]?\\s*)?`, 'g');
  for (let i = 0; i < clean.length; i++) {
    const f = folded[i]!;
    for (const m of f.matchAll(APPENDIX)) {
      const at = m.index + m[0].length;
      const n = numberAt(clean[i]!.text, f, at);
      if (!n) continue;
      const t = typeFromWords(m[1]!);
      if (t) typeC.push({ value: t, weight: 45, source: 'appendix' });
      addNumberAndTail(i, at, n, 45, 'appendix');
    }
  }

  // 5. A heading that names the document ("# Kết luận số 69-KL/TW", "Kết luận số 69-KL/TW ngày … của Bộ Chính trị về …").
  // "# Toàn văn Kế hoạch 188/KH-UBND về …": a portal's article names the document in its heading.
  const NAMING = new RegExp(`^(?:(?:toan van|chi tiet|noi dung)\\s+)?(${TYPE_WORD_PATTERN})\\s+(?:so\\s*[:.]?\\s*)?`);
  const leading = nonEmpty.slice(0, 4);
  if (typeHeading === null) {
    for (const l of leading) {
      const i = idxOf.get(l.n)!;
      const f = folded[i]!;
      const m = NAMING.exec(f.trim());
      if (!m) continue;
      const offset = f.length - f.trimStart().length + m[0].length;
      if (m[0].length > m[1]!.length + 8 && !numberAt(clean[i]!.text, f, offset)) continue;
      const n = numberAt(clean[i]!.text, f, offset);
      const t = typeFromWords(m[1]!)!;
      typeC.push({ value: t, weight: 35, source: 'naming heading' });
      if (!n) continue;
      const end = addNumberAndTail(i, offset, n, 35, 'naming heading');
      const rest = clean[i]!.text.slice(end).trim();
      if (/^về\s/i.test(rest) && rest.length > 12) titleC.push({ value: { text: rest, lines: [l.n] }, weight: 35, source: 'naming heading' });
    }
  }

  // 6. A report about a document: "Tỉnh ủy Kon Tum ban hành Kế hoạch số 44-KH/TU thực hiện …".
  // A portal article names the document in its heading (35) and reports it in its first sentence.
  const hasHeaderNumber = numberC.some((c) => c.weight >= 40);
  if (typeHeading === null && !hasHeaderNumber) {
    const REPORTED = new RegExp(`(?:da\\s+)?(?:ban hanh|phe duyet|thong qua|ky|co)\\s+(${TYPE_WORD_PATTERN})\\s+(?:so\\s*[:.]?\\s*)?`, 'g');
    outer: for (const l of nonEmpty.slice(0, 10)) {
      const i = idxOf.get(l.n)!;
      const f = folded[i]!;
      for (const m of f.matchAll(REPORTED)) {
        const at = m.index + m[0].length;
        const n = numberAt(clean[i]!.text, f, at);
        if (!n) continue;
        reported = true;
        const t = typeFromWords(m[1]!)!;
        typeC.push({ value: t, weight: 20, source: 'report' });
        numberC.push({ value: { ...n, raw: clean[i]!.text.slice(at, at + n.length) }, weight: 20, source: 'report' });
        const before = f.slice(0, m.index);
        const issuers = findIssuers(before, clean[i]!.text);
        const last = issuers[issuers.length - 1];
        if (last && before.slice(last.index + last.length).trim() === '') addIssuer(last, 25, 'report');
        const after = f.slice(at + n.length);
        // "… 188/KH-UBND ngày 04/12/2025", or "Ngày 04/12/2025, Ủy ban nhân dân … ban hành Kế hoạch 188/KH-UBND".
        const d =
          (/^[\s,]*(?:ngay|\()/.test(after) ? dateAt(f, at + n.length + (/^[\s,(]*/.exec(after)?.[0].length ?? 0)) : null) ??
          (/^\s*ngay\s+\d/.test(before) ? dateAt(f, /^\s*/.exec(before)![0].length) : null);
        if (d) dateC.push({ value: d, weight: 20, source: 'report' });
        const rest = clean[i]!.text.slice(at + n.length).trim();
        const typeName = t.name;
        titleC.push({ value: { text: `${typeName} ${rest}`.replace(/[.\s]+$/, ''), lines: [l.n] }, weight: 20, source: 'report' });
        warnings.push(`${REPORT_WARNING} ${typeName} ${n.number}, not the document itself; the document node represents the reported document`);
        break outer;
      }
    }
  }

  // 7. Signature block, and the body signed for.
  const signature = readSignature(clean);
  if (signature) {
    signerC.push({ value: signature.signer, weight: 28, source: 'signature' });
    for (const body of signature.bodies) addIssuer(body, 25, 'signature');
  }

  // 8. Preamble: "…, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện như sau:".
  const preambleEnd = (() => {
    for (let i = (typeHeading ?? -1) + 1; i < clean.length; i++) if (isSectionHeading(clean[i]!.text)) return i;
    return Math.min(clean.length, 40);
  })();
  for (let i = 0; i < preambleEnd; i++) {
    const f = folded[i]!;
    for (const iss of findIssuers(f, clean[i]!.text)) {
      const after = f.slice(iss.index + iss.length);
      if (/^\s*(?:da\s+)?(?:ban hanh|xay dung)\s/.test(after) && !reported) addIssuer(iss, 22, 'preamble');
    }
  }

  // 9. A scan whose handwritten serial or day OCR could not read (scan-fallbacks.ts).
  const header = clean.slice(0, 30);
  if (!numberC.some((c) => c.weight >= 35)) {
    const n = numberFromFileName(header.map((l) => l.text), opts.fileName, fixIssuerCode);
    if (n) {
      numberC.push({ value: { ...n, raw: n.number }, weight: 36, source: 'file name' });
      warnings.push(`number ${n.number}: its serial is taken from the file name (unreadable in the text)`);
    }
  }
  if (!dateC.some((c) => c.weight >= 40)) {
    const stamp = stampDate(folded);
    const repaired = repairedHeaderDate(folded.slice(0, 30), stamp);
    if (repaired) {
      dateC.push({ value: repaired.date, weight: 45, source: 'header (repaired)' });
      if (repaired.completed) warnings.push(`issue date ${repaired.date.iso}: completed from the e-signature stamp (the header's day or month is unreadable)`);
    } else if (stamp) {
      // The header's date is unreadable (or absent): the stamp, signed on or just after it, beats a date of the body.
      dateC.push({ value: stamp, weight: 38, source: 'stamp' });
      warnings.push(`issue date ${stamp.iso} taken from the e-signature stamp (the header's date is unreadable)`);
    }
  }

  // 10. The number's own code names the issuer when nothing else did.
  const num = best(numberC);
  // An official letter has no type heading: "Số: 123/UBND-KGVX" and "V/v …".
  if (!typeC.length && (clean.slice(0, 40).some((l) => /^\s*v\s*\/\s*v\b/i.test(l.text)) || (num && !num.value.typeCode && num.value.deptCode))) {
    typeC.push({ value: { code: 'cv', name: 'Công văn' }, weight: 12, source: 'letter' });
  }
  if (num) {
    const fromCode = issuerFromCode(num.value.issuerCode);
    if (fromCode.agencyName || !fromCode.local) addIssuer(fromCode, 10, 'number code');
    const t = typeFromCode(num.value.typeCode);
    if (t) typeC.push({ value: t, weight: 15, source: 'number code' });
    if (num.value.year) yearC.push({ value: num.value.year, weight: 10, source: 'number' });
  }

  // Resolve the issuer. The strongest candidate decides the body; a local body takes the province
  // from any candidate, then the place, then the body text.
  let issuer = best(issuerC)?.value ?? null;
  if (issuer && issuer.local && issuer.agencyName === 'Ban Thường vụ Tỉnh ủy') {
    // "T/M BAN THƯỜNG VỤ" under a Thành ủy header.
    const thanh = issuerC.find((c) => c.value.agencyName.includes('Thành ủy'));
    if (thanh) issuer = { ...issuer, agencyName: 'Ban Thường vụ Thành ủy' };
  }
  if (issuer && issuer.local) {
    // Prefer the more specific body of the same kind: "Ban Thường vụ Tỉnh ủy" (signature, preamble) over "Tỉnh ủy" (header).
    const same = issuerC
      .filter((c) => c.value.code === issuer!.code && c.value.local && !c.value.district === !issuer!.district)
      .map((c) => c.value);
    const specific = same.find((v) => /^Ban Thường vụ/.test(v.agencyName));
    if (specific && issuer.agencyName !== specific.agencyName && issuer.code === 'tu') issuer = { ...issuer, agencyName: specific.agencyName };
  }
  if (issuer && !issuer.local && issuer.code === 'tw') {
    // Several central Party bodies share "tw"; the one that signs (T/M BỘ CHÍNH TRỊ) or is named with the number wins over the header.
    const named = issuerC.filter((c) => c.value.code === 'tw' && c.source !== 'header' && c.source !== 'number code');
    const top = best(named);
    if (top && top.value.agencyName) issuer = top.value;
  }
  if (issuer && !issuer.agencyName && !issuer.local) {
    const named = issuerC.find((c) => c.value.code === issuer!.code && c.value.agencyName);
    if (named) issuer = named.value;
  }

  const central = issuer !== null && !issuer.local;
  const place = best(placeC)?.value ?? null;
  if (!central) {
    if (place) {
      const p = provinceFromFolded(foldLower(place).replace(/^(tinh|thanh pho|tp\.?)\s+/, ''));
      if (p) provinceC.push({ value: p, weight: 50, source: 'place' });
    }
    if (!provinceC.length) {
      // The body: "tỉnh Bắc Giang" counts double, a bare "Quảng Bình" once.
      const counts = new Map<string, number>();
      for (const l of clean) for (const p of findProvinceMentions(l.text)) counts.set(p.name, (counts.get(p.name) ?? 0) + (p.qualified ? 2 : 1));
      const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      const top = ranked[0];
      if (top && (ranked.length === 1 || top[1] > (ranked[1]?.[1] ?? 0))) provinceC.push({ value: top[0], weight: 5, source: 'body' });
    }
  }
  const province = central ? null : (best(provinceC)?.value ?? null);
  const provinceSlug = province ? toProvinceSlug(province) : null;

  const numberCand = num?.value ?? null;
  const typeCand = best(typeC)?.value ?? null;
  let typeCode: DocumentTypeCode = typeCand?.code ?? 'other';
  let typeName = typeCand?.name ?? 'Văn bản';
  // A number's own type code is stable across citing documents; prefer it when the words disagree
  // on the code (the same rule citations.ts uses, so a document and its citations share one id).
  const codeType = typeFromCode(numberCand?.typeCode);
  if (codeType && codeType.code !== typeCode && codeType.code !== 'other') {
    typeCode = codeType.code;
    typeName = codeType.name;
  }

  const date = best(dateC)?.value ?? null;
  const year = date?.year ?? best(yearC)?.value ?? null;
  const issuerPath = issuer ? issuerPathOf(issuer, provinceSlug) : 'unknown';
  const level: Level = issuer ? (issuer.local ? (issuer.district ? 'district' : 'province') : issuer.level) : 'province';
  const issuerName = issuer ? issuerDisplayName(issuer, province) : null;
  const title = best(titleC)?.value ?? null;
  const signer = best(signerC)?.value ?? null;

  if (!numberCand) warnings.push('no document number found; the id uses a hash of the title');
  if (!date) warnings.push(year ? `no issue date found (year ${year} from the number)` : 'no issue date found');
  if (!issuer) warnings.push('issuer not identified');
  else if (issuer.local && !province) warnings.push('province not identified for a local issuer');
  else if (issuer.local && !provinceC.some((c) => c.weight >= 20)) warnings.push(`province ${province} inferred from the body text`);
  if (!typeCand) warnings.push('document type not identified');
  if (!title) warnings.push('title not found');
  if (!signer && !reported) warnings.push('signer not found');

  const identity: DocumentIdentity = {
    typeCode,
    typeName,
    number: numberCand?.number ?? null,
    issuerName,
    issuerPath,
    level,
    province,
    provinceSlug,
    date: date?.iso ?? null,
    year,
    place: place ?? null,
    signer,
    title: title?.text ?? null,
  };
  const agency = issuer ? issuerAgency(issuer, province, issuer.alias) : null;
  return {
    identity,
    warnings: [...new Set(warnings)],
    reported,
    typeHeadingLine: typeHeading !== null ? clean[typeHeading]!.n : null,
    titleLines: title?.lines ?? [],
    issuerAgency: agency,
  };
}

/**
 * An issuer code OCR misread by one letter ("CĐ-TTp") → the known code it is one letter from
 * ("CĐ-TTg"); other codes unchanged.
 */
function fixIssuerCode(code: string): string {
  const [type, issuer] = code.split('-') as [string, string | undefined];
  if (!issuer || isKnownIssuerCode(foldLower(issuer))) return code;
  const near = KNOWN_DISPLAY_CODES.find((k) => k.length === issuer.length && [...k].filter((ch, i) => ch.toLowerCase() !== issuer[i]!.toLowerCase()).length === 1);
  return near ? `${type}-${near}` : code;
}

const KNOWN_DISPLAY_CODES = ['TTg', 'CP', 'VPCP', 'QH', 'UBND', 'HĐND', 'BKHCN', 'BTC', 'BNV', 'BYT', 'BCT', 'BXD', 'BCA', 'BQP', 'BTP', 'BNG'];

export function parseIdentity(lines: SourceLine[]): DocumentIdentity {
  return readIdentity(lines).identity;
}

/** A stable short hash of a normalised title, for documents without a number. */
export function titleHash(title: string): string {
  return createHash('sha256').update(matchKey(title)).digest('hex').slice(0, 12);
}

/** The document id of an identity (a hash of the title, or of the opening text, when it has no number). */
export function identityDocumentId(identity: DocumentIdentity, fallbackText = ''): string {
  return documentId({
    issuerPath: identity.issuerPath,
    typeCode: identity.typeCode,
    number: identity.number,
    year: identity.year,
    untitledHash: identity.number ? undefined : titleHash(identity.title ?? fallbackText.slice(0, 2000)),
  });
}
