import { findIssuers } from '../issuers/index.js';
import { isSectionHeading } from '../text/line-shapes.js';
import { readSignature } from './signature.js';
import { addIssuer, type Ballot, type IdentityText } from './ballot.js';

/*
 * The body that signs the document, or says in its opening that it issues it.
 */

/** 7. The signature block ("TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ" + name): the signer and the body signed for. */
export function voteSignature(text: IdentityText, ballot: Ballot): void {
  const signature = readSignature(text.clean);
  if (!signature) return;
  ballot.signer.push({ value: signature.signer, weight: 28, source: 'signature' });
  for (const body of signature.bodies) addIssuer(ballot, body, 25, 'signature');
}

/**
 * 8. The preamble, up to the first section heading after the type heading (or the first 40
 * lines): "…, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện như sau:". Not read in a report.
 */
export function votePreamble(text: IdentityText, ballot: Ballot, typeHeading: number | null): void {
  const { clean, folded } = text;
  const end = preambleEnd(text, typeHeading);
  for (let i = 0; i < end; i++) {
    const f = folded[i]!;
    for (const iss of findIssuers(f, clean[i]!.text)) {
      const after = f.slice(iss.index + iss.length);
      if (/^\s*(?:da\s+)?(?:ban hanh|xay dung)\s/.test(after) && !ballot.reported) addIssuer(ballot, iss, 22, 'preamble');
    }
  }
}

function preambleEnd(text: IdentityText, typeHeading: number | null): number {
  for (let i = (typeHeading ?? -1) + 1; i < text.clean.length; i++) if (isSectionHeading(text.clean[i]!.text)) return i;
  return Math.min(text.clean.length, 40);
}
