/**
 * Runs a real Neo4j 5.26 LTS Community for development, tests and CI, without Docker:
 * a tiny Java launcher (scripts/neo4j/src/main/java/policygraph/Neo4jLauncher.java) embeds Neo4j from
 * Maven Central and opens Bolt on 127.0.0.1 with auth off. Needs a Java 17+ JDK and Maven 3.
 *
 * The Java child is tied to this process twice over: we stop it on exit/SIGINT/SIGTERM, and it
 * exits by itself when its stdin (a pipe we hold open) closes, which covers a SIGKILLed parent.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import neo4j from 'neo4j-driver';

import { REPO_ROOT } from '../core/paths.js';

/** The launcher's Java sources and build (build-time sources, kept in scripts/). */
const LAUNCHER_DIR = join(REPO_ROOT, 'scripts/neo4j');
const POM = join(LAUNCHER_DIR, 'pom.xml');
const TARGET = join(LAUNCHER_DIR, 'target');
const LAUNCHER_JAR = join(TARGET, 'neo4j-launcher.jar');
const LAUNCHER_LIB = join(TARGET, 'lib');
/** Inside the git-ignored .cache/ so CI can cache the ~170 MB of Neo4j jars between runs. */
export const MAVEN_REPO = join(REPO_ROOT, '.cache/m2');
const BUILD_LOCK = join(REPO_ROOT, '.cache/neo4j-launcher-build.lock');
const MAIN_CLASS = 'policygraph.Neo4jLauncher';

const MIN_JAVA = 17;
const STOP_GRACE_MS = 20_000;

const HOW_TO_FIX = [
  'To run Neo4j locally, install:',
  '  - a Java 17+ JDK (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless; macOS: brew install openjdk@17),',
  '    on PATH or pointed to by JAVA_HOME;',
  '  - Apache Maven 3.6.3+ (Debian/Ubuntu: apt-get install maven; macOS: brew install maven).',
  'Or point the project at a Neo4j 5 database you already run instead:',
  '  export NEO4J_URI=bolt://host:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=your-password',
  '  (with Docker: NEO4J_PASSWORD=your-password docker compose up -d neo4j, then NEO4J_URI=bolt://localhost:7687).',
].join('\n');

function javaBinary(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Runs a command and returns stdout+stderr; never throws, so callers can word their own error. */
function run(cmd: string, args: string[], cwd?: string): Promise<{ ok: boolean; missing: boolean; output: string }> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
      const code = (err as NodeJS.ErrnoException | null)?.code;
      done({ ok: !err, missing: code === 'ENOENT', output });
    });
  });
}

/** `java -version` prints e.g. `openjdk version "17.0.15"`, `"21"` or, before Java 9, `"1.8.0_392"`. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 ? Number(m[2]) : first;
}

let javaMajor: number | undefined;

export async function checkPrerequisites(): Promise<void> {
  const java = javaBinary();
  const jv = await run(java, ['-version']);
  if (jv.missing) throw new Error(`Java was not found (looked for \`${java}\`).\n${HOW_TO_FIX}`);
  const major = parseJavaMajor(jv.output);
  if (!jv.ok || major === undefined) {
    throw new Error(`\`${java} -version\` failed or was not understood:\n${jv.output.trim()}\n${HOW_TO_FIX}`);
  }
  if (major < MIN_JAVA) {
    throw new Error(`Java ${major} was found, but Neo4j 5 needs Java ${MIN_JAVA} or newer.\n${HOW_TO_FIX}`);
  }
  javaMajor = major;

  const mv = await run('mvn', ['-v']);
  if (mv.missing) throw new Error(`Maven (\`mvn\`) was not found.\n${HOW_TO_FIX}`);
  const mvnVersion = /Apache Maven (\d+)\.(\d+)\.(\d+)/.exec(mv.output);
  if (!mv.ok || !mvnVersion) {
    throw new Error(`\`mvn -v\` failed or was not understood:\n${mv.output.trim()}\n${HOW_TO_FIX}`);
  }
  const [maj, min, patch] = mvnVersion.slice(1).map(Number) as [number, number, number];
  if (maj < 3 || (maj === 3 && (min < 6 || (min === 6 && patch < 3)))) {
    throw new Error(`Maven ${maj}.${min}.${patch} is too old for the launcher's build plugins.\n${HOW_TO_FIX}`);
  }
}

async function newestMtime(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newestMtime(join(path, e))));
  return Math.max(s.mtimeMs, ...times);
}

async function launcherIsUpToDate(): Promise<boolean> {
  if (!existsSync(LAUNCHER_JAR) || !existsSync(LAUNCHER_LIB)) return false;
  const sources = Math.max(await newestMtime(POM), await newestMtime(join(LAUNCHER_DIR, 'src')));
  return statSync(LAUNCHER_JAR).mtimeMs >= sources;
}

/** mkdir is atomic, so it serves as a lock between e.g. the CLI and vitest building at once. */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(dirname(BUILD_LOCK), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      await mkdir(BUILD_LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock older than any real build was left by a killed process.
      const age = Date.now() - (await stat(BUILD_LOCK).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 10 * 60_000) await rm(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another launcher build (${BUILD_LOCK}).`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(BUILD_LOCK, { recursive: true, force: true });
  }
}

export async function ensureLauncherBuilt(opts: { onProgress?: (msg: string) => void } = {}): Promise<void> {
  if (await launcherIsUpToDate()) return;
  await withBuildLock(async () => {
    if (await launcherIsUpToDate()) return; // someone else built it while we waited
    const say = opts.onProgress ?? (() => {});
    say(`Building the Neo4j launcher with Maven (the first build downloads ~170 MB into ${MAVEN_REPO})...`);
    // A clean target/ keeps jars of an older Neo4j version from lingering in target/lib.
    await rm(TARGET, { recursive: true, force: true });
    const args = ['-B', '-q', '-f', POM, `-Dmaven.repo.local=${MAVEN_REPO}`, 'package'];
    const started = Date.now();
    const res = await run('mvn', args, LAUNCHER_DIR);
    if (!res.ok || !existsSync(LAUNCHER_JAR)) {
      const tail = res.output.trim().split('\n').slice(-60).join('\n');
      throw new Error(
        `Building the Neo4j launcher failed. Maven said:\n${tail}\n\n` +
          `Re-run by hand to see everything:\n  mvn ${args.join(' ')}\n` +
          'A network problem reaching Maven Central is the usual cause on a first build.',
      );
    }
    say(`Neo4j launcher built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  });
}

/** Listens on `port` (0 = let the OS choose) and closes again; resolves the port, or undefined if taken. */
function tryListen(port: number): Promise<number | undefined> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? done(undefined) : fail(err)));
    srv.listen(port, '127.0.0.1', () => {
      const { port: bound } = srv.address() as { port: number };
      srv.close(() => done(bound));
    });
  });
}

export async function freePort(): Promise<number> {
  return (await tryListen(0))!;
}

/** A running local Neo4j. Its child process keeps the Node event loop alive until stop(). */
export interface LocalNeo4j {
  uri: string;
  port: number;
  pid: number;
  dataDir: string;
  /** Settles when the JVM exits, for whatever reason; `requested` when stop() (or our exit hooks) asked it to. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; requested: boolean }>;
  /** SIGTERM, then SIGKILL if the JVM has not exited after 20 s. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** 0 or absent: pick a free port. */
  port?: number;
  dataDir: string;
  /** JVM -Xmx. */
  heap?: string;
  pageCacheMb?: number;
  /** From spawn to a verified Bolt connection. */
  timeoutMs?: number;
}

/**
 * Mirrors the JVM options of the stock 5.26 neo4j.conf. The add-opens (and, on Java 21+, native access) are
 * the ones Neo4j's own config migration insists on; without them Neo4j and Netty fall back to slower paths.
 */
function jvmFlags(heap: string): string[] {
  return [
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+DisableExplicitGC',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    ...((javaMajor ?? 0) >= 21 ? ['--enable-native-access=ALL-UNNAMED'] : []),
  ];
}

const running = new Set<ChildProcess>();
/** JVMs this process asked to stop: their exit is no crash. */
const stopRequested = new WeakSet<ChildProcess>();
let exitHooksInstalled = false;

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // On 'exit' only synchronous work is possible; the JVM shuts down cleanly on its own after SIGTERM.
  process.on('exit', () => {
    for (const child of running) {
      stopRequested.add(child);
      child.kill('SIGTERM');
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = async (): Promise<void> => {
      process.off(signal, onSignal);
      await Promise.all([...running].map((child) => stopChild(child)));
      // Listening to a signal cancels Node's default of exiting; restore it unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  stopRequested.add(child);
  // No pid: java never started (spawn error), so there is nothing to wait for.
  if (child.pid !== undefined && !hasExited(child)) {
    child.kill('SIGTERM');
    if (!(await waitForExit(child, STOP_GRACE_MS))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  }
  child.stdin?.destroy();
  running.delete(child);
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

export async function startLocalNeo4j(opts: StartOptions): Promise<LocalNeo4j> {
  const port = opts.port || (await freePort());
  // Neo4j would only find out after ~10 s of booting; say it now.
  if (opts.port && (await tryListen(opts.port)) === undefined) {
    throw new Error(`Port ${opts.port} on 127.0.0.1 is already in use (another Neo4j?). Stop it or pick another port.`);
  }
  const dataDir = resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const timeoutMs = opts.timeoutMs ?? 120_000;
  if (javaMajor === undefined) javaMajor = parseJavaMajor((await run(javaBinary(), ['-version'])).output);

  const args = [
    ...jvmFlags(opts.heap ?? '1g'),
    '-cp',
    `${LAUNCHER_JAR}:${LAUNCHER_LIB}/*`,
    MAIN_CLASS,
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    '--page-cache-mb',
    String(opts.pageCacheMb ?? 256),
  ];
  // stdin stays an open pipe for the JVM's whole life: its EOF is the JVM's cue that we are gone.
  const child = spawn(javaBinary(), args, { cwd: dataDir, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; requested: boolean }>((done) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      done({ code, signal, requested: stopRequested.has(child) });
    });
  });
  installExitHooks();

  // Keep only the tail of the JVM's own output, for error messages; Neo4j's logs go to dataDir/logs.
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-16_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // An EPIPE on a pipe whose reader is gone, or a failed kill, must not crash the parent.
  child.stdin!.on('error', () => {});
  child.on('error', () => {});

  const uri = `bolt://127.0.0.1:${port}`;
  const explain = (why: string): Error => {
    const debugLog = join(dataDir, 'logs', 'debug.log');
    const log = existsSync(debugLog) ? lastLines(readFileSync(debugLog, 'utf8'), 20) : '(no debug.log yet)';
    return new Error(
      `Local Neo4j on ${uri} did not start: ${why}\n` +
        `--- JVM output (last lines) ---\n${lastLines(output, 30) || '(none)'}\n` +
        `--- ${debugLog} (last lines) ---\n${log}`,
    );
  };

  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(explain(`no NEO4J_READY line within ${timeoutMs / 1000} s`)), timeoutMs);
      const onData = (): void => {
        if (/^NEO4J_READY /m.test(output)) {
          cleanup();
          ready();
        }
      };
      const onExit = (code: number | null, signal: string | null): void => {
        cleanup();
        fail(explain(`the JVM exited early (code ${code}, signal ${signal})`));
      };
      const onError = (err: Error): void => {
        cleanup();
        fail(explain(`could not run ${javaBinary()}: ${err.message}`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        child.off('error', onError);
      };
      child.stdout!.on('data', onData);
      child.once('exit', onExit);
      child.once('error', onError);
    });

    // READY comes from inside the JVM; a real Bolt handshake proves a client can actually get in.
    const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''), { connectionTimeout: 10_000 });
    try {
      await driver.verifyConnectivity();
    } catch (err) {
      throw explain(`Bolt handshake failed: ${(err as Error).message}`);
    } finally {
      await driver.close();
    }
  } catch (err) {
    await stopChild(child);
    throw err;
  }

  return { uri, port, pid: child.pid!, dataDir, exited, stop: () => stopChild(child) };
}
