/**
 * The hybrid search timed in a process of its own (bench/search-scale/hybrid.ts measureHybrid), so
 * its heap holds what a server's does (the indexed items' words, rows and vectors) and not the
 * bench's 100k texts, vector matrix and second index: a heap several times larger made every
 * collection during the timed searches longer than the server's would be.
 *
 *   node --import tsx bench/search-scale/hybrid-process.ts <job.json>
 *
 * job.json: { uri, indexDir, passes, warmUp, neo4jPid, wallDeadline }. Prints one JSON line, the
 * measurement; exits 3 when the deadline passed first.
 */
import fs from 'node:fs';
import { closeDb } from '../../graph-store/db.js';
import { disposeEmbedder } from '../../search/embedder.js';
import { openBenchDb } from './neo4j-side.js';
import { measureHybrid } from './hybrid.js';
import { OutOfTime } from './vector-cache.js';

interface Job {
  uri: string;
  indexDir: string;
  passes: string[][];
  warmUp: string[];
  neo4jPid: number | null;
  wallDeadline: number;
}

const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Job;
const db = await openBenchDb(job.uri);
try {
  const result = await measureHybrid(db, job.indexDir, job.passes, job.warmUp, () => Date.now() > job.wallDeadline, job.neo4jPid);
  console.log(JSON.stringify(result));
} catch (err) {
  console.error(err instanceof OutOfTime ? `hybrid: ${err.message}` : err);
  process.exitCode = err instanceof OutOfTime ? 3 : 1;
} finally {
  await closeDb(db);
  await disposeEmbedder();
}
