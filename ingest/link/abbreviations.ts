/**
 * Abbreviations Vietnamese policy texts use for the domain's phrases, with the phrase the parent
 * documents write out. A ministry's scheme says "AI", "PPP", "CNTT", "KH&CN"; a Party resolution
 * says "trí tuệ nhân tạo", "hợp tác công tư", "công nghệ thông tin", "khoa học và công nghệ", and
 * a word-overlap measure sees nothing in common. Only abbreviations of this general vocabulary are
 * listed (read from usage across the corpus, not from any one plan); names of documents and bodies
 * (UBND, NQ, TW) stay as they are.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  AI: 'trí tuệ nhân tạo',
  PPP: 'hợp tác công tư',
  CNTT: 'công nghệ thông tin',
  'KH&CN': 'khoa học và công nghệ',
  KHCN: 'khoa học và công nghệ',
  ĐMST: 'đổi mới sáng tạo',
  CĐS: 'chuyển đổi số',
  'R&D': 'nghiên cứu và phát triển',
  'Big Data': 'dữ liệu lớn',
  DNNVV: 'doanh nghiệp nhỏ và vừa',
};

const keys = Object.keys(ABBREVIATIONS).sort((a, b) => b.length - a.length);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Whole tokens only, case as written: "AI" but not the "ai" of "ai cũng", nor "CNTT" inside a word.
const PATTERN = new RegExp(`(?<![\\p{L}\\p{N}&])(?:${keys.map(escape).join('|')})(?![\\p{L}\\p{N}&])`, 'gu');

/** The text with each listed abbreviation replaced by the phrase it stands for. */
export function expandAbbreviations(text: string): string {
  return text.replace(PATTERN, (m) => ABBREVIATIONS[m] ?? m);
}
