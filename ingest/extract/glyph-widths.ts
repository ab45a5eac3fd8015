/**
 * How wide printed text is, in ems of a Times-like serif (the face of Vietnamese administrative
 * documents): what tells where a printed word ends inside a box OCR glued to handwriting
 * ("O0Tftháng10"). Approximate advance widths; a letter's accents do not change its width. Pure.
 */
const LOWER: Record<string, number> = {
  a: 0.44, b: 0.5, c: 0.44, d: 0.5, e: 0.44, f: 0.33, g: 0.5, h: 0.5, i: 0.28, j: 0.28, k: 0.5, l: 0.28, m: 0.78,
  n: 0.5, o: 0.5, p: 0.5, q: 0.5, r: 0.33, s: 0.39, t: 0.28, u: 0.5, v: 0.5, w: 0.72, x: 0.5, y: 0.5, z: 0.44,
};
const UPPER: Record<string, number> = {
  A: 0.72, B: 0.67, C: 0.67, D: 0.72, E: 0.61, F: 0.56, G: 0.72, H: 0.72, I: 0.33, J: 0.39, K: 0.72, L: 0.61, M: 0.89,
  N: 0.72, O: 0.72, P: 0.56, Q: 0.72, R: 0.67, S: 0.56, T: 0.61, U: 0.72, V: 0.72, W: 0.94, X: 0.72, Y: 0.72, Z: 0.61,
};
const OTHER: Record<string, number> = { '/': 0.28, '-': 0.33, ':': 0.28, ';': 0.28, ',': 0.25, '.': 0.25, ' ': 0.25, '(': 0.33, ')': 0.33 };

/** One character → its base letter, lower-cased or not ("ố" → "o", "Đ" → "D"); other characters unchanged. */
export function baseChar(ch: string): string {
  if (ch === 'đ') return 'd';
  if (ch === 'Đ') return 'D';
  return ch.normalize('NFD')[0] ?? ch;
}

/** The width of `text` in ems. */
export function emWidth(text: string): number {
  let em = 0;
  for (const ch of text) {
    const b = baseChar(ch);
    em += LOWER[b] ?? UPPER[b] ?? OTHER[b] ?? (/\p{M}/u.test(b) ? 0 : 0.5);
  }
  return em;
}
