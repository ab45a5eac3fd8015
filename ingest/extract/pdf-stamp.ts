import { runCommand } from './run-command.js';
import type { LayerPage } from './pdf-layer.js';

/**
 * The text of a page's e-signature stamps ("Người ký …", "Cơ quan …", "Thời gian ký: 06.10.2025
 * 10:34:46 +07:00"). The signing tools draw it in the signature field's appearance, which pdf.js
 * leaves out of the text layer, so poppler's pdftotext reads it, cropped to each field's box.
 */
export async function readStampText(pdfPath: string, page: LayerPage): Promise<string[]> {
  const lines: string[] = [];
  for (const box of page.signatureBoxes) {
    const crop = [box.x, box.y, box.width, box.height].map((n) => String(Math.round(n)));
    const args = ['-f', String(page.page), '-l', String(page.page), '-x', crop[0]!, '-y', crop[1]!, '-W', crop[2]!, '-H', crop[3]!, '-enc', 'UTF-8', pdfPath, '-'];
    const { stdout } = await runCommand('pdftotext', args, { timeoutMs: 60_000 });
    lines.push(
      ...stdout
        .toString('utf8')
        .normalize('NFC')
        .split(/[\n\f]/)
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .filter(Boolean),
    );
  }
  return lines;
}

/** A calendar day: what the stamp gives and what the header's date is checked against. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** The signing day of a stamp's lines ("Thời gian ký: 10.10.2025 14:11:09 +07:00"), as written (local time); null without one. */
export function stampDay(lines: readonly string[]): CalendarDay | null {
  for (const line of lines) {
    const m = /Thời gian ký\s*:\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})/iu.exec(line.normalize('NFC'));
    if (m) return { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) };
  }
  return null;
}
