import type { DocumentTypeCode } from '../../../graph-schema/index.js';
import type { ParsedNumber } from '../document-numbers.js';
import { foldLower } from '../text/fold.js';
import type { IssuerInfo } from '../issuers/codes.js';
import { cleanInline } from '../text/lines.js';
import type { SourceLine } from '../types.js';

/*
 * What every source of a document's identity reads (the text, cleaned and folded) and where it
 * votes (the ballot: one list of weighted candidates per field). The sources run in order and
 * some look at what earlier ones voted, so the ballot is filled in place.
 */

/** One line with its inline Markdown removed. */
export interface CleanLine {
  n: number;
  text: string;
}

export interface IdentityText {
  /** The lines as given: a "## KẾ HOẠCH" or "**NGHỊ QUYẾT**" heading is told by its marks. */
  raw: SourceLine[];
  clean: CleanLine[];
  /** `clean`, folded (text/fold.ts): the same length as the original, so an index found here cuts `clean`. */
  folded: string[];
  nonEmpty: CleanLine[];
  /** Line number → index in `clean`. */
  idxOf: Map<number, number>;
}

export function identityText(lines: SourceLine[]): IdentityText {
  const clean = lines.map((l) => ({ n: l.n, text: cleanInline(l.text) }));
  return {
    raw: lines,
    clean,
    folded: clean.map((l) => foldLower(l.text)),
    nonEmpty: clean.filter((l) => l.text.trim().length > 0),
    idxOf: new Map(clean.map((l, i) => [l.n, i])),
  };
}

export interface Candidate<T> {
  value: T;
  /** Higher wins. */
  weight: number;
  source: string;
}

/** The heaviest candidate; the first of equals. */
export function best<T>(cands: Array<Candidate<T>>): Candidate<T> | null {
  let top: Candidate<T> | null = null;
  for (const c of cands) if (!top || c.weight > top.weight) top = c;
  return top;
}

export interface Ballot {
  type: Array<Candidate<{ code: DocumentTypeCode; name: string }>>;
  number: Array<Candidate<ParsedNumber & { raw: string }>>;
  date: Array<Candidate<{ iso: string; year: number }>>;
  year: Array<Candidate<number>>;
  issuer: Array<Candidate<IssuerInfo & { alias?: string }>>;
  province: Array<Candidate<string>>;
  place: Array<Candidate<string>>;
  signer: Array<Candidate<string>>;
  title: Array<Candidate<{ text: string; lines: number[] }>>;
  /** The source is a report about the document (a news article), not the document itself. */
  reported: boolean;
  warnings: string[];
}

export function newBallot(): Ballot {
  return { type: [], number: [], date: [], year: [], issuer: [], province: [], place: [], signer: [], title: [], reported: false, warnings: [] };
}

/** An issuer, and its province (when it has one) with the same weight. */
export function addIssuer(ballot: Ballot, info: IssuerInfo, weight: number, source: string, alias?: string): void {
  ballot.issuer.push({ value: { ...info, alias }, weight, source });
  if (info.province) ballot.province.push({ value: info.province, weight, source });
}
