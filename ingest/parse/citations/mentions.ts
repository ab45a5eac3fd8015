import type { DocumentTypeCode } from '../../../graph-schema/index.js';
import type { Para } from './paragraphs.js';
import { dateAt } from '../dates.js';
import { numberAt, type ParsedNumber } from '../document-numbers.js';
import { typeFromWords, TYPE_WORD_PATTERN } from '../document-types.js';
import { findIssuers, issuerOfAt, type IssuerMatch } from '../issuers/index.js';

/*
 * Every mention of a document in a paragraph: full numbers in any spelling ("69-KL/TW", "69/KL-TW",
 * "709/QĐ-TTg", "06/2021/HĐND"), with the type words before them and the date, year and issuer after
 * them; bare ones ("Kết luận 69"), which only count when another mention or the words say whose they
 * are; and "Kế hoạch này", the citing document itself.
 */

export interface Mention {
  para: Para;
  sentence: [number, number];
  /** Start of the mention (its type words, if any). */
  start: number;
  /** End of the number. */
  numEnd: number;
  /** End of the number and its date or year. */
  end: number;
  /** End of the issuer words after it ("của Bộ Chính trị"), else `end`. */
  afterIssuer: number;
  raw: string;
  words: { code: DocumentTypeCode; name: string } | null;
  parsed: ParsedNumber | null;
  bareSerial: string | null;
  date: string | null;
  year: number | null;
  /** Issuer named by the words around the mention. */
  issuerWords: IssuerMatch | null;
  /** The cited document's id, once resolved. */
  target: string | null;
  /** The citing document itself: "Kế hoạch này", or its own number. */
  isSelf: boolean;
}

const TYPE_BEFORE = new RegExp(`(?:^|[^a-z])(${TYPE_WORD_PATTERN})\\s*(?:so\\s*)?[:.]?\\s*$`);
const BARE = new RegExp(`(?<![a-z])(${TYPE_WORD_PATTERN})\\s+(?:(so)\\s*[:.]?\\s*)?(\\d{1,5})(?!\\d)`, 'g');
const SELF_THIS = new RegExp(`(?<![a-z])(?:${TYPE_WORD_PATTERN})\\s+nay(?![a-z])`, 'g');

export function findMentions(p: Para, spans: Array<[number, number]>): Mention[] {
  const f = p.folded;
  const out: Mention[] = [];
  const sentenceOf = (i: number): [number, number] => spans.find(([a, b]) => i >= a && i < b) ?? [0, p.text.length];
  const tail = (m: Mention): void => {
    let j = m.numEnd;
    const ws = /[\s,]*\(?\s*/y;
    ws.lastIndex = j;
    const w = ws.exec(f)?.[0].length ?? 0;
    const d = dateAt(f, j + w);
    if (d) {
      m.date = d.iso;
      m.year = d.year;
      j += w + d.length;
      if (f[j] === ')' && f.slice(m.numEnd, j).includes('(')) j += 1;
    } else {
      const y = /\s*nam\s+(\d{4})(?!\d)/y;
      y.lastIndex = j;
      const ym = y.exec(f);
      if (ym) {
        m.year = Number(ym[1]);
        j += ym[0].length;
      }
    }
    m.end = j;
    m.afterIssuer = j;
    const of = issuerOfAt(f, j, p.text);
    if (of) {
      m.issuerWords = of.issuer;
      m.afterIssuer = of.end;
    }
    if (!m.issuerWords) {
      // "Tỉnh ủy Kon Tum ban hành Kế hoạch số 44-KH/TU"
      const before = f.slice(Math.max(0, m.start - 90), m.start);
      const pre = /(?:da\s+)?ban hanh\s*$/.exec(before);
      if (pre) {
        const issuers = findIssuers(before.slice(0, pre.index), p.text.slice(Math.max(0, m.start - 90), m.start).slice(0, pre.index));
        const last = issuers[issuers.length - 1];
        if (last && before.slice(last.index + last.length, pre.index).trim() === '') m.issuerWords = last;
      }
    }
    m.raw = p.text.slice(m.start, m.end).replace(/\s+/g, ' ').replace(/[\s,(]+$/, '').trim();
  };
  const base = (start: number, numEnd: number): Mention => ({
    para: p, sentence: sentenceOf(start), start, numEnd, end: numEnd, afterIssuer: numEnd, raw: '', words: null, parsed: null,
    bareSerial: null, date: null, year: null, issuerWords: null, target: null, isSelf: false,
  });

  for (let i = 0; i < f.length; i++) {
    const c = f.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (i > 0 && /[\d/.\-a-z]/.test(f[i - 1]!)) continue;
    const n = numberAt(p.text, f, i);
    if (!n) continue;
    const before = f.slice(Math.max(0, i - 45), i);
    const tw = TYPE_BEFORE.exec(before);
    const start = tw ? i - (before.length - before.lastIndexOf(tw[1]!)) : i;
    const m = base(start, i + n.length);
    m.parsed = n;
    if (tw) m.words = typeFromWords(tw[1]!);
    tail(m);
    out.push(m);
    i += n.length - 1;
  }
  const covered = (i: number): boolean => out.some((m) => i >= m.start && i < m.numEnd);
  for (const b of f.matchAll(BARE)) {
    const numStart = b.index + b[0].length - b[3]!.length;
    if (covered(b.index) || covered(numStart)) continue;
    const after = f.slice(b.index + b[0].length, b.index + b[0].length + 12);
    if (/^\s*[-/]\s*[a-z\d]/.test(after) || /^\s*(?:thang|nam\b|%|\.\d|,\d)/.test(after)) continue;
    const serial = b[3]!;
    if (!b[2] && /^(19[4-9]\d|20\d\d)$/.test(serial)) continue; // "Kế hoạch 2024"
    const m = base(b.index, b.index + b[0].length);
    m.words = typeFromWords(b[1]!);
    m.bareSerial = serial;
    tail(m);
    out.push(m);
  }
  for (const s of f.matchAll(SELF_THIS)) {
    if (covered(s.index)) continue;
    const m = base(s.index, s.index + s[0].length);
    m.isSelf = true;
    m.raw = p.text.slice(s.index, s.index + s[0].length);
    out.push(m);
  }
  return out.sort((a, b) => a.start - b.start);
}
