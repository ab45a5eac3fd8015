import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePgm, type GrayImage } from './gray-image.js';
import { runCommand } from './run-command.js';

/** What tesseract read in one small image with digits only allowed. */
export interface DigitReading {
  digits: string;
  /** Tesseract's confidence in the words read, the lowest of them (0–100). */
  conf: number;
}

export interface DigitMode {
  lang: string;
  /** 7: one line of text; 8: one word. */
  psm: number;
}

const CROP_TIMEOUT_MS = 30_000;

/**
 * Each image through tesseract in `mode` with only the digits allowed: one process for all the
 * images (tesseract reads a list of images; the TSV's page number tells them apart), so the
 * language data is loaded once. Null for an image where nothing was read.
 */
export async function readDigits(images: readonly GrayImage[], workDir: string, tag: string, mode: DigitMode): Promise<(DigitReading | null)[]> {
  if (images.length === 0) return [];
  const paths = images.map((_, i) => join(workDir, `${tag}-field-${i + 1}.pgm`));
  await Promise.all(images.map((img, i) => writeFile(paths[i]!, writePgm(img))));
  const list = join(workDir, `${tag}-fields-${mode.lang}-${mode.psm}.txt`);
  await writeFile(list, paths.join('\n') + '\n');
  const { stdout } = await runCommand('tesseract', [list, 'stdout', '-l', mode.lang, '--psm', String(mode.psm), '-c', 'tessedit_char_whitelist=0123456789', 'tsv'], {
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    timeoutMs: CROP_TIMEOUT_MS,
  });
  return readDigitTsv(stdout.toString('utf8'), images.length);
}

/** Tesseract's TSV of `count` images → the digits of each (its words joined) and their lowest confidence. Pure. */
export function readDigitTsv(tsv: string, count: number): (DigitReading | null)[] {
  const out: (DigitReading | null)[] = Array.from({ length: count }, () => null);
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols[0] !== '5' || cols.length < 12) continue;
    const page = Number(cols[1]) - 1;
    const text = cols.slice(11).join('').replace(/\D/g, '');
    const conf = Number(cols[10]);
    if (!text || !(page >= 0 && page < count) || !Number.isFinite(conf) || conf < 0) continue;
    const had = out[page];
    out[page] = had ? { digits: had.digits + text, conf: Math.min(had.conf, conf) } : { digits: text, conf };
  }
  return out;
}
