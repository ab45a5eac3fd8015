/**
 * Vietnamese text rules shared by every stage: text is stored in NFC with its tone marks;
 * folding (marks removed, đ → d) is only ever used for matching and for ids.
 */

/** NFC plus the whitespace clean-up the sources need (NBSP between words, zero-width chars). */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '');
}

/** Removes tone and vowel marks. `đ` has no combining mark in Unicode, so it is mapped by hand. */
export function foldMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Lower-case, folded and whitespace-collapsed: the form two spellings are compared in. */
export function matchKey(text: string): string {
  return foldMarks(normalizeText(text)).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A readable ASCII slug for ids: "Sở Khoa học và Công nghệ" → "so-khoa-hoc-va-cong-nghe". */
export function slugify(text: string): string {
  return matchKey(text)
    .replace(/&/g, ' va ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
