/**
 * Builds the explorer UI (web/ → web/dist) with Vite, only when it is missing or older than its
 * sources, so `npm start` is up in seconds the second time.
 *
 *   tsx scripts/build-web.ts           build if stale
 *   tsx scripts/build-web.ts --force   always build
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIR = join(ROOT, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');
/** What the bundle is made of: the UI's sources, its page and config, and the server types it imports. */
const SOURCES = [join(WEB_DIR, 'src'), join(WEB_DIR, 'index.html'), join(WEB_DIR, 'vite.config.ts')];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why the UI must be (re)built, or null when web/dist is up to date. */
export function staleReason(outDir = WEB_DIST): string | null {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return `${outDir} does not exist`;
  const built = statSync(index).mtimeMs;
  const source = Math.max(...SOURCES.map(newestMtime));
  return source > built ? 'web/src changed since the last build' : null;
}

/** Run `vite build` in a child process (no Vite inside the caller's process). */
export function buildWeb(outDir = WEB_DIST): Promise<void> {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [vite, 'build', '--config', join(WEB_DIR, 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with code ${code}`))));
  });
}

/** Build when stale; resolves to whether a build ran. */
export async function ensureWebBuilt(opts: { force?: boolean; outDir?: string; log?: (msg: string) => void } = {}): Promise<boolean> {
  const outDir = opts.outDir ?? WEB_DIST;
  const reason = opts.force ? 'forced' : staleReason(outDir);
  if (!reason) return false;
  const started = Date.now();
  opts.log?.(`building the UI (${reason})…`);
  await buildWeb(outDir);
  opts.log?.(`UI built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  try {
    const built = await ensureWebBuilt({ force, log: (m) => console.error(`[web] ${m}`) });
    if (!built) console.error('[web] UI is up to date (web/dist)');
  } catch (err) {
    console.error(`[web] ${(err as Error).message}`);
    process.exit(1);
  }
}
