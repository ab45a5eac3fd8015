import { documentId, numberKey, numberSlug, provinceSlug as toProvinceSlug, type DocumentTypeCode, type Level } from '../../../graph-schema/index.js';
import type { Mention } from './mentions.js';
import { typeCodeDisplay, typeFromCode } from '../document-types.js';
import { issuerFromCode, type IssuerInfo } from '../issuers/codes.js';
import { issuerPathOf, levelOfPath } from '../issuers/paths.js';
import type { DocumentIdentity } from '../types.js';

/*
 * Each mention resolves to one document id: issuer from the number's code (TU, UBND, HĐND → the
 * citing document's province unless the words name another), type from the code (stable across
 * citing documents) or the words, year unified over every mention of the same number.
 */

export interface Resolved {
  key: string;
  issuerPath: string;
  typeCode: DocumentTypeCode;
  typeName: string;
  number: string;
  info: IssuerInfo;
  province: string | null;
  level: Level;
}

/** A cited document, as all its mentions together describe it. */
export interface CitedDocument {
  r: Resolved;
  year: number | null;
  date: string | null;
  info: IssuerInfo;
  /** `info` comes from the words around a mention, not only from the number's code. */
  fromWords: boolean;
  title: string | null;
  /** Order of first mention. */
  first: number;
}

function resolveFull(m: Mention, citingProvince: string | null): Resolved {
  const n = m.parsed!;
  const codeType = typeFromCode(n.typeCode);
  // Laws carry no type code: "Luật Khoa học và công nghệ số 29/2013/QH13".
  const lawByDefault = !n.typeCode && /^qh\d*$/.test(n.issuerCode) ? { code: 'luat' as const, name: 'Luật' } : null;
  const type =
    codeType && codeType.code !== 'other' ? codeType : (m.words ?? codeType ?? lawByDefault ?? { code: 'other' as const, name: 'Văn bản' });
  const typeName = m.words && m.words.code === type.code ? m.words.name : type.name;
  let info: IssuerInfo = issuerFromCode(n.issuerCode);
  const words = m.issuerWords;
  if (info.local) {
    if (words && words.local && words.code === info.code) {
      info = { ...info, agencyName: words.agencyName, district: words.district, districtName: words.districtName, province: words.province };
    }
    else if (words && !info.agencyName && (!words.local || words.code === info.code)) info = { ...words };
  } else if (words && !words.local && words.code === info.code && words.agencyName) {
    info = { ...info, agencyName: words.agencyName, level: words.level };
  }
  const province = info.local ? (info.province ?? citingProvince) : null;
  const provSlug = province ? toProvinceSlug(province) : null;
  const issuerPath = issuerPathOf(info, provSlug);
  let number = n.number;
  // Laws and unclassified documents have no type code to put in a number.
  const typeCoded = type.code !== 'luat' && type.code !== 'other';
  if (!n.typeCode && !n.party && typeCoded && !n.deptCode) {
    // "Nghị quyết 06/2021/HĐND" → "06/2021/NQ-HĐND"
    number = number.replace(/\/([^/]+)$/, `/${typeCodeDisplay(type.code)}-$1`);
  }
  const key = numberKey({ issuerPath, typeCode: type.code, number })!;
  return { key, issuerPath, typeCode: type.code, typeName, number, info, province, level: levelOfPath(issuerPath) };
}

/**
 * Resolves every mention: sets `target` (the cited document's id) or `isSelf`, and returns the cited
 * documents by id with a warning for each bare mention nobody says the issuer of.
 */
export function resolveTargets(all: Mention[], self: DocumentIdentity): { docs: Map<string, CitedDocument>; warnings: string[] } {
  const warnings: string[] = [];
  const selfKey = self.number ? numberKey({ issuerPath: self.issuerPath, typeCode: self.typeCode, number: self.number }) : null;

  // Resolve full numbers.
  const resolved = new Map<Mention, Resolved>();
  for (const m of all) if (m.parsed) resolved.set(m, resolveFull(m, self.province));
  // Bare mentions adopt the issuer of a full mention with the same type and serial, or of their words.
  for (const m of all) {
    if (!m.bareSerial || !m.words) continue;
    const same = [...resolved.entries()].filter(
      ([o, r]) => o.parsed && r.typeCode === m.words!.code && o.parsed.serial.replace(/^0+/, '') === m.bareSerial!.replace(/^0+/, ''),
    );
    let pick: Resolved | null = null;
    if (same.length) {
      const counts = new Map<string, { r: Resolved; c: number }>();
      for (const [, r] of same) counts.set(r.key, { r, c: (counts.get(r.key)?.c ?? 0) + 1 });
      const byWords = m.issuerWords ? [...counts.values()].find((x) => x.r.info.code === m.issuerWords!.code) : undefined;
      pick = (byWords ?? [...counts.values()].sort((a, b) => b.c - a.c)[0]!).r;
    } else if (self.number && m.words.code === self.typeCode && numberSlug(self.number).replace(/^0+/, '') === m.bareSerial.replace(/^0+/, '')) {
      m.isSelf = true;
      continue;
    } else if (m.issuerWords) {
      const info: IssuerInfo = m.issuerWords;
      const province = info.local ? (info.province ?? self.province) : null;
      const issuerPath = issuerPathOf(info, province ? toProvinceSlug(province) : null);
      const key = numberKey({ issuerPath, typeCode: m.words.code, number: m.bareSerial })!;
      pick = { key, issuerPath, typeCode: m.words.code, typeName: m.words.name, number: m.bareSerial, info, province, level: levelOfPath(issuerPath) };
    }
    if (pick) resolved.set(m, pick);
    else warnings.push(`unresolved reference "${m.raw}" (no issuer): skipped`);
  }

  // Self, years and ids.
  const years = new Map<string, number[]>();
  for (const [m, r] of resolved) {
    const sameYear = !m.year || !self.year || m.year === self.year;
    // Its own number, whoever the words make its issuer ("3260-KH/ĐĐQH15" under "ĐẢNG ĐOÀN QUỐC HỘI"): never a citation.
    const ownNumber = !!self.number && r.typeCode === self.typeCode && numberSlug(r.number) === numberSlug(self.number);
    if (sameYear && ((selfKey && r.key === selfKey) || ownNumber)) m.isSelf = true;
    const y = m.parsed?.year ?? m.year;
    if (y && !m.isSelf) {
      const list = years.get(r.key);
      if (list) list.push(y);
      else years.set(r.key, [y]);
    }
  }
  const yearOf = (key: string, own: number | null): number | null => {
    if (own) return own;
    const ys = years.get(key);
    if (!ys?.length) return null;
    const counts = new Map<number, number>();
    for (const y of ys) counts.set(y, (counts.get(y) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || ys.indexOf(a[0]) - ys.indexOf(b[0]))[0]![0];
  };
  const docs = new Map<string, CitedDocument>();
  let order = 0;
  for (const m of all) {
    const r = resolved.get(m);
    if (!r || m.isSelf) continue;
    const year = yearOf(r.key, m.parsed?.year ?? m.year);
    const id = documentId({ issuerPath: r.issuerPath, typeCode: r.typeCode, number: r.number, year });
    m.target = id;
    const d = docs.get(id);
    const dated = m.date && Number(m.date.slice(0, 4)) === year ? m.date : null;
    if (!d) docs.set(id, { r, year, date: dated, info: r.info, fromWords: !!m.issuerWords, title: null, first: order++ });
    else {
      if (!d.date && dated) d.date = dated;
      // The issuer as the words name it ("của Ban Thường vụ Tỉnh ủy") beats the code's default ("Tỉnh ủy").
      if ((!d.fromWords && m.issuerWords && r.info.agencyName) || (!d.info.agencyName && r.info.agencyName)) {
        d.info = r.info;
        d.fromWords = !!m.issuerWords;
      }
    }
  }
  return { docs, warnings };
}
