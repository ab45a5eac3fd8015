/*
 * Folding for matching inside running text. core/vn-text.ts folds for comparing whole strings; its
 * foldMarks may change a string's length (combining marks are dropped, NFC recomposes), so an offset
 * found in its output points nowhere in the original. These fold one UTF-16 unit at a time, so the
 * folded copy has exactly the original's length and every match maps back to the original words.
 */

const foldCache = new Map<string, string>();

function foldChar(c: string, lower: boolean): string {
  const key = lower ? c : `${c}\u0000`;
  const hit = foldCache.get(key);
  if (hit !== undefined) return hit;
  // U+00D0/U+00F0 (Eth) stand in for Đ/đ in some transcriptions.
  const d = c === 'đ' || c === 'ð' ? 'd' : c === 'Đ' || c === 'Ð' ? 'D' : null;
  let f = d ?? c.normalize('NFD').charAt(0);
  if (lower) f = f.toLowerCase();
  if (f.length !== 1) f = c;
  foldCache.set(key, f);
  return f;
}

/** Marks removed, đ → d, lower-cased, and exactly as long as `text` (offsets carry over). */
export function foldLower(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code < 0x80 ? text[i]!.toLowerCase() : code >= 0xd800 && code <= 0xdfff ? text[i]! : foldChar(text[i]!, true);
  }
  return out;
}

/** Like foldLower but keeps letter case: "Quảng Bình" → "Quang Binh". */
export function foldKeepCase(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code < 0x80 || (code >= 0xd800 && code <= 0xdfff) ? text[i]! : foldChar(text[i]!, false);
  }
  return out;
}
