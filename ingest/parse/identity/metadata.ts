import { dateAt } from '../dates.js';
import { numberAt } from '../document-numbers.js';
import { typeFromWords } from '../document-types.js';
import { foldLower } from '../text/fold.js';
import { findIssuers } from '../issuers/index.js';
import { findProvinceMentions, provinceFromFolded } from '../provinces.js';
import { nameLike } from './signature.js';
import { addIssuer, type Ballot, type IdentityText } from './ballot.js';

/**
 * 2. The metadata block of legal-document websites in the first 60 lines: "Số hiệu:",
 * "Ngày ban hành:", "Loại văn bản:", "Cơ quan ban hành:" (or "Nơi ban hành:"), "Người ký:",
 * as "label: value", "| label | value |" or "label<TAB>value".
 */
export function voteMetadata(text: IdentityText, ballot: Ballot): void {
  for (let i = 0; i < text.clean.length && i < 60; i++) {
    voteMetadataLine(ballot, text.folded[i]!.trim(), text.clean[i]!.text.trim());
  }
}

function voteMetadataLine(ballot: Ballot, f: string, line: string): void {
  const value = (label: string): string | null => {
    const m = new RegExp(`^\\|?\\s*${label}\\s*[:|\\t]?\\s*(?:\\|\\s*)?`).exec(f);
    if (!m) return null;
    const v = line.slice(m[0].length).replace(/\|\s*$/, '').trim();
    return v || null;
  };
  let v: string | null;
  if ((v = value('so hieu'))) {
    const n = numberAt(v, foldLower(v), 0);
    if (n) ballot.number.push({ value: { ...n, raw: v }, weight: 40, source: 'metadata' });
  } else if ((v = value('ngay ban hanh'))) {
    const d = dateAt(foldLower(v), 0);
    if (d) ballot.date.push({ value: d, weight: 40, source: 'metadata' });
  } else if ((v = value('loai van ban'))) {
    const t = typeFromWords(foldLower(v));
    if (t) ballot.type.push({ value: t, weight: 40, source: 'metadata' });
  } else if ((v = value('co quan ban hanh')) || (v = value('noi ban hanh'))) {
    voteMetadataIssuer(ballot, v);
  } else if ((v = value('nguoi ky'))) {
    if (nameLike(v) || v.split(/\s+/).length >= 2) ballot.signer.push({ value: v, weight: 30, source: 'metadata' });
  }
}

/** "Cơ quan ban hành: Ủy ban nhân dân tỉnh Bắc Kạn", "Nơi ban hành: Tỉnh Bắc Kạn": the issuer and its province. */
function voteMetadataIssuer(ballot: Ballot, v: string): void {
  const fv = foldLower(v);
  const iss = findIssuers(fv, v)[0];
  if (iss) addIssuer(ballot, iss, 30, 'metadata', v);
  const p = findProvinceMentions(v).concat(findProvinceMentions(v.replace(/^\s*(tỉnh|thành phố)\s+/i, '')))[0];
  if (p) ballot.province.push({ value: p.name, weight: 35, source: 'metadata' });
  else {
    const prov = provinceFromFolded(fv.replace(/^(tinh|thanh pho)\s+/, ''));
    if (prov) ballot.province.push({ value: prov, weight: 35, source: 'metadata' });
  }
}
