import { dateAt, type ParsedDate } from '../dates.js';
import { numberAt, type ParsedNumber } from '../document-numbers.js';
import { typeFromWords, TYPE_WORD_PATTERN } from '../document-types.js';
import { findIssuers } from '../issuers/index.js';
import { addIssuer, type Ballot, type CleanLine, type IdentityText } from './ballot.js';

/** How the warning on a report about a document (a news article) begins. */
const REPORT_WARNING = 'source is a report about';

/** Whether a document's warnings say its source is a report about it, not the document itself. */
export function isReportAbout(warnings: readonly string[]): boolean {
  return warnings.some((w) => w.startsWith(REPORT_WARNING));
}

/**
 * 6. A report about a document in its first ten lines: "Tỉnh ủy Kon Tum ban hành Kế hoạch số
 * 44-KH/TU thực hiện …". Read only when there is no type heading and no number from the header,
 * the metadata or an appendix. A portal article names the document in its heading (35) and
 * reports it in its first sentence.
 */
export function voteReport(text: IdentityText, ballot: Ballot): void {
  const REPORTED = new RegExp(`(?:da\\s+)?(?:ban hanh|phe duyet|thong qua|ky|co)\\s+(${TYPE_WORD_PATTERN})\\s+(?:so\\s*[:.]?\\s*)?`, 'g');
  for (const l of text.nonEmpty.slice(0, 10)) {
    const i = text.idxOf.get(l.n)!;
    const f = text.folded[i]!;
    for (const m of f.matchAll(REPORTED)) {
      const at = m.index + m[0].length;
      const n = numberAt(text.clean[i]!.text, f, at);
      if (!n) continue;
      voteReported(ballot, text.clean[i]!, f, m, n);
      return;
    }
  }
}

/** The reported document: its type and number at `m`, the issuer just before, the date around, the rest of the sentence as title. */
function voteReported(ballot: Ballot, l: CleanLine, f: string, m: RegExpExecArray, n: ParsedNumber): void {
  const at = m.index + m[0].length;
  ballot.reported = true;
  const t = typeFromWords(m[1]!)!;
  ballot.type.push({ value: t, weight: 20, source: 'report' });
  ballot.number.push({ value: { ...n, raw: l.text.slice(at, at + n.length) }, weight: 20, source: 'report' });
  const before = f.slice(0, m.index);
  const issuers = findIssuers(before, l.text);
  const last = issuers[issuers.length - 1];
  if (last && before.slice(last.index + last.length).trim() === '') addIssuer(ballot, last, 25, 'report');
  const d = reportedDate(f, before, at + n.length);
  if (d) ballot.date.push({ value: d, weight: 20, source: 'report' });
  const rest = l.text.slice(at + n.length).trim();
  const typeName = t.name;
  ballot.title.push({ value: { text: `${typeName} ${rest}`.replace(/[.\s]+$/, ''), lines: [l.n] }, weight: 20, source: 'report' });
  ballot.warnings.push(`${REPORT_WARNING} ${typeName} ${n.number}, not the document itself; the document node represents the reported document`);
}

/** "… 188/KH-UBND ngày 04/12/2025", or "Ngày 04/12/2025, Ủy ban nhân dân … ban hành Kế hoạch 188/KH-UBND". */
function reportedDate(f: string, before: string, numberEnd: number): ParsedDate | null {
  const after = f.slice(numberEnd);
  return (
    (/^[\s,]*(?:ngay|\()/.test(after) ? dateAt(f, numberEnd + (/^[\s,(]*/.exec(after)?.[0].length ?? 0)) : null) ??
    (/^\s*ngay\s+\d/.test(before) ? dateAt(f, /^\s*/.exec(before)![0].length) : null)
  );
}
