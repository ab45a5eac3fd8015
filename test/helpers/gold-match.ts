/**
 * Comparing what the parser read with what a person wrote down by reading (the gold fixtures of
 * test/fixtures/expected/ and test/fixtures/wild-gold/): item texts and agency names are compared
 * leniently on spelling (case, marks, old tone placement, Markdown, list markers, abbreviations)
 * but strictly on identity (Sở Tài chính never matches Sở Khoa học và Công nghệ).
 */
import { z } from 'zod';
import type { AgencyNode } from '../../graph-schema/index.js';
import { matchKey, normalizeText } from '../../core/vn-text.js';

/** An agency as a fixture names it: a name, or a name with accepted spellings, or a collective. */
export const AgencyRef = z.union([
  z.string().min(1),
  z.object({
    name: z.string().min(1),
    /** Other spellings of the same body that are accepted. */
    accept: z.array(z.string().min(1)).optional(),
    collective: z.boolean().optional(),
  }),
]);
export type AgencyRef = z.infer<typeof AgencyRef>;


/** Old-style tone placement ("hoá", "uỷ") → the modern one ("hóa", "ủy"), at the end of a word. */
const OLD_STYLE_TONE: Readonly<Record<string, string>> = {
  oá: 'óa', oà: 'òa', oả: 'ỏa', oã: 'õa', oạ: 'ọa',
  oé: 'óe', oè: 'òe', oẻ: 'ỏe', oẽ: 'õe', oẹ: 'ọe',
  uý: 'úy', uỳ: 'ùy', uỷ: 'ủy', uỹ: 'ũy', uỵ: 'ụy',
};

/** "-", "+", "1.", "2.1", "2.6-", "a)", "III." at the start of an item. */
const LEADING_MARKER = /^(?:[-+•–]\s*|\(?\d+(?:\.\d+)*[.)-]?\s+|\(?[a-zđ]\)\s*|[ivxlc]+[.-]\s+)/u;

/** Item text in a comparable form: NFC, lower case, no Markdown/HTML, no list marker, one space. */
export function canonText(text: string): string {
  let t = normalizeText(text)
    .replace(/Ð/g, 'Đ') // U+00D0 (Eth) used for Đ in nq-20-NQTW-2012.md
    .replace(/ð/g, 'đ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
    .replace(/[*_`#]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/(o[áàảãạ]|o[éèẻẽẹ]|u[ýỳỷỹỵ])(?!\p{L})/gu, (m) => OLD_STYLE_TONE[m] ?? m);
  for (let previous = ''; previous !== t; ) {
    previous = t;
    t = t.replace(LEADING_MARKER, '').trim();
  }
  return t;
}

/** Does an item's text start with the expected words, or carry them right after a leading "<lead>:"? */
export function textMatches(itemText: string, expectedStart: string): boolean {
  const t = canonText(itemText);
  const e = canonText(expectedStart);
  return t.startsWith(e) || t.includes(`: ${e}`);
}

/** Abbreviations, applied to folded lower-case text. */
const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bubmttq\b/g, 'uy ban mat tran to quoc'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bkh\s*&\s*cn\b|\bkhcn\b/g, 'khoa hoc va cong nghe'],
  [/\btt\s*&\s*tt\b|\btttt\b/g, 'thong tin va truyen thong'],
  [/\bkh\s*&\s*dt\b|\bkhdt\b/g, 'ke hoach va dau tu'],
  [/\bgd\s*&\s*dt\b|\bgddt\b/g, 'giao duc va dao tao'],
  [/\bnn\s*&\s*ptnt\b|\bnnptnt\b/g, 'nong nghiep va phat trien nong thon'],
  [/\btn\s*&\s*mt\b|\btnmt\b/g, 'tai nguyen va moi truong'],
  [/\bld\s*-?\s*tb\s*&\s*xh\b|\bldtbxh\b/g, 'lao dong thuong binh va xa hoi'],
  [/\bvh\s*,?\s*tt\s*&\s*dl\b|\bvhttdl\b/g, 'van hoa the thao va du lich'],
  [/\bkhkt\b/g, 'khoa hoc va ky thuat'],
  [/\bct\s*-\s*xh\b/g, 'chinh tri xa hoi'],
  [/\bvp\b/g, 'van phong'],
  [/\bbch\b/g, 'ban chap hanh'],
  [/\bbtv\b/g, 'ban thuong vu'],
];

/** Folded (so Ủy = Uỷ), abbreviations expanded, punctuation removed. */
export function foldedName(name: string): string {
  let t = matchKey(name.replace(/Ð/g, 'Đ').replace(/<[^>]*>/g, ' ').replace(/[*_`#]+/g, ' '));
  for (const [pattern, replacement] of ABBREVIATIONS) t = t.replace(pattern, replacement);
  return t
    .replace(/&/g, ' va ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bco lien quan\b/g, 'lien quan')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * An agency name in a comparable form. A trailing "tỉnh" or "tỉnh <Province>" is optional: "Liên hiệp các
 * Hội KHKT tỉnh" = "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bình Thuận" (names are local to one document).
 */
export function agencyKey(name: string): string {
  return foldedName(name).replace(/ tinh(?: [a-z]+ [a-z]+)?$/, '');
}

const STOP_WORDS = new Set(['cac', 'va', 'cua', 'nhung', 'co']);

/** Here "tỉnh" stays significant: "Ủy ban nhân dân tỉnh" is not part of "… Ủy ban nhân dân các huyện …". */
export function significantWords(name: string): string[] {
  return foldedName(name)
    .split(' ')
    .filter((w) => w && !STOP_WORDS.has(w));
}

export interface AgencyExpectation {
  name: string;
  accept: string[];
}

export function toExpectation(ref: AgencyRef): AgencyExpectation {
  return typeof ref === 'string' ? { name: ref, accept: [] } : { name: ref.name, accept: ref.accept ?? [] };
}

export function namesOf(agency: AgencyNode): string[] {
  return [agency.name, ...agency.aliases];
}

export function agencyMatches(agency: AgencyNode, expected: AgencyExpectation): boolean {
  const targets = new Set([expected.name, ...expected.accept].map(agencyKey));
  return namesOf(agency).some((n) => targets.has(agencyKey(n)));
}

/** Every significant word of one of the agency's names occurs in the expected collective phrase. */
export function withinCollective(agency: AgencyNode, phrase: string): boolean {
  const allowed = new Set(significantWords(phrase));
  return namesOf(agency).some((n) => {
    const words = significantWords(n);
    return words.length > 0 && words.every((w) => allowed.has(w));
  });
}

