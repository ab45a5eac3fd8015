import { typeCodeDisplay, typeFromCode, TYPE_CODE_PATTERN } from './document-types.js';
import { isExactIssuerCode, isKnownIssuerCode, PARTY_ISSUERS } from './issuers/codes.js';

export interface ParsedNumber {
  /** Canonical spelling: "69-KL/TW", "709/QĐ-TTg", "06/2021/NQ-HĐND", "3229/KH-UBND". */
  number: string;
  serial: string;
  /** Year written inside the number (state documents since 2013: "06/2021/NQ-HĐND"). */
  year: number | null;
  /** Folded type code inside the number, if any ("kl", "qd"). */
  typeCode: string | null;
  /** Folded issuer code ("tw", "tu", "ttg", "ubnd", "bkhcn", "qh15"). */
  issuerCode: string;
  /** Department code after the issuer ("kgvx" in 123/UBND-KGVX). */
  deptCode: string | null;
  party: boolean;
  length: number;
}

const CODE = '[a-z][a-z]{0,9}\\d{0,2}';
const PARTY_NUMBER = new RegExp(`(\\d{1,5})\\s*-\\s*(${TYPE_CODE_PATTERN})\\s*\\/\\s*(${CODE})(?![a-z0-9])`, 'y');
const STATE_NUMBER = new RegExp(
  `(\\d{1,5})(?:\\s*\\/\\s*(\\d{4}))?\\s*\\/\\s*(?:(${TYPE_CODE_PATTERN})\\s*-\\s*)?(${CODE})(?:\\s*-\\s*(${CODE}))?(?![a-z0-9])`,
  'y',
);

/** Issuer and department codes not written as plain capitals. */
const CODE_SPELLINGS: Readonly<Record<string, string>> = { ttg: 'TTg', hdnd: 'HĐND', ubnd: 'UBND', ctr: 'CTr', qdi: 'QĐi', ttr: 'TTr' };

function displayCode(original: string, folded: string): string {
  return CODE_SPELLINGS[folded] ?? original.replace(/\s+/g, '').toUpperCase();
}

/**
 * A document number starting at `index` of the folded text (`original` is the same text unfolded):
 * "69-KL/TW", "69/KL-TW" (a common misspelling), "709/QĐ-TTg", "06/2021/NQ-HĐND", "06/2021/HĐND",
 * "3229 /KH-UBND", "123/UBND-KGVX", "93/2015/QH13". Spaces and line breaks may split it.
 */
export function numberAt(original: string, folded: string, index: number): ParsedNumber | null {
  PARTY_NUMBER.lastIndex = index;
  let m = PARTY_NUMBER.exec(folded);
  if (m) {
    const [, serial, type, issuer] = m as unknown as [string, string, string, string];
    const issuerStart = index + m[0].length - issuer.length;
    const issuerDisplay = displayCode(original.slice(issuerStart, issuerStart + issuer.length), issuer);
    return {
      number: `${serial}-${typeCodeDisplay(type)}/${issuerDisplay}`,
      serial,
      year: null,
      typeCode: type,
      issuerCode: issuer,
      deptCode: null,
      party: true,
      length: m[0].length,
    };
  }
  STATE_NUMBER.lastIndex = index;
  m = STATE_NUMBER.exec(folded);
  if (!m) return null;
  const serial = m[1]!;
  const year = m[2] ? Number(m[2]) : null;
  let type = m[3] ?? null;
  let issuer = m[4]!;
  let dept = m[5] ?? null;
  if (year !== null && (year < 1945 || year > 2100)) return null;
  // "123/UBND-KGVX" has no type code; "380/KH-UBND" has one. A bare "12/2024" is not a number.
  if (!type && typeFromCode(issuer) && dept) {
    type = issuer;
    issuer = dept;
    dept = null;
  }
  // Without a type code or a year, only a known body code makes "<n>/<code>" a number ("12/UBND").
  if (!type && !year && !isExactIssuerCode(issuer)) return null;
  if (!type && year && !isKnownIssuerCode(issuer)) return null;
  const raw = original.slice(index, index + m[0].length);
  const rawParts = raw.split(/\s*[/-]\s*/);
  const issuerRaw = rawParts[rawParts.length - (dept ? 2 : 1)] ?? issuer;
  const issuerDisplay = displayCode(issuerRaw, issuer);
  const typeDisplay = type ? typeCodeDisplay(type) : null;
  const party = PARTY_ISSUERS.has(issuer);
  let number: string;
  if (party && typeDisplay) number = `${serial}-${typeDisplay}/${issuerDisplay}`;
  else {
    number = `${serial}${year ? `/${year}` : ''}/${typeDisplay ? `${typeDisplay}-` : ''}${issuerDisplay}`;
    if (dept) number += `-${displayCode(rawParts[rawParts.length - 1] ?? dept, dept)}`;
  }
  return { number, serial, year, typeCode: type, issuerCode: issuer, deptCode: dept, party, length: m[0].length };
}
