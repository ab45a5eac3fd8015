import { Command } from 'commander';
import Table from 'cli-table3';
import { loadConfig } from '../core/config.js';
import { connect } from '../graph-store/connect.js';
import { documentAudit } from '../graph-store/audit-reads.js';

const program = new Command('report')
  .description('Per document: tasks, tasks without a lead, collective-led tasks, directive items nobody implements, unresolved citations')
  .option('--json', 'print JSON instead of a table')
  .action(async (opts: { json?: boolean }) => {
    const connection = await connect(loadConfig());
    try {
      const rows = await documentAudit(connection.db);
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      const table = new Table({
        head: ['document', 'province', 'tasks', 'no lead', 'collective lead', 'directive items', 'not implemented', 'unresolved citations'],
      });
      for (const r of rows) {
        table.push([
          r.number ?? r.title?.slice(0, 40) ?? r.id,
          r.province ?? '(central)',
          r.tasks,
          r.tasksWithoutLead,
          r.collectiveLedTasks,
          r.directiveItems,
          r.directiveItemsNotImplemented,
          r.unresolvedCitations,
        ]);
      }
      console.log(table.toString());
      if (rows.length === 0) console.log('The graph holds no documents yet: run `npm run ingest -- data/corpus` first.');
    } finally {
      await connection.close();
    }
  });

await program.parseAsync();
