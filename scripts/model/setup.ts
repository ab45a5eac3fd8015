/**
 * Builds the embedding model (search/model-setup.ts) from the command line:
 *
 *   tsx scripts/model/setup.ts            # build the model if it is missing or incomplete
 *   tsx scripts/model/setup.ts --force    # rebuild it
 *   tsx scripts/model/setup.ts --tiny DIR # write the small synthetic test model to DIR
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { buildTinyModel, ensureModel, modelPaths, modelProblem, type Manifest, type SetupReporter } from '../../search/model-setup.js';

// --------------------------------------------------------------------------------- CLI ----

function cliReporter(): SetupReporter {
  const interactive = process.stderr.isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  return {
    message: (text) => {
      if (bar) bar.update({ label: text });
      else process.stderr.write(`[model] ${text}\n`);
    },
    progress: (done, total, label) => {
      if (!interactive) {
        process.stderr.write(`[model] (${done}/${total}) ${label}\n`);
        return;
      }
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: '[model] {bar} {value}/{total} {label}', stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { label });
      } else bar.update(done, { label });
    },
    endProgress: () => {
      bar?.stop();
      bar = null;
    },
  };
}

async function main(argv: string[]): Promise<void> {
  const reporter = cliReporter();
  const started = Date.now();
  const tinyAt = argv.indexOf('--tiny');
  if (tinyAt >= 0) {
    const out = argv[tinyAt + 1];
    if (!out) throw new Error('--tiny needs an output directory');
    const dir = await buildTinyModel(out, { reporter });
    reporter.message(`tiny model: ${dir}`);
    return;
  }
  const unknown = argv.filter((a) => a !== '--force');
  if (unknown.length) throw new Error(`unknown arguments: ${unknown.join(' ')} (use --force or --tiny DIR)`);
  const paths = modelPaths();
  const problem = modelProblem(paths.modelDir);
  if (problem === null && !argv.includes('--force')) {
    reporter.message(`model already present: ${paths.modelDir}`);
    return;
  }
  const dir = await ensureModel({ force: argv.includes('--force'), reporter, paths });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const mb = Object.values(manifest.files).reduce((a, b) => a + b, 0) / 1e6;
  reporter.message(`done in ${((Date.now() - started) / 1000).toFixed(1)}s; ${mb.toFixed(0)} MB in ${dir}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`[model] setup failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
