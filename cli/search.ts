/**
 * `npm run search -- "hỗ trợ khởi nghiệp"`: hybrid search from the terminal, with what explains
 * each hit. The index is synced with the graph first (a progress bar when items need embedding);
 * an empty graph gets the demo corpus, as on `npm start`.
 *
 *   npm run search -- "khoi nghiep doi moi sang tao" --kind task --limit 5
 *   npm run search -- "tuyên truyền" --province "Bình Thuận" --without-lead
 *   npm run search -- --similar "vn/kon-tum/tu/kh/44#4.1"
 *   npm run search -- "sở hữu trí tuệ" --json
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../core/config.js';
import { connect } from '../graph-store/connect.js';
import { seedDemoCorpus } from './seed-demo.js';
import { disposeEmbedder } from '../search/embedder.js';
import { formatHits, formatSimilar } from './format-hits.js';
import { openSearch } from '../search/open.js';
import { syncProgressBar } from './sync-progress.js';
import { SearchFilters } from '../search/types.js';

interface Opts {
  similar?: string;
  province?: string;
  document?: string;
  agency?: string;
  level?: string;
  hasLead?: boolean;
  withoutLead?: boolean;
  kind: string;
  limit: number;
  mode: 'hybrid' | 'vector' | 'lexical';
  json?: boolean;
}

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0 || n > 500) throw new InvalidArgumentError('a whole number from 1 to 500');
  return n;
};

const program = new Command('search')
  .description('Search tasks and directive items across provinces, with or without tone marks')
  .argument('[query...]', 'words to search for')
  .option('--similar <taskId>', 'instead of a query: tasks like this one in other provinces')
  .option('--province <name>', 'only this province, as stored (e.g. "Bình Thuận")')
  .option('--document <id>', 'only items of this document id')
  .option('--agency <id>', 'only items this agency leads or coordinates')
  .addOption(new Option('--level <level>', 'only documents of this level').choices(['central', 'ministry', 'province', 'district']))
  .option('--has-lead', 'only tasks with a lead agency')
  .option('--without-lead', 'only tasks without a lead agency')
  .addOption(
    new Option('--kind <kind>', 'tasks, directive items, any of them, or all paragraphs (objectives and procedure fields too)')
      .choices(['task', 'directive', 'any', 'all'])
      .default('any'),
  )
  .option('--limit <n>', 'hits to show', positive, 10)
  .addOption(new Option('--mode <mode>', 'ranking (vector and lexical alone are for comparison)').choices(['hybrid', 'vector', 'lexical']).default('hybrid'))
  .option('--json', 'print the hits as JSON')
  .action(async (words: string[], opts: Opts) => {
    const query = words.join(' ').trim();
    if (!query && !opts.similar) program.error('give a query, or --similar <taskId>');
    if (opts.hasLead && opts.withoutLead) program.error('--has-lead and --without-lead exclude each other');
    const filters = SearchFilters.parse({
      province: opts.province,
      documentId: opts.document,
      agencyId: opts.agency,
      level: opts.level,
      hasLead: opts.hasLead ? true : opts.withoutLead ? false : undefined,
      kind: opts.kind,
    });
    const config = loadConfig();
    const connection = await connect(config);
    const progress = syncProgressBar();
    try {
      await seedDemoCorpus(connection.db, config);
      const { service } = await openSearch(connection.db, {
        ranking: { mode: opts.mode },
        onProgress: progress.onProgress,
        onRebuild: (s) => console.error(`search index ${s.state === 'corrupt' ? `unusable (${s.reason})` : 'missing'}: rebuilding it from the graph`),
      });
      progress.stop();
      const started = performance.now();
      const format = { color: Boolean(process.stdout.isTTY) && !opts.json, width: Math.min(process.stdout.columns || 100, 120) };
      if (opts.similar) {
        const hits = await service.similarTasks(opts.similar, opts.limit);
        const ms = performance.now() - started;
        if (opts.json) console.log(JSON.stringify({ id: opts.similar, hits }, null, 2));
        else console.log(`${formatSimilar(hits, format)}\n\n(${ms.toFixed(0)} ms)`);
      } else {
        const hits = await service.search(query, filters, opts.limit);
        const ms = performance.now() - started;
        if (opts.json) console.log(JSON.stringify({ query, filters, hits }, null, 2));
        else console.log(`${formatHits(hits, format)} (${ms.toFixed(0)} ms)`);
      }
    } finally {
      progress.stop();
      await disposeEmbedder();
      await connection.close();
    }
  });

await program.parseAsync();
