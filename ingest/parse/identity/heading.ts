import { typeFromWords } from '../document-types.js';
import { isSectionHeading, isUpperLine } from '../text/line-shapes.js';
import type { Ballot, IdentityText } from './ballot.js';

/**
 * 1. The standalone type heading ("KẾ HOẠCH", "## KẾ HOẠCH", "**NGHỊ QUYẾT**") in the first 80
 * lines; returns its index in the text, or null.
 */
export function voteTypeHeading(text: IdentityText, ballot: Ballot): number | null {
  const { clean, folded } = text;
  for (let i = 0; i < clean.length && i < 80; i++) {
    const f = folded[i]!.replace(/[:.]\s*$/, '').trim();
    const t = typeFromWords(f);
    if (!t || /:\s*$/.test(clean[i]!.text)) continue;
    const raw = text.raw[i]!.text;
    if (!(isUpperLine(clean[i]!.text) || /^\s*#|\*\*/.test(raw))) continue;
    ballot.type.push({ value: { code: t.code, name: t.name }, weight: 50, source: 'type heading' });
    return i;
  }
  return null;
}

/** The heading of whoever decides, which opens the preamble under the title ("GIÁM ĐỐC SỞ …", "TRƯỞNG BAN CHỈ ĐẠO …"). */
const TITLE_ENDS_AT =
  /^(chu tich|thu tuong|bo truong|uy ban nhan dan|hoi dong nhan dan|chinh phu|ban thuong vu|(tong )?giam doc|truong ban|(tong )?cuc truong|vien truong|hieu truong)\b/;

/** A title's period on a line of its own: "2026 - 2030", "2021-2025". */
const PERIOD = /^\d{4}\s*[-–]\s*\d{4}\s*$/;

/** Capitals, however short: "VỀ" over the rest of the title. */
const allCapitals = (line: string) => isUpperLine(line) || (/\p{Lu}/u.test(line) && !/\p{Ll}/u.test(line));

/**
 * 1. The title after the type heading: its upper-case lines (and a period line under them), a "về
 * …" line continuing them, or else its first line; it ends at a section heading, "(Ban hành) kèm
 * theo", "Căn cứ", the name of a body or the heading of whoever decides.
 */
export function voteTitle(text: IdentityText, ballot: Ballot, typeHeading: number): void {
  const { clean, folded } = text;
  const parts: string[] = [];
  const titleLines: number[] = [];
  let first = true;
  for (let i = typeHeading + 1; i < clean.length && i < typeHeading + 12; i++) {
    const line = clean[i]!.text.trim();
    if (!line || /^[-*_=\s]+$/.test(line)) continue;
    const f = folded[i]!.trim();
    if (isSectionHeading(line) || /^\(?\s*(ban hanh )?kem theo/.test(f) || /^can cu/.test(f)) break;
    if (TITLE_ENDS_AT.test(f) && line.length < 90 && parts.length > 0) break;
    // A period on its own line ("2026 - 2030") under a title is the title's.
    const upper = allCapitals(line) || (parts.length > 0 && PERIOD.test(line));
    // "NGHỊ QUYẾT / CỦA BỘ CHÍNH TRỊ / về đột phá …": a "về …" line continues an upper-case title.
    const continues = !first && /^(ve|v\/v)\s/.test(f) && !/:\s*$/.test(line);
    if (upper || continues || (first && !/:\s*$/.test(line) && !/nhu sau/.test(f) && line.length < 700)) {
      parts.push(line);
      titleLines.push(clean[i]!.n);
      first = false;
      if (!upper) break;
      continue;
    }
    break;
  }
  if (parts.length) ballot.title.push({ value: { text: parts.join(' '), lines: [...titleLines] }, weight: 50, source: 'title' });
}
