import { foldLower } from '../text/fold.js';
import { isKnownIssuerCode } from '../issuers/codes.js';
import { numberFromFileName, repairedHeaderDate, stampDate } from './scan-fallbacks.js';
import type { Ballot, IdentityText } from './ballot.js';

/**
 * 9. A scan whose handwritten serial or day OCR could not read (scan-fallbacks.ts): the serial from
 * the file name when no source gave a number of weight 35 or more, the header's date repaired or
 * the e-signature stamp's when none gave a date of weight 40 or more; each with a warning.
 */
export function voteScanFallbacks(text: IdentityText, ballot: Ballot, fileName: string | undefined): void {
  const header = text.clean.slice(0, 30);
  if (!ballot.number.some((c) => c.weight >= 35)) {
    const n = numberFromFileName(header.map((l) => l.text), fileName, fixIssuerCode);
    if (n) {
      ballot.number.push({ value: { ...n, raw: n.number }, weight: 36, source: 'file name' });
      ballot.warnings.push(`number ${n.number}: its serial is taken from the file name (unreadable in the text)`);
    }
  }
  if (!ballot.date.some((c) => c.weight >= 40)) voteScanDate(text.folded, ballot);
}

function voteScanDate(folded: string[], ballot: Ballot): void {
  const stamp = stampDate(folded);
  const repaired = repairedHeaderDate(folded.slice(0, 30), stamp);
  if (repaired) {
    ballot.date.push({ value: repaired.date, weight: 45, source: 'header (repaired)' });
    if (repaired.completed) ballot.warnings.push(`issue date ${repaired.date.iso}: completed from the e-signature stamp (the header's day or month is unreadable)`);
  } else if (stamp) {
    // The header's date is unreadable (or absent): the stamp, signed on or just after it, beats a date of the body.
    ballot.date.push({ value: stamp, weight: 38, source: 'stamp' });
    ballot.warnings.push(`issue date ${stamp.iso} taken from the e-signature stamp (the header's date is unreadable)`);
  }
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
