import { dateAt, type ParsedDate } from '../dates.js';
import { numberAt, type ParsedNumber } from '../document-numbers.js';
import { typeFromWords, TYPE_WORD_PATTERN } from '../document-types.js';
import { issuerOfAt, type IssuerMatch } from '../issuers/index.js';
import { addIssuer, type Ballot, type IdentityText } from './ballot.js';

/*
 * Lines that name the document itself by type and number, with its date and issuer after it.
 */

const AFTER_NUMBER = /[\s,]*/y;

/** What follows a number: "[,] [ngày …] [của <issuer>]", and where those words end. */
function numberTail(folded: string, original: string, at: number): { date: ParsedDate | null; issuer: IssuerMatch | null; end: number } {
  AFTER_NUMBER.lastIndex = at;
  let end = at + (AFTER_NUMBER.exec(folded)?.[0].length ?? 0);
  const date = dateAt(folded, end);
  if (date) end += date.length;
  const of = issuerOfAt(folded, end, original);
  return { date, issuer: of?.issuer ?? null, end: of?.end ?? end };
}

/** A number found at `at` of line `i`, with the date and issuer written after it; returns where those end. */
function addNumberAndTail(text: IdentityText, ballot: Ballot, i: number, at: number, n: ParsedNumber, weight: number, source: string): number {
  const line = text.clean[i]!.text;
  ballot.number.push({ value: { ...n, raw: line.slice(at, at + n.length) }, weight, source });
  const tail = numberTail(text.folded[i]!, line, at + n.length);
  if (tail.date) ballot.date.push({ value: tail.date, weight, source });
  if (tail.issuer) addIssuer(ballot, tail.issuer, weight, source);
  return tail.end;
}

/**
 * 4. The appendix names the document itself: "(Ban hành kèm theo Kế hoạch số 3229 /KH-UBND ngày
 * 27 /8/2024 của UBND tỉnh Bình Thuận)".
 */
export function voteAppendix(text: IdentityText, ballot: Ballot): void {
  const APPENDIX = new RegExp(`^[\\s(\\[*_]*(?:ban hanh\\s+)?kem theo\\s+(${TYPE_WORD_PATTERN})\\s+(?:so\\s*[:.]?\\s*)?`, 'g');
  for (let i = 0; i < text.clean.length; i++) {
    const f = text.folded[i]!;
    for (const m of f.matchAll(APPENDIX)) {
      const at = m.index + m[0].length;
      const n = numberAt(text.clean[i]!.text, f, at);
      if (!n) continue;
      const t = typeFromWords(m[1]!);
      if (t) ballot.type.push({ value: t, weight: 45, source: 'appendix' });
      addNumberAndTail(text, ballot, i, at, n, 45, 'appendix');
    }
  }
}

/**
 * 5. A heading among the first four lines that names the document ("# Kết luận số 69-KL/TW",
 * "Kết luận số 69-KL/TW ngày … của Bộ Chính trị về …"); read only when there is no type heading.
 * "# Toàn văn Kế hoạch 188/KH-UBND về …": a portal's article names the document in its heading.
 */
export function voteNamingHeading(text: IdentityText, ballot: Ballot): void {
  const NAMING = new RegExp(`^(?:(?:toan van|chi tiet|noi dung)\\s+)?(${TYPE_WORD_PATTERN})\\s+(?:so\\s*[:.]?\\s*)?`);
  for (const l of text.nonEmpty.slice(0, 4)) {
    const i = text.idxOf.get(l.n)!;
    const f = text.folded[i]!;
    const m = NAMING.exec(f.trim());
    if (!m) continue;
    const offset = f.length - f.trimStart().length + m[0].length;
    if (m[0].length > m[1]!.length + 8 && !numberAt(text.clean[i]!.text, f, offset)) continue;
    const n = numberAt(text.clean[i]!.text, f, offset);
    const t = typeFromWords(m[1]!)!;
    ballot.type.push({ value: t, weight: 35, source: 'naming heading' });
    if (!n) continue;
    const end = addNumberAndTail(text, ballot, i, offset, n, 35, 'naming heading');
    const rest = text.clean[i]!.text.slice(end).trim();
    if (/^về\s/i.test(rest) && rest.length > 12) ballot.title.push({ value: { text: rest, lines: [l.n] }, weight: 35, source: 'naming heading' });
  }
}
