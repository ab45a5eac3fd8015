import { foldLower } from '../text/fold.js';
import { issuerAt, type IssuerMatch } from '../issuers/index.js';
import { isUpperLine, lineCells } from '../text/line-shapes.js';

const ROLE_WORDS = /(chu tich|bi thu|thu tuong|bo truong|thu truong|giam doc|uy ban|nhan dan|ban thuong vu|tinh uy|chinh tri|chinh phu|noi nhan|luu|truong ban|pho truong|chanh|van phong|hoi dong|da ky)/;

/** A name: two to six capitalised words ("Nguyễn Đăng Bình", "NGUYỄN MINH"). */
export function nameLike(s: string): boolean {
  const t = s.replace(/[()]/g, '').trim();
  const words = t.split(/\s+/);
  if (words.length < 2 || words.length > 6) return false;
  if (/\d|[,;:/.]/.test(t)) return false;
  if (ROLE_WORDS.test(foldLower(t))) return false;
  return words.every((w) => /^\p{Lu}[\p{Ll}\p{Lu}]*$/u.test(w));
}

/** Trailing capitalised words of a signature line: "T/M BỘ CHÍNH TRỊ Trương Thị Mai" → "Trương Thị Mai". */
function trailingName(s: string): string | null {
  const words = s.trim().split(/\s+/);
  const tail: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (/^\p{Lu}\p{Ll}+$/u.test(w)) tail.unshift(w);
    else break;
  }
  if (tail.length < 2 || tail.length > 5) return null;
  return tail.join(' ');
}

const SIGN_LEAD = /^(?:t\s*\/\s*m\.?|tm\.?|kt\.?|tl\.?|tuq\.?|q\.)\s+(\S.*)$/;
const SIGN_ROLE = /^(?:pho\s+)?(?:chu tich|bi thu|tong bi thu|thu tuong|bo truong|thu truong|giam doc|truong ban)(?:\s|$)/;

const signedCells = (text: string): string[] => lineCells(text.replace(/\(\s*đã ký\s*\)/gi, ' '));

export interface Signature {
  signer: string;
  /** The bodies signed for: "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ", "KT. BỘ TRƯỞNG" just above or on the role line. */
  bodies: IssuerMatch[];
}

/**
 * The signature block: the last role line ("PHÓ CHỦ TỊCH", "T/M BỘ CHÍNH TRỊ …") with a name under it
 * (or in the same cell), searched from the end but over all but the first 30% of the lines: appendices often follow it.
 */
export function readSignature(lines: ReadonlyArray<{ text: string }>): Signature | null {
  const floor = Math.floor(lines.length * 0.3);
  for (let i = lines.length - 1; i >= floor; i--) {
    for (const cell of signedCells(lines[i]!.text)) {
      const fc = foldLower(cell).trim();
      if (!(SIGN_LEAD.test(fc) || (SIGN_ROLE.test(fc) && isUpperLine(cell)))) continue;
      let signer = trailingName(cell);
      for (let j = i + 1; !signer && j < lines.length && j <= i + 10; j++) {
        for (const c of signedCells(lines[j]!.text)) if (nameLike(c)) signer = c;
      }
      if (signer) return { signer, bodies: signedBodies(lines, i) };
    }
  }
  return null;
}

function signedBodies(lines: ReadonlyArray<{ text: string }>, roleLine: number): IssuerMatch[] {
  const bodies: IssuerMatch[] = [];
  for (let i = Math.max(0, roleLine - 3); i <= roleLine; i++) {
    for (const cell of lineCells(lines[i]!.text)) {
      const lead = SIGN_LEAD.exec(foldLower(cell).trim());
      if (!lead) continue;
      const body = issuerAt(lead[1]!, 0);
      if (body) bodies.push(body);
    }
  }
  return bodies;
}
