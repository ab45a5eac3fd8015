/**
 * A document search typed as people name documents: "ket luan 69", "kế hoạch 3229", "69-KL/TW".
 * The title index cannot find those (69-KL/TW's title is "về tiếp tục thực hiện Nghị quyết số
 * 20-NQ/TW…", with neither "kết luận" nor 69 in it), so the words are also read as an identity:
 * the type (its words or its code, with the parser's own tables) and the serial number.
 */
import { matchKey } from '../../core/vn-text.js';
import type { NumberedAs } from '../../graph-store/document-reads.js';
import { TYPE_WORD_PATTERN, typeFromCode, typeFromWords } from '../../ingest/parse/document-types.js';

const TYPE_WORDS = new RegExp(`(?:^|[^a-z0-9])(${TYPE_WORD_PATTERN})(?=$|[^a-z0-9])`, 'g');
/** Serial numbers: up to six digits (years and serials alike; a year simply names no serial). */
const NUMBER = /^\d{1,6}$/;

/** The identity `q` names, or null when it holds no serial number. */
export function numberedAs(q: string): NumberedAs | null {
  const folded = matchKey(q);
  const words = folded.split(/[^a-z0-9]+/).filter(Boolean);
  const serials = [...new Set(words.filter((w) => NUMBER.test(w)).map(Number))];
  if (serials.length === 0) return null;
  const types = new Set<string>();
  for (const m of folded.matchAll(TYPE_WORDS)) {
    const t = typeFromWords(m[1]!);
    if (t) types.add(t.code);
  }
  for (const w of words) {
    const t = NUMBER.test(w) ? null : typeFromCode(w);
    if (t) types.add(t.code);
  }
  return { typeCodes: [...types], serials };
}
