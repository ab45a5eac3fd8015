import { cleanInline } from '../text/lines.js';
import type { SourceLine } from '../types.js';

/*
 * Conversions from PDF sometimes leave a bullet alone on its line and its words on the next
 * (57-NQ/TW as published: "\-   " / "Các cấp uỷ, tổ chức đảng, cán bộ, đảng viên cần …"). Read
 * apart, the bullet is debris and the words continue whatever came before, so the paragraph
 * disappears into its neighbour. Joined back, it is the bullet point the document shows.
 */

/** A dash, plus or dot bullet with nothing after it. */
const LONE_BULLET = /^[-–—+•·]$/u;

/** The lines with each lone bullet joined to the line of words right after it (spans kept). */
export function joinLoneBullets(lines: SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    const bullet = cleanInline(line.text);
    const words = next ? cleanInline(next.text) : '';
    if (next && LONE_BULLET.test(bullet) && words && !LONE_BULLET.test(words)) {
      out.push({ ...next, text: `${bullet} ${next.text.trimStart()}`, n: line.n, end: next.end ?? next.n });
      i++;
    } else out.push(line);
  }
  return out;
}
