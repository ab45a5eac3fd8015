/**
 * tsx scripts/neo4j/cli.ts build
 * tsx scripts/neo4j/cli.ts start [--port N] [--data-dir D] [--heap 1g] [--uri-file F]
 *
 * `start` stays in the foreground until SIGINT/SIGTERM. The bolt URI is the only thing written to
 * stdout (one line, once Bolt answers), so scripts can capture it; progress goes to stderr.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { REPO_ROOT } from '../../core/paths.js';
import { checkPrerequisites, ensureLauncherBuilt, startLocalNeo4j } from '../../graph-store/local-neo4j.js';

const say = (msg: string): void => {
  process.stderr.write(`${msg}\n`);
};

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected 0..65535 (0 = any free port)');
  return n;
}

const program = new Command('neo4j')
  .description('Local Neo4j 5.26 Community (embedded via a Java launcher, Bolt on 127.0.0.1, no auth)')
  .showHelpAfterError();

program
  .command('build')
  .description('build the Java launcher with Maven if it is missing or out of date')
  .action(async () => {
    await checkPrerequisites();
    await ensureLauncherBuilt({ onProgress: say });
    say('Neo4j launcher is up to date.');
  });

program
  .command('start')
  .description('start Neo4j in the foreground; stop with Ctrl-C or SIGTERM')
  .option('--port <n>', 'Bolt port, 0 = any free port', portNumber, Number(process.env.LOCAL_NEO4J_PORT ?? 7687))
  .option('--data-dir <dir>', 'where the database lives', join(REPO_ROOT, process.env.DATA_DIR ?? '.data', 'neo4j'))
  .option('--heap <size>', 'JVM maximum heap (-Xmx)', '1g')
  .option('--uri-file <file>', 'also write the bolt URI to this file once Neo4j is ready')
  .action(async (opts: { port: number; dataDir: string; heap: string; uriFile?: string }) => {
    await checkPrerequisites();
    await ensureLauncherBuilt({ onProgress: say });
    const started = Date.now();
    say(`Starting Neo4j (data in ${resolve(opts.dataDir)})...`);
    const db = await startLocalNeo4j({ port: opts.port, dataDir: opts.dataDir, heap: opts.heap });
    if (opts.uriFile) await writeFile(opts.uriFile, `${db.uri}\n`);
    process.stdout.write(`${db.uri}\n`);
    say(`Neo4j ready at ${db.uri} after ${((Date.now() - started) / 1000).toFixed(1)} s (java pid ${db.pid}); Ctrl-C stops it.`);

    let stopping = false;
    const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
      if (stopping) return;
      stopping = true;
      say(`${signal}: stopping Neo4j...`);
      await db.stop();
      say('Neo4j stopped.');
      process.exit(0);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    void db.exited.then(({ code, signal }) => {
      if (stopping) return;
      say(`Neo4j exited unexpectedly (code ${code}, signal ${signal}); see ${resolve(opts.dataDir)}/logs/debug.log`);
      process.exit(1);
    });
  });

program.parseAsync().catch((err: unknown) => {
  say(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
