/**
 * The product's source files as they are now (a hash of each). The bench loads the code once at
 * its start while the CLI it spawns minutes later loads it again: on a working tree others are
 * editing, a difference between the two passes may be a change of code, not a bug. This says which.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../core/paths.js';

/** What `npm run ingest` runs: reading, parsing, linking, writing, embedding. */
const DIRS = ['core', 'graph-schema', 'graph-store', 'ingest', 'search', 'scripts/model'];

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p, out);
    else if (e.isFile() && /\.(ts|js|json)$/.test(e.name)) out.push(p);
  }
}

export function sourceState(): Map<string, string> {
  const files: string[] = [];
  for (const d of DIRS) walk(path.join(REPO_ROOT, d), files);
  return new Map(files.sort().map((f) => [path.relative(REPO_ROOT, f), createHash('sha1').update(readFileSync(f)).digest('hex')]));
}

/** Files added, removed or changed between two states. */
export function changedFiles(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((f) => a.get(f) !== b.get(f)).sort();
}

/** The commit checked out and the product's files that differ from it (read only: rev-parse, status). */
export function gitState(): Promise<{ commit: string; dirty: string[] }> {
  const git = (args: string[]) =>
    new Promise<string>((done) => execFile('git', args, { cwd: REPO_ROOT }, (err, stdout) => done(err ? '' : stdout.toString())));
  return Promise.all([git(['rev-parse', '--short', 'HEAD']), git(['status', '--porcelain', '--', ...DIRS])]).then(([commit, status]) => ({
    commit: commit.trim() || 'unknown commit',
    dirty: status
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.slice(3)),
  }));
}
