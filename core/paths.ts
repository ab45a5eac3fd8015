import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, for the files that ship with it (demo corpus, fixtures, the launcher's sources). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
