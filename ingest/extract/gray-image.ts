/**
 * A gray page image as pdftoppm writes it (binary PGM, "P5", or PPM in colour) and what the handwriting pass needs
 * of it: one field's ink, cut out of the page clean of its printed neighbours. Pure.
 */
export interface GrayImage {
  width: number;
  height: number;
  /** One byte per pixel, row by row; 0 black, 255 white. */
  data: Uint8Array;
}

/** A rectangle in pixels: `left`/`top` inclusive, `right`/`bottom` exclusive. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Darker than this is ink: the scans are close to black and white. */
const INK = 128;

/** A binary PGM (P5, 8 bits) → its pixels; a binary PPM (P6) is turned gray. */
export function readPgm(bytes: Uint8Array): GrayImage {
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4 && i < bytes.length) {
    const c = bytes[i]!;
    if (c === 0x23) {
      while (i < bytes.length && bytes[i] !== 0x0a) i++; // "#" comment to the end of the line
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
    } else {
      let field = '';
      while (i < bytes.length && ![0x20, 0x0a, 0x0d, 0x09].includes(bytes[i]!)) field += String.fromCharCode(bytes[i++]!);
      fields.push(field);
    }
  }
  const [magic, w, h, max] = fields;
  const width = Number(w);
  const height = Number(h);
  const channels = magic === 'P5' ? 1 : magic === 'P6' ? 3 : 0;
  if (channels === 0 || Number(max) > 255 || !(width > 0) || !(height > 0)) throw new Error(`not an 8-bit binary PGM or PPM (${fields.join(' ')})`);
  const raw = bytes.subarray(i + 1, i + 1 + width * height * channels);
  if (raw.length < width * height * channels) throw new Error('truncated image');
  if (channels === 1) return { width, height, data: raw };
  const data = new Uint8Array(width * height);
  for (let p = 0; p < data.length; p++) data[p] = Math.round((raw[3 * p]! + raw[3 * p + 1]! + raw[3 * p + 2]!) / 3);
  return { width, height, data };
}

export function writePgm(img: GrayImage): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'ascii'), Buffer.from(img.data)]);
}

/**
 * A column with no ink between `top` and `bottom` near `x`: the nearest one on the side `toward`
 * points to (-1 left, 1 right) within `tolerance`, else the nearest on the other side; `x` itself
 * when there is none.
 */
export function blankColumnNear(img: GrayImage, x: number, tolerance: number, top: number, bottom: number, toward: -1 | 1): number {
  const t = Math.max(0, Math.floor(top));
  const b = Math.min(img.height, Math.ceil(bottom));
  const blank = (col: number) => {
    if (col < 0 || col >= img.width) return false;
    for (let y = t; y < b; y++) if (img.data[y * img.width + col]! < INK) return false;
    return true;
  };
  const x0 = Math.round(x);
  for (const dir of [toward, -toward]) {
    for (let d = 0; d <= tolerance; d++) if (blank(x0 + dir * d)) return x0 + dir * d;
  }
  return x0;
}

export interface FieldInk {
  /** The field's ink alone, black on white, with a white border. */
  image: GrayImage;
  /** Where that ink lies on the page. */
  box: Box;
}

/**
 * The ink of a field written between two printed words: every connected stroke (8-connected ink
 * pixels) whose centre lies in `gap` horizontally and in `gap`'s rows vertically, drawn alone on
 * white and cut to its extent plus `pad`. Strokes are traced in a region `reach` pixels wider and
 * taller than the gap, so a printed neighbour that pokes into it (the tail of a "y", a colon, the
 * slash of "/CĐ") is seen whole and left out; so are specks and rules. Null when no stroke is left.
 */
export function fieldInk(img: GrayImage, gap: Box, opts: { reach: number; pad?: number }): FieldInk | null {
  const pad = opts.pad ?? 12;
  const lineHeight = gap.bottom - gap.top;
  const region: Box = {
    left: clamp(Math.floor(gap.left - opts.reach), 0, img.width),
    right: clamp(Math.ceil(gap.right + opts.reach), 0, img.width),
    top: clamp(Math.floor(gap.top - opts.reach), 0, img.height),
    bottom: clamp(Math.ceil(gap.bottom + opts.reach), 0, img.height),
  };
  const rw = region.right - region.left;
  const rh = region.bottom - region.top;
  if (rw <= 0 || rh <= 0) return null;
  const label = new Int32Array(rw * rh);
  const kept: number[] = [];
  const stack: number[] = [];
  let next = 0;
  const comps: { box: Box; area: number }[] = [];
  for (let y = 0; y < rh; y++) {
    for (let x = 0; x < rw; x++) {
      const at = y * rw + x;
      if (label[at] !== 0 || !isInk(img, region.left + x, region.top + y)) continue;
      next++;
      label[at] = next;
      stack.push(at);
      const box: Box = { left: x, top: y, right: x + 1, bottom: y + 1 };
      let area = 0;
      while (stack.length > 0) {
        const p = stack.pop()!;
        const px = p % rw;
        const py = (p - px) / rw;
        area++;
        if (px < box.left) box.left = px;
        if (px + 1 > box.right) box.right = px + 1;
        if (py < box.top) box.top = py;
        if (py + 1 > box.bottom) box.bottom = py + 1;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const qx = px + dx;
            const qy = py + dy;
            if (qx < 0 || qy < 0 || qx >= rw || qy >= rh) continue;
            const q = qy * rw + qx;
            if (label[q] !== 0 || !isInk(img, region.left + qx, region.top + qy)) continue;
            label[q] = next;
            stack.push(q);
          }
        }
      }
      comps.push({ box, area });
    }
  }
  const minSize = Math.max(3, lineHeight * 0.2);
  comps.forEach((c, i) => {
    const w = c.box.right - c.box.left;
    const h = c.box.bottom - c.box.top;
    const cx = region.left + (c.box.left + c.box.right) / 2;
    const cy = region.top + (c.box.top + c.box.bottom) / 2;
    const speck = w < minSize && h < minSize;
    const rule = h < lineHeight * 0.2 && w > lineHeight;
    const inside = cx >= gap.left && cx <= gap.right && cy >= gap.top && cy <= gap.bottom;
    if (inside && !speck && !rule && c.area >= 6) kept.push(i + 1);
  });
  if (kept.length === 0) return null;
  const keep = new Set(kept);
  const ink: Box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  for (const k of kept) {
    const b = comps[k - 1]!.box;
    ink.left = Math.min(ink.left, b.left);
    ink.top = Math.min(ink.top, b.top);
    ink.right = Math.max(ink.right, b.right);
    ink.bottom = Math.max(ink.bottom, b.bottom);
  }
  const width = ink.right - ink.left + 2 * pad;
  const height = ink.bottom - ink.top + 2 * pad;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = ink.top; y < ink.bottom; y++) {
    for (let x = ink.left; x < ink.right; x++) {
      if (keep.has(label[y * rw + x]!)) data[(y - ink.top + pad) * width + (x - ink.left + pad)] = img.data[(region.top + y) * img.width + region.left + x]!;
    }
  }
  return {
    image: { width, height, data },
    box: { left: region.left + ink.left, top: region.top + ink.top, right: region.left + ink.right, bottom: region.top + ink.bottom },
  };
}

function isInk(img: GrayImage, x: number, y: number): boolean {
  return img.data[y * img.width + x]! < INK;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
