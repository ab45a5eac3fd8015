/**
 * Phrases a sector plan uses for what 57-NQ/TW (and Party resolutions like it) say in their own
 * words. Each matched phrase keeps its words and gains the parent's phrase, so a task written in
 * the ministries' vocabulary meets the paragraph it carries out, and a text already using the
 * parent's words is unchanged in what it shares. Patterns are tone-folded (core/vn-text matchKey),
 * as syllables() sees them. Each entry says where the usage comes from; every phrase occurs in the
 * tuning part of the gold set (2597/QĐ-TTg), none was taken from a held-out plan
 * (bench/linker-eval.ts), and they are common across the documents citing 57-NQ/TW.
 */
export interface Synonym {
  /** Tone-folded phrases, whole syllables. */
  phrases: string[];
  /** The parent document's phrase, tone-folded, appended after each match. */
  means: string;
  source: string;
}

export const SYNONYMS: readonly Synonym[] = [
  {
    phrases: ['luat, nghi dinh, thong tu', 'luat, nghi dinh', 'van ban quy pham phap luat'],
    means: 'quy dinh phap luat',
    source: 'Luật Ban hành văn bản quy phạm pháp luật: luật, nghị định, thông tư are its legal normative documents; 57-NQ/TW III.2 says "các quy định pháp luật"',
  },
  {
    phrases: ['ha tang cong nghe thong tin'],
    means: 'ha tang so',
    source: '57-NQ/TW II.1 "hạ tầng công nghệ số", III.3 "hạ tầng số": the digital-era name of what earlier plans call IT infrastructure',
  },
  {
    phrases: ['an toan thong tin'],
    means: 'an ninh mang',
    source: '57-NQ/TW I.5 names them together ("an ninh mạng, an ninh dữ liệu, an toàn thông tin"); III.5.3 "an toàn, an ninh mạng"',
  },
  {
    phrases: ['boi duong'],
    means: 'nang cao kien thuc',
    source: 'Nghị định 101/2017/NĐ-CP Điều 3: "bồi dưỡng là hoạt động trang bị, cập nhật, nâng cao kiến thức, kỹ năng" of cán bộ, công chức; 57-NQ/TW III.1 "nâng cao kiến thức … kiến thức số trong cán bộ, công chức"',
  },
  {
    phrases: ['trung tam dieu hanh', 'ioc'],
    means: 'he thong giam sat, dieu hanh thong minh',
    source: 'IOC (intelligent operations centre, "trung tâm giám sát, điều hành thông minh") in 2597/QĐ-TTg and provincial smart-city plans; 57-NQ/TW III.5 "hệ thống giám sát, điều hành thông minh"',
  },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const entries = SYNONYMS.flatMap((s) => s.phrases.map((p) => [p, s.means] as const)).sort((a, b) => b[0].length - a[0].length);
const MEANS = new Map(entries);
const PATTERN = new RegExp(`(?<![a-z0-9])(?:${entries.map(([p]) => escape(p)).join('|')})(?![a-z0-9])`, 'g');

/** A tone-folded text with each listed phrase followed by the parent's phrase for it. */
export function addSynonyms(folded: string): string {
  return folded.replace(PATTERN, (m) => `${m} ; ${MEANS.get(m) ?? ''} ;`);
}
