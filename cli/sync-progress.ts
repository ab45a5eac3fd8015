/**
 * The progress bar commands show on stderr while the search index syncs (embedding new items,
 * then updating the index). Nothing is drawn when there is nothing to do.
 */
import cliProgress from 'cli-progress';
import type { SyncProgress } from '../search/sync.js';

export function syncProgressBar(): { onProgress: (p: SyncProgress) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | null = null;
  let phase: SyncProgress['phase'] | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  if (!process.stderr.isTTY) {
    // No terminal to redraw a bar in: a line when each phase ends.
    return {
      onProgress: (p) => {
        if (p.total > 0 && p.done >= p.total) process.stderr.write(`${p.phase === 'embed' ? 'embedded' : 'indexed'} ${p.total} items\n`);
      },
      stop: () => {},
    };
  }
  return {
    onProgress: (p) => {
      if (p.total === 0) return;
      if (phase !== p.phase) {
        stop();
        phase = p.phase;
        bar = new cliProgress.SingleBar(
          {
            format: ` ${p.phase === 'embed' ? 'embed items' : 'index     '} [{bar}] {value}/{total} {eta_formatted}`,
            hideCursor: true,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, 0);
      }
      bar?.update(p.done);
    },
    stop,
  };
}
