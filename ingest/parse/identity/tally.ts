import { provinceSlug as toProvinceSlug, type AgencyNode, type DocumentTypeCode, type Level } from '../../../graph-schema/index.js';
import { typeFromCode } from '../document-types.js';
import { foldLower } from '../text/fold.js';
import type { IssuerInfo } from '../issuers/codes.js';
import { issuerAgency, issuerDisplayName } from '../issuers/names.js';
import { issuerPathOf } from '../issuers/paths.js';
import { findProvinceMentions, provinceFromFolded } from '../provinces.js';
import type { DocumentIdentity } from '../types.js';
import { best, type Ballot, type IdentityText } from './ballot.js';

/*
 * The count: the heaviest candidate of each field wins, with the rules that tie fields together
 * (the issuer decides whether there is a province; a number's type code beats the words).
 * Warns of what no source stated.
 */

type Issuer = IssuerInfo & { alias?: string };

export interface Tally {
  identity: DocumentIdentity;
  /** Lines of the title. */
  titleLines: number[];
  /** The issuer agency node, when the issuer is known well enough to name it. */
  issuerAgency: AgencyNode | null;
}

export function tally(text: IdentityText, ballot: Ballot): Tally {
  const issuer = resolveIssuer(ballot);
  const central = issuer !== null && !issuer.local;
  const place = best(ballot.place)?.value ?? null;
  if (!central) voteLocalProvince(text, ballot, place);
  const province = central ? null : (best(ballot.province)?.value ?? null);
  const provinceSlug = province ? toProvinceSlug(province) : null;

  const numberCand = best(ballot.number)?.value ?? null;
  const { typeCode, typeName, stated } = resolveType(ballot, numberCand?.typeCode);
  const date = best(ballot.date)?.value ?? null;
  const year = date?.year ?? best(ballot.year)?.value ?? null;
  const title = best(ballot.title)?.value ?? null;
  const signer = best(ballot.signer)?.value ?? null;

  if (!numberCand) ballot.warnings.push('no document number found; the id uses a hash of the title');
  if (!date) ballot.warnings.push(year ? `no issue date found (year ${year} from the number)` : 'no issue date found');
  warnIssuer(ballot, issuer, province);
  if (!stated) ballot.warnings.push('document type not identified');
  if (!title) ballot.warnings.push('title not found');
  if (!signer && !ballot.reported) ballot.warnings.push('signer not found');

  const identity: DocumentIdentity = {
    typeCode,
    typeName,
    number: numberCand?.number ?? null,
    issuerName: issuer ? issuerDisplayName(issuer, province) : null,
    issuerPath: issuer ? issuerPathOf(issuer, provinceSlug) : 'unknown',
    level: levelOf(issuer),
    province,
    provinceSlug,
    date: date?.iso ?? null,
    year,
    place: place ?? null,
    signer,
    title: title?.text ?? null,
  };
  const agency = issuer ? issuerAgency(issuer, province, issuer.alias) : null;
  return { identity, titleLines: title?.lines ?? [], issuerAgency: agency };
}

/**
 * The strongest candidate decides the body; then the more specific name of the same body, as
 * another source gives it.
 */
function resolveIssuer(ballot: Ballot): Issuer | null {
  const cands = ballot.issuer;
  let issuer = best(cands)?.value ?? null;
  if (issuer && issuer.local && issuer.agencyName === 'Ban Thường vụ Tỉnh ủy') {
    // "T/M BAN THƯỜNG VỤ" under a Thành ủy header.
    const thanh = cands.find((c) => c.value.agencyName.includes('Thành ủy'));
    if (thanh) issuer = { ...issuer, agencyName: 'Ban Thường vụ Thành ủy' };
  }
  if (issuer && issuer.local) {
    // Prefer the more specific body of the same kind: "Ban Thường vụ Tỉnh ủy" (signature, preamble) over "Tỉnh ủy" (header).
    const same = cands
      .filter((c) => c.value.code === issuer!.code && c.value.local && !c.value.district === !issuer!.district)
      .map((c) => c.value);
    const specific = same.find((v) => /^Ban Thường vụ/.test(v.agencyName));
    if (specific && issuer.agencyName !== specific.agencyName && issuer.code === 'tu') issuer = { ...issuer, agencyName: specific.agencyName };
  }
  if (issuer && !issuer.local && issuer.code === 'tw') {
    // Several central Party bodies share "tw"; the one that signs (T/M BỘ CHÍNH TRỊ) or is named with the number wins over the header.
    const named = cands.filter((c) => c.value.code === 'tw' && c.source !== 'header' && c.source !== 'number code');
    const top = best(named);
    if (top && top.value.agencyName) issuer = top.value;
  }
  if (issuer && !issuer.agencyName && !issuer.local) {
    const named = cands.find((c) => c.value.code === issuer!.code && c.value.agencyName);
    if (named) issuer = named.value;
  }
  return issuer;
}

/**
 * A local (or unknown) issuer's province: besides the candidates of the sources, the place of the
 * header, and when no source named one, the body text.
 */
function voteLocalProvince(text: IdentityText, ballot: Ballot, place: string | null): void {
  if (place) {
    const p = provinceFromFolded(foldLower(place).replace(/^(tinh|thanh pho|tp\.?)\s+/, ''));
    if (p) ballot.province.push({ value: p, weight: 50, source: 'place' });
  }
  if (ballot.province.length) return;
  // The body: "tỉnh Bắc Giang" counts double, a bare "Quảng Bình" once.
  const counts = new Map<string, number>();
  for (const l of text.clean) for (const p of findProvinceMentions(l.text)) counts.set(p.name, (counts.get(p.name) ?? 0) + (p.qualified ? 2 : 1));
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const top = ranked[0];
  if (top && (ranked.length === 1 || top[1] > (ranked[1]?.[1] ?? 0))) ballot.province.push({ value: top[0], weight: 5, source: 'body' });
}

/** The type; `stated` when some source gave one (else "Văn bản", other). */
function resolveType(ballot: Ballot, numberTypeCode: string | null | undefined): { typeCode: DocumentTypeCode; typeName: string; stated: boolean } {
  const typeCand = best(ballot.type)?.value ?? null;
  let typeCode: DocumentTypeCode = typeCand?.code ?? 'other';
  let typeName = typeCand?.name ?? 'Văn bản';
  // A number's own type code is stable across citing documents; prefer it when the words disagree
  // on the code (the same rule citations/index.ts uses, so a document and its citations share one id).
  const codeType = typeFromCode(numberTypeCode);
  if (codeType && codeType.code !== typeCode && codeType.code !== 'other') {
    typeCode = codeType.code;
    typeName = codeType.name;
  }
  return { typeCode, typeName, stated: typeCand !== null };
}

function warnIssuer(ballot: Ballot, issuer: Issuer | null, province: string | null): void {
  if (!issuer) ballot.warnings.push('issuer not identified');
  else if (issuer.local && !province) ballot.warnings.push('province not identified for a local issuer');
  else if (issuer.local && !ballot.province.some((c) => c.weight >= 20)) ballot.warnings.push(`province ${province} inferred from the body text`);
}

function levelOf(issuer: Issuer | null): Level {
  return issuer ? (issuer.local ? (issuer.district ? 'district' : 'province') : issuer.level) : 'province';
}
