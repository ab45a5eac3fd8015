import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

const DOCUMENT_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.text', '.pdf', '.docx', '.html', '.htm']);

/**
 * Files and folders → the list of files to ingest, in a stable order. Inside folders only the
 * document formats read are taken (README files describe a corpus, they are not part of it;
 * Word's `~$…` lock files are not documents); a file named
 * explicitly is always taken, so a wrong one gets its own clear error instead of vanishing.
 */
export async function discoverFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s) {
      out.push(p);
      continue;
    }
    if (s.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return [...new Set(out)];
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith('.')) files.push(...(await walk(full)));
    else if (e.isFile() && DOCUMENT_EXTENSIONS.has(extname(e.name).toLowerCase()) && !/^readme/i.test(e.name) && !e.name.startsWith('~$')) {
      files.push(full);
    }
  }
  return files;
}
