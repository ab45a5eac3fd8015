import type { SourceLine } from '../types.js';
import { readCells, splitCells, type Piece } from './cells.js';
import { joinLoneBullets } from './lone-bullets.js';
import { joinWrapped, wrapWidth } from './paragraphs.js';
import { isPipeLine, stripPortalChrome } from './portal-chrome.js';

/**
 * The source's lines as the parser reads them best, one paragraph or table row per line: the
 * portal's banner, summary and footer left out, a bullet left alone on its line joined to its
 * words, wrapped paragraphs joined (portal copies, OCR), tables written cell by cell between pipes
 * rebuilt as tab-separated rows. Each line keeps the span of original lines it came from
 * (`n`..`end`). A text already written a paragraph per line, bullets with their words, comes back
 * unchanged.
 */
export function reflow(lines: SourceLine[]): SourceLine[] {
  const body = joinLoneBullets(stripPortalChrome(lines));
  const pipes = body.filter(isPipeLine).length;
  const width = wrapWidth(body);
  if (pipes === 0 && width === null) return body;
  const pieces: Piece[] = pipes > 0 ? readCells(splitCells(body)) : [{ kind: 'text', lines: body }];
  const out: SourceLine[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'row') out.push(piece.line);
    else if (width === null) out.push(...piece.lines.filter((l) => l.text.trim()));
    else out.push(...joinWrapped(piece.lines, { width }));
  }
  return out;
}
