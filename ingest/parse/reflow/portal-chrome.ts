import { foldLower } from '../text/fold.js';
import { cleanInline } from '../text/lines.js';
import type { SourceLine } from '../types.js';

/*
 * What a legal portal adds around a document it copies (thuvienphapluat and its mirrors): a
 * copyright banner and "Đang tải văn bản..." before the metadata block, sometimes a news summary
 * between that block and the official text, and after the text the portal's own title line,
 * "Văn bản này chưa cập nhật nội dung Tiếng Anh", related documents, contact details and login
 * notices. A news page on a document has download links ("TẢI VỀ Toàn văn …") between its
 * paragraphs and ends with "Quý khách cần hỏi thêm thông tin về có thể đặt câu hỏi tại đây.", which
 * ran into the last item. None of it is the document; all of it reads like one to a parser (dates,
 * numbers, "Ban hành:" lines of other documents).
 */

const folded = (l: SourceLine) => foldLower(cleanInline(l.text)).trim();

const HEAD_END = /^dang tai van ban/;
const BANNER = /(ban dich nay thuoc quyen so huu|co the tai khoan cua ban da bi ro ri|click vao phan boi vang)/;
const FOOTER = /^(van ban nay (chua|da) cap nhat noi dung tieng anh|#*\s*van ban lien quan\b|cam on da dung thuvienphapluat)/;
/** The end of a portal's news page on a document: an invitation to ask. */
const TRAILER = /^quy khach can hoi them thong tin/;
/** The page's download links, between its paragraphs ("**TẢI VỀ Toàn văn Nghị quyết 71-NQ/TW năm 2025**"). */
const DOWNLOAD = /^\**\s*tai ve toan van\b/;
const MOTTO = /^(cong\s*hoa xa hoi chu nghia viet nam|cong$|dang cong san viet nam)/;
const METADATA_LABEL = /^(so hieu|loai van ban|noi ban hanh|co quan ban hanh|nguoi ky|ngay ban hanh|ngay hieu luc|ngay cong bao|so cong bao|tinh trang|linh vuc)\s*:?$/;

export const isPipeLine = (l: SourceLine) => /^\s*\|\s*$/.test(l.text);

/**
 * The lines of the document itself: the banner, a portal summary and the footer are left out
 * (the stored text keeps them; spans still point at the original lines).
 */
export function stripPortalChrome(lines: SourceLine[]): SourceLine[] {
  const f = lines.map(folded);
  let start = 0;
  const head = f.slice(0, 60).findIndex((t) => HEAD_END.test(t));
  if (head >= 0 && f.slice(0, head).some((t) => BANNER.test(t))) start = head + 1;
  let end = lines.length;
  const footer = f.findIndex((t, i) => i > start && FOOTER.test(t));
  if (footer > 0) {
    // The portal's title of the document stands on the line above ("Kế hoạch 980/KH-UBND năm 2025 …").
    end = footer - 1 > start && !isPipeLine(lines[footer - 1]!) ? footer - 1 : footer;
  }
  const trailer = f.findIndex((t, i) => i > start && i < end && TRAILER.test(t));
  if (trailer > 0) end = trailer;
  const kept = lines.slice(start, end);
  const summary = portalSummary(kept);
  return kept.filter((l, i) => !(summary && i >= summary.from && i < summary.to) && !BANNER.test(folded(l)) && !DOWNLOAD.test(folded(l)));
}

/**
 * A news summary between the metadata block and the official text ("## Bổ sung 2.615 tỷ đồng …"):
 * from the first Markdown heading after the last metadata label to the header cell before the
 * national motto. Null when the official text follows the metadata directly.
 */
function portalSummary(lines: SourceLine[]): { from: number; to: number } | null {
  const f = lines.map(folded);
  let lastLabel = -1;
  for (let i = 0; i < Math.min(f.length, 80); i++) if (METADATA_LABEL.test(f[i]!)) lastLabel = i;
  if (lastLabel < 0) return null;
  const heading = lines.findIndex((l, i) => i > lastLabel && i < lastLabel + 8 && /^\s*#{1,6}\s/.test(l.text));
  if (heading < 0) return null;
  const motto = f.findIndex((t, i) => i > heading && MOTTO.test(t));
  if (motto < 0) return null;
  // The header row is "| <issuer cell> | <motto cell> |": the issuer cell opens two pipes before the motto.
  let pipes = 0;
  for (let i = motto - 1; i > heading; i--) {
    if (isPipeLine(lines[i]!) && ++pipes === 2) return { from: heading, to: i };
  }
  return null;
}

/** "**Số hiệu:**", "Ngày ban hành:" …: a label of the portal's metadata block, its value in the next cell. */
export function isMetadataLabel(text: string): boolean {
  return METADATA_LABEL.test(foldLower(cleanInline(text)).trim());
}
