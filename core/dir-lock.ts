/**
 * One process at a time for work on shared files (building the model, writing the search index):
 * `npm start`, `npm run ingest` and test runs may overlap. A lock directory holds the owner's pid;
 * a lock whose owner is dead is taken over, so a killed process never blocks the next one.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A lock with no readable pid (its owner died between mkdir and write) is stale after this. */
const ORPHAN_MS = 60_000;

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DirLockOptions {
  pollMs?: number;
  /** Called once when the lock is held by another live process. */
  onWait?: (ownerPid: number) => void;
}

export async function withDirLock<T>(lockDir: string, fn: () => Promise<T>, opts: DirLockOptions = {}): Promise<T> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      } catch {
        // the owner may not have written its pid yet
      }
      let age = 0;
      try {
        age = Date.now() - fs.statSync(lockDir).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      const stale = Number.isInteger(owner) && owner > 0 ? !processAlive(owner) : age > ORPHAN_MS;
      if (stale) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!told) {
        opts.onWait?.(owner);
        told = true;
      }
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
