/**
 * One writer at a time for the on-disk index: `npm start` and `npm run ingest` may both sync it.
 * A lock directory holds the owner's pid; a lock whose owner is dead is taken over, so a killed
 * process never blocks the next one.
 */
import fs from 'node:fs';
import path from 'node:path';

const POLL_MS = 200;
/** A lock with no readable pid (its owner died between mkdir and write) is stale after this. */
const ORPHAN_MS = 30_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function withIndexLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, '.lock');
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        // not written yet
      }
      let age = 0;
      try {
        age = Date.now() - fs.statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      const stale = Number.isInteger(owner) && owner > 0 ? !alive(owner) : age > ORPHAN_MS;
      if (stale) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
