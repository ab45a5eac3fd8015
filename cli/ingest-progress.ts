import cliProgress from 'cli-progress';

/**
 * The bars `npm run ingest` draws on stderr: one for the batch (parse, then write), and under it
 * one for the pages of the PDF being read, shown only while a document has pages to read, since
 * OCR takes seconds a page and a 40-page scan would otherwise look stuck.
 */
export function ingestProgress(total: number) {
  if (!process.stderr.isTTY) return lineProgress();
  const bars = new cliProgress.MultiBar(
    { hideCursor: true, stream: process.stderr, clearOnComplete: false, format: ' {phase} [{bar}] {value}/{total} {file}' },
    cliProgress.Presets.shades_classic,
  );
  const batch = bars.create(total, 0, { phase: 'parse', file: '' });
  let pages: cliProgress.SingleBar | null = null;
  const endPages = () => {
    if (pages) bars.remove(pages);
    pages = null;
  };
  return {
    batch: ({ phase, done, total, file }: { phase: string; done: number; total: number; file: string }) => {
      if (phase !== 'parse') endPages();
      batch.setTotal(total);
      batch.update(done, { phase, file: shortName(file) });
    },
    page: ({ file, done, total }: { file: string; done: number; total: number }) => {
      if (total <= 1) return;
      pages ??= bars.create(total, 0, { phase: ' pages', file: shortName(file) }, { format: ' {phase} [{bar}] {value}/{total} {eta_formatted} {file}' });
      pages.setTotal(total);
      pages.update(done, { file: shortName(file) });
      if (done >= total) endPages();
    },
    stop: () => {
      endPages();
      bars.stop();
    },
  };
}

export function shortName(file: string): string {
  return file.length > 40 ? `…${file.slice(-39)}` : file;
}

/**
 * Without a terminal (a pipe, CI, a log file) bars cannot redraw in place: one line per file read
 * or written, and one when the pages of a PDF are all read, so a log still shows where a run is.
 */
function lineProgress() {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  return {
    batch: ({ phase, done, total, file }: { phase: string; done: number; total: number; file: string }) => say(`${phase} ${done}/${total} ${shortName(file)}`),
    page: ({ file, done, total }: { file: string; done: number; total: number }) => {
      if (total > 1 && done >= total) say(`  ${total} pages read: ${shortName(file)}`);
    },
    stop: () => {},
  };
}
