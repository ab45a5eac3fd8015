import { createHash } from 'node:crypto';
import { matchKey } from '../../../core/vn-text.js';
import { documentId, type AgencyNode } from '../../../graph-schema/index.js';
import { identityText, newBallot } from './ballot.js';
import { voteHeader } from './header.js';
import { voteTitle, voteTypeHeading } from './heading.js';
import { votePreamble, voteSignature } from './issuing-body.js';
import { voteMetadata } from './metadata.js';
import { voteAppendix, voteNamingHeading } from './naming.js';
import { voteNumberCode } from './number-code.js';
import { voteReport } from './report.js';
import { voteScanFallbacks } from './scan.js';
import { tally } from './tally.js';
import type { DocumentIdentity, SourceLine } from '../types.js';

export { isReportAbout } from './report.js';

/*
 * A document's own identity (type, number, date, issuer, province, place, signer, title), voted on
 * by every place that states it: each source adds weighted candidates and the heaviest wins.
 * Matching happens on a folded copy of the text that has exactly the original's length (text/fold.ts).
 * The sources and the count are in identity/, one file each.
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

/**
 * Reads the identity of a document from its lines. Sources, strongest first: the header (issuer
 * lines, "Số: …", "<place>, ngày … tháng … năm …"), the metadata block of legal-document websites,
 * the appendix ("Ban hành kèm theo Kế hoạch số … ngày … của …"), a heading that names the document
 * ("Kết luận số 69-KL/TW ngày … của Bộ Chính trị về …"), the signature ("TM. ỦY BAN NHÂN DÂN",
 * "T/M BAN THƯỜNG VỤ" + name), the preamble ("…, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch …") and, for
 * the province, the body ("con em Quảng Bình"). A news report about a document ("Tỉnh ủy Kon Tum
 * ban hành Kế hoạch số 44-KH/TU …") is read as the document it reports, with a warning.
 * The sources run in a fixed order, not by weight: some read what earlier ones voted (a report is
 * read only without a number from the header, the preamble only when the text is no report).
 */
export function readIdentity(lines: SourceLine[], opts: { fileName?: string } = {}): IdentityReading {
  const text = identityText(lines);
  const ballot = newBallot();
  const typeHeading = voteTypeHeading(text, ballot);
  if (typeHeading !== null) voteTitle(text, ballot, typeHeading);
  voteMetadata(text, ballot);
  voteHeader(text, ballot, typeHeading);
  voteAppendix(text, ballot);
  if (typeHeading === null) voteNamingHeading(text, ballot);
  if (typeHeading === null && !ballot.number.some((c) => c.weight >= 40)) voteReport(text, ballot);
  voteSignature(text, ballot);
  votePreamble(text, ballot, typeHeading);
  voteScanFallbacks(text, ballot, opts.fileName);
  voteNumberCode(text, ballot);
  const { identity, titleLines, issuerAgency } = tally(text, ballot);
  return {
    identity,
    warnings: [...new Set(ballot.warnings)],
    reported: ballot.reported,
    typeHeadingLine: typeHeading !== null ? text.clean[typeHeading]!.n : null,
    titleLines,
    issuerAgency,
  };
}

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
