import {
  documentId,
  numberKey,
  numberSlug,
  provinceSlug as toProvinceSlug,
  type AgencyNode,
  type CitationEdge,
  type DocumentNode,
  type DocumentTypeCode,
  type Level,
} from '../../graph-schema/index.js';
import {
  dateAt,
  findIssuers,
  foldLower,
  isSectionHeading,
  issuerAgency,
  issuerAt,
  issuerDisplayName,
  issuerFromCode,
  issuerPathOf,
  levelOfPath,
  numberAt,
  typeFromCode,
  typeFromWords,
  TYPE_WORD_PATTERN,
  type IssuerInfo,
  type IssuerMatch,
  type ParsedNumber,
} from './identity.js';
import { cleanInline } from './lines.js';
import type { DocumentIdentity, SourceLine } from './types.js';

/*
 * References from a document to other documents.
 *
 * 1. Lines are joined into paragraphs (a page break or a line break inside a sentence or inside a
 *    number such as "3229\n/KH-UBND" does not split them), then split into sentences.
 * 2. Every mention is found: full numbers in any spelling ("69-KL/TW", "69/KL-TW", "709/QĐ-TTg",
 *    "06/2021/HĐND"), with the type words before them and the date, year and issuer after them;
 *    and bare ones ("Kết luận 69"), which only count when another mention or the words say whose they are.
 * 3. Each mention resolves to one document id: issuer from the number's code (TU, UBND, HĐND → the
 *    citing document's province unless the words name another), type from the code (stable across
 *    citing documents) or the words, year unified over every mention of the same number.
 * 4. Relations come from the words between consecutive mentions of a sentence:
 *      "Thực hiện A và B về thực hiện C về tiếp tục thực hiện D"
 *    A is governed by the trigger ("thực hiện", "triển khai", "cụ thể hóa"), B is coordinated with
 *    A ("và", ",", ";"), C is what B carries out (B's date/issuer, then "về thực hiện") and D what
 *    C carries out. The document itself IMPLEMENTS what a trigger governs in its title and preamble
 *    (everything before the first body section) or where it names itself ("Kế hoạch này nhằm thực
 *    hiện …", "ban hành kèm theo Quyết định này Kế hoạch thực hiện …", "Kế hoạch số 44-KH/TU thực
 *    hiện …" with its own number); elsewhere a mention is a CITES. Chains between cited documents are
 *    IMPLEMENTS edges between their stubs, so lineage reaches the top even when a parent's own text
 *    is not in the corpus. "Căn cứ …" makes a citation a legal basis.
 */

export interface CitationContext {
  /** The citing document's id. */
  selfId: string;
  identity: DocumentIdentity;
  /** Line of the standalone type heading ("KẾ HOẠCH"); the preamble starts after it. */
  typeHeadingLine?: number | null;
  /**
   * Also emit the lineage the text states between cited documents ("Kế hoạch số 245-KH/TU … về thực
   * hiện Kết luận số 69-KL/TW" → 245 IMPLEMENTS 69, `from` = the 245 stub). Default true.
   */
  chainEdges?: boolean;
}

export interface CitationResult {
  citedDocuments: DocumentNode[];
  citations: CitationEdge[];
  /** Issuing bodies of the cited documents. */
  agencies: AgencyNode[];
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Paragraphs and sentences

interface Para {
  text: string;
  folded: string;
  /** Offset of each source line inside `text`. */
  starts: Array<{ n: number; offset: number }>;
  frame: boolean;
}

const CONNECTOR_END = /(?:^|\s)(?:(?:của|và|về|với|các|cho|theo|tại|trong|là|được|để|nhằm|đến|từ|ở|thuộc|những|có|số|ngày|bằng|do|qua)|(?:của|và|với)\s+\p{Lu}\p{Ll}*)\s*$/u;

function isUpperText(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length > 0.85;
}

const TERMINAL = /[.:;!?…"”)\]]\s*$|\.\/\.\s*$/;
const ENUMERATOR = /^\s*(?:[-+•*–]|\(?(?:\d+(?:\.\d+)*|[a-zđ]|[ivxlc]+)\s*[.)\-–](?:\s|$))/i;

function lineToPara(p: Para, offset: number): number {
  let n = p.starts[0]!.n;
  for (const s of p.starts) {
    if (s.offset <= offset) n = s.n;
    else break;
  }
  return n;
}

/**
 * Paragraphs: consecutive lines are joined when the first ends inside a number or a sentence and
 * the next continues it (lower-case start, or a long line cut by a page break).
 */
function toParagraphs(lines: SourceLine[], frameEnd: number, titleFrame: Set<number>): Para[] {
  const paras: Para[] = [];
  let cur: {
    parts: string[];
    starts: Array<{ n: number; offset: number }>;
    len: number;
    last: string;
    footnote: boolean;
    heading: boolean;
  } | null = null;
  const flush = (): void => {
    if (!cur) return;
    const text = cur.parts.join(' ');
    const first = cur.starts[0]!.n;
    paras.push({ text, folded: foldLower(text), starts: cur.starts, frame: first < frameEnd || titleFrame.has(first) });
    cur = null;
  };
  for (const line of lines) {
    const raw = line.text;
    const text = cleanInline(raw).trim();
    if (!text || /^[-_=*\s]{3,}$/.test(text)) continue;
    const footnote = /^\s*<sup>/i.test(raw);
    if (cur) {
      const prev: string = cur.last;
      const insideNumber =
        (/[\d/-]\s*$/.test(prev) && /^(?:\/\s*\p{L}|(?:[-/]\s*)?\p{L}{1,6}\s*[-/]\s*\p{L})/u.test(text)) || (/\bsố\s*$/iu.test(prev) && /^\d/.test(text));
      const open = !TERMINAL.test(prev) && !cur.footnote && !cur.heading && !ENUMERATOR.test(text) && !isSectionHeading(text) && !/^\s*#/.test(raw);
      // A sentence cut by a page break: the next line starts in lower case, or the cut falls right
      // after a connector ("của", "và") or inside a name ("… của Ban" / "Bí thư Trung ương …").
      const lowerStart = /^\p{Ll}/u.test(text);
      const cutAfterConnector = prev.length >= 120 && CONNECTOR_END.test(prev);
      const join = !footnote && !/\t/.test(raw) && (insideNumber || (open && (lowerStart || cutAfterConnector)));
      if (!join) flush();
    }
    if (!cur) cur = { parts: [], starts: [], len: 0, last: '', footnote, heading: isUpperText(text) || /^\s*(?:#|\*\*[^*]+\*\*\s*$)/.test(raw) };
    const c: { parts: string[]; starts: Array<{ n: number; offset: number }>; len: number; last: string } = cur;
    c.starts.push({ n: line.n, offset: c.len + (c.parts.length ? 1 : 0) });
    c.len += (c.parts.length ? 1 : 0) + text.length;
    c.parts.push(text);
    c.last = text;
  }
  flush();
  return paras;
}

const ABBREVIATION = /(?:^|[\s(])(?:tp|tm|kt|tl|tuq|q|ths|ts|pgs|gs|bs|ks|st|đ\/c|v\.v|tr|ng|ô|bà)$/i;

/** Sentence boundaries inside a paragraph: ". X", "? X", "! X", tabs (table cells). */
function sentenceSpans(p: Para): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  const t = p.text;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '\t') {
      if (i > start) spans.push([start, i]);
      start = i + 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    const next = t.slice(i + 1, i + 3);
    if (!/^\s+[\p{Lu}\d"“(-]/u.test(next) && !/^\/\./.test(next)) continue;
    const before = t.slice(start, i);
    if (/^\s*(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđA-ZĐ])$/.test(before)) continue; // "1." "II." "a." enumerators
    if (ABBREVIATION.test(before)) continue;
    if (/\d$/.test(before) && /^\d/.test(t.slice(i + 1))) continue;
    spans.push([start, i + 1]);
    start = i + 1;
  }
  if (start < t.length) spans.push([start, t.length]);
  return spans.filter(([a, b]) => t.slice(a, b).trim().length > 0);
}

// ---------------------------------------------------------------------------------------------
// Mentions

interface Mention {
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
  /** "Kế hoạch này": the citing document itself. */
  selfThis: boolean;
  // resolved
  key: string | null;
  target: string | null;
  isSelf: boolean;
}

const TYPE_BEFORE = new RegExp(`(?:^|[^a-z])(${TYPE_WORD_PATTERN})\\s*(?:so\\s*)?[:.]?\\s*$`);
const BARE = new RegExp(`(?<![a-z])(${TYPE_WORD_PATTERN})\\s+(?:(so)\\s*[:.]?\\s*)?(\\d{1,5})(?!\\d)`, 'g');
const SELF_THIS = new RegExp(`(?<![a-z])(?:${TYPE_WORD_PATTERN})\\s+nay(?![a-z])`, 'g');

function findMentions(p: Para, spans: Array<[number, number]>): Mention[] {
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
    const of = /[\s,]*(?:cua|do)\s+/y;
    of.lastIndex = j;
    const om = of.exec(f);
    if (om) {
      const iss = issuerAt(f, j + om[0].length, p.text);
      if (iss) {
        m.issuerWords = iss;
        m.afterIssuer = j + om[0].length + iss.length;
      }
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
    bareSerial: null, date: null, year: null, issuerWords: null, selfThis: false, key: null, target: null, isSelf: false,
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
    m.selfThis = true;
    m.isSelf = true;
    m.raw = p.text.slice(s.index, s.index + s[0].length);
    out.push(m);
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Resolution

interface Resolved {
  key: string;
  issuerPath: string;
  typeCode: DocumentTypeCode;
  typeName: string;
  number: string;
  info: IssuerInfo;
  province: string | null;
  level: Level;
}

const TYPE_DISPLAY_CODE: Partial<Record<DocumentTypeCode, string>> = {
  nq: 'NQ', kl: 'KL', qd: 'QĐ', kh: 'KH', ctr: 'CTr', ct: 'CT', tt: 'TT', cv: 'CV', tb: 'TB', nd: 'NĐ', hd: 'HD',
};

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
  if (!n.typeCode && !n.party && TYPE_DISPLAY_CODE[type.code] && !n.deptCode) {
    // "Nghị quyết 06/2021/HĐND" → "06/2021/NQ-HĐND"
    number = number.replace(/\/([^/]+)$/, `/${TYPE_DISPLAY_CODE[type.code]}-$1`);
  }
  const key = numberKey({ issuerPath, typeCode: type.code, number })!;
  return { key, issuerPath, typeCode: type.code, typeName, number, info, province, level: levelOfPath(issuerPath) };
}

// ---------------------------------------------------------------------------------------------
// Relations between mentions

const TRIGGER = /(?:thuc hien|trien khai|cu the hoa|the che hoa|hien thuc hoa)/g;
const BREAK = /(?:gan voi|gan lien voi|dong thoi|ket hop voi|cung voi|ben canh|ngoai ra|thay the|sua doi|bai bo|so voi)/;
const COORDINATOR = /(?:,|;|\)|(?<![a-z])(?:va|hoac|cung)(?:\s+cac)?)\s*$/;
const ALIAS = /\(\s*(?:sau day\s+)?(?:goi|viet)\s+tat(?:\s+la)?\s*:?\s*$/;

interface Relation {
  /** Index of the mention this one's document is carried out by, or -1 for the citing document. */
  parent: number;
  /** A trigger governs it: the parent carries it out. */
  intent: boolean;
  /** The citing document says so of itself (its own number, "Kế hoạch này"). */
  selfConstruct: boolean;
  alias: boolean;
}

/** The last trigger in `gap` that governs what follows it (at most ten words, no break phrase, no clause end). */
function governingTrigger(gap: string): number | null {
  let found: number | null = null;
  for (const t of gap.matchAll(TRIGGER)) {
    const rest = gap.slice(t.index + t[0].length);
    if (/[;.:()]/.test(rest) || BREAK.test(rest)) continue;
    const words = rest.trim() ? rest.trim().split(/\s+/).length : 0;
    if (words <= 10) found = t.index;
  }
  return found;
}

/** What lies between a cited document's number and "thực hiện" in a chain: its date, issuer and "về". */
function isChainGlue(text: string): boolean {
  return CHAIN_GLUE.test(text);
}

/** "… (khóa XI) về (việc) tiếp tục", or "… ban hành Chương trình hành động" before the trigger. */
const CHAIN_GLUE = new RegExp(
  `^[\\s,"“”'(]*(?:\\(?\\s*khoa\\s+[ivxl]+\\s*\\)?)?[\\s,"“”'(]*(?:(?:ve|de|nham|trong)\\s+)?(?:viec\\s+)?(?:tiep tuc\\s+)?(?:chi dao\\s+)?` +
    `(?:(?:ban hanh|phe duyet)\\s+(?:${TYPE_WORD_PATTERN})(?:\\s+(?:cua|hanh dong|tong the))?(?:\\s+[a-z]+){0,2}?\\s+)?$`,
);

/** "Kế hoạch này nhằm …", "ban hành kèm theo Quyết định này Kế hoạch …" right before a trigger. */
const SELF_BEFORE_TRIGGER = new RegExp(`(?:^|[^a-z])(?:${TYPE_WORD_PATTERN})\\s+nay(?:\\s+[^\\s;.]+){0,3}\\s*$`);
/** A legal basis: "Căn cứ Nghị định …", "- Căn cứ vào các Quyết định …". */
const BASIS = new RegExp(`^[\\s\\-+•*–]*can cu\\s+(?:vao\\s+)?(?:cac\\s+)?(?:${TYPE_WORD_PATTERN})(?![a-z])`);

const LEVEL_RANK: Record<Level, number> = { central: 0, ministry: 1, province: 2, district: 3 };

const MAX_EVIDENCE = 700;

/**
 * The sentence holding a mention; a very long one (a run-on preamble, a table row) is narrowed to
 * the clause between semicolons, then to a window around the mention.
 */
function evidenceSpan(m: Mention): [number, number] {
  let [a, b] = m.sentence;
  a = Math.min(a, m.start);
  b = Math.max(b, m.end);
  if (b - a <= MAX_EVIDENCE) return [a, b];
  const t = m.para.text;
  const near = t.slice(Math.max(a, m.start - MAX_EVIDENCE), Math.min(b, m.end + MAX_EVIDENCE));
  const nearStart = Math.max(a, m.start - MAX_EVIDENCE);
  const sb0 = near.lastIndexOf(';', m.start - nearStart);
  const sa0 = near.indexOf(';', m.end - nearStart);
  const semiBefore = sb0 >= 0 ? nearStart + sb0 : -1;
  const semiAfter = sa0 >= 0 ? nearStart + sa0 : -1;
  const ca = semiBefore >= a ? semiBefore + 1 : a;
  const cb = semiAfter >= 0 && semiAfter < b ? semiAfter + 1 : b;
  if (cb - ca <= MAX_EVIDENCE) return [ca, cb];
  const wa = Math.max(ca, m.start - 300);
  const wb = Math.min(cb, Math.max(m.end, m.start) + 300);
  // Whole words only.
  const sa = wa > ca ? t.indexOf(' ', wa) + 1 || wa : wa;
  const sb = wb < cb ? t.lastIndexOf(' ', wb) : wb;
  return [sa, sb > sa ? sb : wb];
}

// ---------------------------------------------------------------------------------------------

export function extractCitations(lines: SourceLine[], ctx: CitationContext): CitationResult {
  const warnings: string[] = [];
  const self = ctx.identity;
  const chainEdges = ctx.chainEdges ?? true;
  const selfKey = self.number ? numberKey({ issuerPath: self.issuerPath, typeCode: self.typeCode, number: self.number }) : null;

  // The frame: title and preamble, before the first body section; plus the few lines after any
  // later standalone type heading (a plan attached to a decision).
  const cleaned = lines.map((l) => ({ n: l.n, text: cleanInline(l.text).trim() }));
  const headIdx = ctx.typeHeadingLine ? cleaned.findIndex((l) => l.n === ctx.typeHeadingLine) : -1;
  let frameEnd = Number.MAX_SAFE_INTEGER;
  for (let i = headIdx + 1; i < cleaned.length; i++) {
    if (cleaned[i]!.text && isSectionHeading(cleaned[i]!.text)) {
      frameEnd = cleaned[i]!.n;
      break;
    }
  }
  if (frameEnd === Number.MAX_SAFE_INTEGER) frameEnd = (cleaned[Math.min(cleaned.length - 1, 15)]?.n ?? 1) + 1;
  const titleFrame = new Set<number>();
  cleaned.forEach((l, i) => {
    const t = foldLower(l.text).replace(/[:.]\s*$/, '').trim();
    if (i > headIdx && typeFromWords(t) && !/:\s*$/.test(l.text) && l.text === l.text.toUpperCase()) {
      let k = 0;
      for (let j = i + 1; j < cleaned.length && k < 3; j++) {
        if (!cleaned[j]!.text) continue;
        titleFrame.add(cleaned[j]!.n);
        k++;
      }
    }
  });

  const paras = toParagraphs(lines, frameEnd, titleFrame);
  const perPara = paras.map((p) => {
    const spans = sentenceSpans(p);
    return { p, spans, mentions: findMentions(p, spans) };
  });
  const all = perPara.flatMap((x) => x.mentions);

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
    m.key = r.key;
    if (selfKey && r.key === selfKey && (!m.year || !self.year || m.year === self.year)) m.isSelf = true;
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
  const docs = new Map<
    string,
    { r: Resolved; year: number | null; date: string | null; info: IssuerInfo; fromWords: boolean; title: string | null; first: number }
  >();
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
  const dateOfTarget = (id: string | null): string | null => (id ? (docs.get(id)?.date ?? (docs.get(id)?.year ? `${docs.get(id)!.year}-12-31` : null)) : null);
  const levelOfTarget = (id: string | null): Level | null => (id ? (docs.get(id)?.r.level ?? null) : null);
  const earliestDateOf = (id: string | null): string | null => (id ? (docs.get(id)?.date ?? (docs.get(id)?.year ? `${docs.get(id)!.year}-01-01` : null)) : null);
  /** Could the document `parent` carry out `child`? Not if it is older, or of a higher level. */
  const canImplement = (parent: string | null, child: string | null): boolean => {
    if (!parent || !child || parent === child) return false;
    const pd = dateOfTarget(parent);
    const cd = earliestDateOf(child);
    if (pd && cd && cd > pd) return false;
    const pl = levelOfTarget(parent);
    const cl = levelOfTarget(child);
    if (pl && cl && LEVEL_RANK[pl] < LEVEL_RANK[cl]) return false;
    return true;
  };

  // Relations, sentence by sentence.
  interface Found {
    from: string;
    to: string;
    kind: 'CITES' | 'IMPLEMENTS';
    basis: boolean;
    m: Mention;
  }
  const found: Found[] = [];
  for (const { p, spans, mentions } of perPara) {
    for (const span of spans) {
      const ms = mentions.filter((m) => m.sentence[0] === span[0]);
      const rel: Relation[] = [];
      const sentenceBasis = BASIS.test(p.folded.slice(span[0], Math.min(span[1], span[0] + 120)));
      // The last ';' before each position: where its clause starts.
      let clauseStart = span[0];
      let scanned = span[0];
      ms.forEach((m, i) => {
        const prev = i > 0 ? ms[i - 1]! : null;
        const gapStart = prev ? prev.afterIssuer : span[0];
        // Only the words near the mention matter: a trigger governs at most ten words ahead.
        const gap = p.folded.slice(Math.max(gapStart, m.start - 400), Math.max(gapStart, m.start));
        const fullGap = prev ? p.folded.slice(Math.max(prev.end, m.start - 2000), Math.max(prev.end, m.start)) : gap;
        let r: Relation = { parent: -1, intent: false, selfConstruct: false, alias: false };
        const trig = governingTrigger(gap);
        if (prev && ALIAS.test(fullGap)) {
          const same = ms.slice(0, i).map((o, k) => [o, k] as const).reverse().find(([o]) => o.target === m.target || (o.isSelf && m.isSelf));
          r = same ? { ...rel[same[1]]!, alias: true } : { ...r, alias: true };
        } else if (trig !== null) {
          const pre = gap.slice(0, trig);
          const chainFrom = prev && gapStart >= m.start - 400 && isChainGlue(pre) ? i - 1 : null;
          if (chainFrom !== null && (prev!.isSelf || canImplement(prev!.target, m.target))) {
            r = prev!.isSelf ? { parent: -1, intent: true, selfConstruct: true, alias: false } : { parent: chainFrom, intent: true, selfConstruct: false, alias: false };
          } else {
            const trigAt = m.start - (gap.length - trig);
            const selfConstruct = SELF_BEFORE_TRIGGER.test(p.folded.slice(Math.max(span[0], trigAt - 120), trigAt));
            r = { parent: -1, intent: true, selfConstruct, alias: false };
          }
        } else if (prev && COORDINATOR.test(fullGap) && !BREAK.test(fullGap) && !/thuc hien|trien khai|cu the hoa/.test(fullGap)) {
          const pr = rel[i - 1]!;
          r = { ...pr, alias: false };
          // Climb while the coordinated parent could not carry this document out.
          while (r.parent >= 0 && !canImplement(ms[r.parent]!.target, m.target)) r = { ...rel[r.parent]!, alias: false };
        }
        rel.push(r);
        if (r.alias || !m.target || m.isSelf) return;
        for (; scanned < m.start; scanned++) if (p.folded[scanned] === ';') clauseStart = scanned + 1;
        // A legal basis: its clause (or the list it belongs to) starts "Căn cứ"; not what a trigger governs.
        const basis = !r.intent && (BASIS.test(p.folded.slice(clauseStart, Math.min(m.start, clauseStart + 120))) || sentenceBasis);
        if (r.parent >= 0) {
          const parent = ms[r.parent]!;
          if (chainEdges && parent.target && parent.target !== m.target) {
            found.push({ from: parent.target, to: m.target, kind: 'IMPLEMENTS', basis: false, m });
          }
          // The citing document still mentions it.
          found.push({ from: ctx.selfId, to: m.target, kind: 'CITES', basis: false, m });
        } else {
          const implementsIt = r.intent && (p.frame || r.selfConstruct);
          found.push({ from: ctx.selfId, to: m.target, kind: implementsIt ? 'IMPLEMENTS' : 'CITES', basis, m });
        }
      });
      // Stub titles: "… của Bộ Chính trị về tiếp tục thực hiện …" up to the next mention that is not part of its chain.
      ms.forEach((m, i) => {
        if (!m.target || m.isSelf) return;
        const d = docs.get(m.target);
        if (!d || (d.title && !isUpperText(d.title))) return;
        const t0 = p.folded.slice(m.afterIssuer, m.afterIssuer + 40);
        const lead = /^[\s,"“]*(ve|ban hanh|phe duyet|quy dinh|huong dan)\s/.exec(t0);
        if (!lead) return;
        const descendants = new Set<number>([i]);
        let end = span[1];
        for (let k = i + 1; k < ms.length && k < i + 30; k++) {
          const rk = rel[k]!;
          if (rk.parent >= 0 && descendants.has(rk.parent)) descendants.add(k);
          else if (!rk.alias) {
            end = ms[k]!.start;
            break;
          }
        }
        const from = m.afterIssuer + lead[0].length - lead[1]!.length - 1;
        let text = p.text.slice(from, Math.min(end, from + 600));
        const ft = foldLower(text);
        const cut = [ft.indexOf(';'), ft.search(/\(\s*(?:sau day\s+)?(?:goi|viet) tat/)].filter((x) => x > 0);
        for (const iss of findIssuers(ft)) {
          if (/^\s*(?:da\s+)?(?:ban hanh|xay dung)\s/.test(ft.slice(iss.index + iss.length)) && /,\s*$/.test(ft.slice(0, iss.index))) cut.push(iss.index);
        }
        if (cut.length) text = text.slice(0, Math.min(...cut));
        text = text
          .replace(/[\s,;.:]+(?:và|hoặc|cùng)?[\s,;.:]*$/u, '')
          .replace(/["“”]/g, '')
          .replace(/\s+/g, ' ')
          .trim();
        if (text.split(' ').length >= 3 && (!d.title || !isUpperText(text))) d.title = text.length > 400 ? `${text.slice(0, 397).replace(/\s+\S*$/, '')}…` : text;
      });
    }
  }

  // One edge per (from, to): IMPLEMENTS beats CITES; the first sentence of the winning kind is the evidence.
  const edges = new Map<string, { f: Found; basis: boolean }>();
  for (const f of found) {
    const k = `${f.from}\u0000${f.to}`;
    const e = edges.get(k);
    if (!e) edges.set(k, { f, basis: f.basis });
    else {
      e.basis ||= f.basis;
      if (e.f.kind === 'CITES' && f.kind === 'IMPLEMENTS') e.f = f;
    }
  }
  const citations: CitationEdge[] = [...edges.values()].map(({ f, basis }) => {
    const m = f.m;
    const [s, e] = evidenceSpan(m);
    let evidence = m.para.text.slice(s, e).replace(/\t/g, ' ').replace(/\s+/g, ' ').trim();
    if (s > m.sentence[0]) evidence = `…${evidence}`;
    if (e < m.sentence[1] && !/[.;:!?]$/.test(evidence)) evidence = `${evidence}…`;
    return {
      from: f.from,
      to: f.to,
      kind: f.kind,
      basis,
      raw: m.raw,
      evidence,
      lineStart: lineToPara(m.para, s),
      lineEnd: lineToPara(m.para, Math.max(s, e - 1)),
    };
  });

  // Stubs and their issuers.
  const agencies = new Map<string, AgencyNode>();
  const citedDocuments: DocumentNode[] = [...docs.entries()]
    .sort((a, b) => a[1].first - b[1].first)
    .map(([id, d]) => {
      const agency = issuerAgency(d.info, d.r.province);
      if (agency) {
        const had = agencies.get(agency.id);
        agencies.set(agency.id, had ? { ...had, aliases: [...new Set([...had.aliases, ...agency.aliases])] } : agency);
      }
      return {
        id,
        numberKey: d.r.key,
        typeCode: d.r.typeCode,
        typeName: d.r.typeName,
        number: d.r.number,
        issuerName: issuerDisplayName(d.info, d.r.province),
        issuerPath: d.r.issuerPath,
        issuerId: agency?.id ?? null,
        level: d.r.level,
        province: d.r.province,
        date: d.date,
        year: d.year,
        place: null,
        signer: null,
        title: d.title,
        stub: true,
        sourceFile: null,
        contentHash: null,
        text: null,
      };
    });
  if (citedDocuments.some((d) => d.issuerPath.startsWith('unknown-province/'))) {
    warnings.push('a local document was cited (TU/UBND/HĐND) but the citing document has no province');
  }
  return { citedDocuments, citations, agencies: [...agencies.values()], warnings: [...new Set(warnings)] };
}

