import { issuerFromCode } from '../issuers/codes.js';
import { typeFromCode } from '../document-types.js';
import { addIssuer, best, type Ballot, type IdentityText } from './ballot.js';

/**
 * 10. The strongest number's own codes name the issuer and the type when nothing else did (they
 * weigh least); an official letter has no type heading: "Số: 123/UBND-KGVX" and "V/v …".
 */
export function voteNumberCode(text: IdentityText, ballot: Ballot): void {
  const num = best(ballot.number);
  if (!ballot.type.length && (text.clean.slice(0, 40).some((l) => /^\s*v\s*\/\s*v\b/i.test(l.text)) || (num && !num.value.typeCode && num.value.deptCode))) {
    ballot.type.push({ value: { code: 'cv', name: 'Công văn' }, weight: 12, source: 'letter' });
  }
  if (!num) return;
  const fromCode = issuerFromCode(num.value.issuerCode);
  if (fromCode.agencyName || !fromCode.local) addIssuer(ballot, fromCode, 10, 'number code');
  const t = typeFromCode(num.value.typeCode);
  if (t) ballot.type.push({ value: t, weight: 15, source: 'number code' });
  if (num.value.year) ballot.year.push({ value: num.value.year, weight: 10, source: 'number' });
}
