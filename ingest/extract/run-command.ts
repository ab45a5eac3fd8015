import { spawn } from 'node:child_process';

export interface CommandResult {
  stdout: Buffer;
  stderr: string;
}

/** The Debian packages that provide the programs the PDF path runs, for the error a missing one gives. */
const PACKAGE_OF: Record<string, string> = {
  tesseract: 'tesseract-ocr tesseract-ocr-vie',
  pdftoppm: 'poppler-utils',
  pdftotext: 'poppler-utils',
};

/** A program the extraction needs is not installed: a fault of the machine, not of the document. */
export class MissingToolError extends Error {
  constructor(readonly tool: string) {
    super(`${tool} is not installed; install it with \`apt-get install ${PACKAGE_OF[tool] ?? tool}\``);
    this.name = 'MissingToolError';
  }
}

/**
 * Runs a program without a shell (arguments are never interpreted) and collects its output.
 * Rejects on a non-zero exit with the program's own message, and kills it past `timeoutMs` so a
 * pathological page cannot hold a worker forever.
 */
export function runCommand(
  program: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, opts.timeoutMs)
      : null;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new MissingToolError(program) : e);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      if (timedOut) reject(new Error(`${program} took longer than ${Math.round((opts.timeoutMs ?? 0) / 1000)} s and was stopped`));
      else if (code !== 0) reject(new Error(`${program} failed (${signal ?? `exit ${code}`}): ${lastLines(stderr)}`));
      else resolve({ stdout: Buffer.concat(out), stderr });
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ') || 'no message';
}
