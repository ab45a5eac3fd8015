/**
 * Hostile uploads against the real stack (issue 10, item 7): 120 cases from a fixed seed (random
 * bytes, UTF-16, TCVN3 and Windows-1258, NULs, 100 KB on one line, a 4,000-row table, Cypher in
 * titles, path traversal in file names, scripts in HTML, word salad, cut and shuffled copies of real
 * plans, the first bytes of 69-KL/TW, a news article, empty bodies, wrong content types, zip bombs,
 * cut PDFs; test/helpers/hostile-inputs.ts) sent 8 at a time to the real app with the bearer token,
 * on the demo corpus in the real Neo4j. bench/hostile-uploads.ts sends 2,000 of them at full size
 * (a megabyte on one line, 10,000 rows) and times them. Whatever the uploads created is deleted
 * again afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { logger } from '../../core/logger.js';
import { closeDb, readQuery, type Db } from '../../graph-store/db.js';
import { closeParsePool } from '../../ingest/parse-pool.js';
import { ingestDemoCorpus } from '../helpers/demo-corpus.js';
import { graphCounts } from '../helpers/graph-counts.js';
import { answerProblems, graphProblems, ingestedIds, snapshotGraph, type GraphSnapshot } from '../helpers/hostile-checks.js';
import { HOSTILE_CATEGORIES, hostileCases, type HostileCategory } from '../helpers/hostile-inputs.js';
import { sendHostile, warmUp, type HostileAnswer } from '../helpers/hostile-send.js';
import { openTestDb } from '../helpers/test-db.js';
import { TestServer } from '../helpers/test-server.js';

logger.level = 'error';

const SEED = 20261206;
const COUNT = 120;
const AT_ONCE = 8;
const TOKEN = 'hostile-uploads-token';

const db: Db = await openTestDb();
const server = new TestServer();
let countsBefore: Record<string, number> = {};
let before: GraphSnapshot;
let answers: HostileAnswer[] = [];

beforeAll(async () => {
  await ingestDemoCorpus(db);
  await server.start({ db, config: loadConfig({ ...process.env, API_TOKEN: TOKEN }), webDir: '/nonexistent' });
  countsBefore = await graphCounts(db);
  before = await snapshotGraph(db);
  await warmUp(server.base, TOKEN);
  answers = await sendHostile(hostileCases(SEED, COUNT, 'reduced'), { base: server.base, token: TOKEN, concurrency: AT_ONCE });
}, 180_000);

afterAll(async () => {
  server.stop();
  await closeParsePool();
  await closeDb(db);
});

const of = (category: HostileCategory) => answers.filter((a) => a.case.category === category);
/** "422 binary", "200 kept", "415": the status with the refusal's code or the upload's status. */
const outcome = (a: HostileAnswer) => {
  let body: { code?: string; status?: string };
  try {
    body = JSON.parse(a.text) as typeof body;
  } catch {
    return `${a.status} (not JSON)`;
  }
  return `${a.status}${body.code ? ` ${body.code}` : ''}${body.status ? ` ${body.status}` : ''}`;
};
/** Each answer of a category that is not one of `allowed` (status, or "status code"), with its case. */
const unexpected = (category: HostileCategory, allowed: RegExp) =>
  of(category)
    .filter((a) => !allowed.test(outcome(a)))
    .map((a) => `${a.case.name}: ${outcome(a)}`);

describe('hostile uploads', () => {
  it('start from the demo corpus: 69-KL/TW with its 19 directive items, carried out by the provinces\u2019 tasks', () => {
    // 19 directive items by reading the conclusion (as in api-upload.test.ts).
    expect(before.kl69Items.size).toBe(19);
    expect(before.linksIntoKl69.size).toBeGreaterThan(0);
    expect(answers).toHaveLength(COUNT);
    for (const category of HOSTILE_CATEGORIES) expect(of(category).length, category).toBeGreaterThanOrEqual(6);
  });

  it('are each answered, never with a 5xx, in JSON with a reason when refused, within 10 s, showing nothing of the server', () => {
    const problems = answers.flatMap((a) => answerProblems(a).map((p) => `${a.case.name}: ${p.what}`));
    expect(problems).toEqual([]);
  });

  it('are refused when no reader can take them, with the reason the README gives', () => {
    // Legacy encodings (UTF-16 without its BOM is mostly NUL bytes: binary), NULs anywhere, nothing.
    expect(unexpected('utf16', /^422 (encoding|binary)$/)).toEqual([]);
    expect(unexpected('legacy-encoding', /^422 encoding$/)).toEqual([]);
    expect(unexpected('nul-bytes', /^422 binary$/)).toEqual([]);
    expect(unexpected('empty-body', /^422 (empty|unparseable)$/)).toEqual([]);
    expect(unexpected('random-bytes', /^422 /)).toEqual([]);
    expect(unexpected('wrong-content-type', /^415$/)).toEqual([]);
    expect(unexpected('zip-bomb', /^422 (zip-bomb|corrupt|binary|no-text|unsupported-format)$/)).toEqual([]);
    // More than 3,000 items: a data table, not a document.
    expect(unexpected('big-table', /^422 unparseable$/)).toEqual([]);
    // A line longer than any paragraph of a policy document.
    expect(unexpected('long-line', /^422 unparseable$/)).toEqual([]);
    // Folders, NUL or over 255 characters in the name: 400 before the body is read.
    for (const a of of('path-traversal')) {
      const name = a.case.fileName;
      const bad = /[/\\\0]/.test(name) || name.length > 255;
      expect(bad ? a.status === 400 : [200, 201, 422].includes(a.status), `${a.case.name}: ${outcome(a)}`).toBe(true);
    }
  });

  it('never replace 69-KL/TW with a part of it or an article about it', () => {
    expect(unexpected('kl69-prefix', /^(200 (kept|unchanged)|422 (empty|unparseable|encoding))$/)).toEqual([]);
    expect(unexpected('news-article', /^(200 kept|422 unparseable)$/)).toEqual([]);
  });

  it('take Cypher in titles and agencies as text: the plans are stored with it, word for word', async () => {
    const stored = of('cypher-title').filter((a) => a.status === 201);
    expect(stored.length).toBeGreaterThan(0);
    for (const a of stored) {
      const id = (JSON.parse(a.text) as { documentId: string }).documentId;
      const [doc] = await readQuery<{ text: string }>(db, 'MATCH (d:Document {id: $id}) RETURN d.text AS text', { id });
      const title = a.case.body.toString('utf8').split('\n').find((l) => l.startsWith('KẾ HOẠCH '))!;
      expect(doc?.text, a.case.name).toContain(title);
    }
  });

  it('keep the scripts of a web page out of the text they store', async () => {
    const ids = of('html-script')
      .filter((a) => a.status === 201)
      .map((a) => (JSON.parse(a.text) as { documentId: string }).documentId);
    expect(ids.length).toBeGreaterThan(0);
    const texts = await readQuery<{ id: string; text: string }>(db, 'MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.text AS text', { ids });
    for (const t of texts) expect(t.text, t.id).not.toMatch(/<script|document\.cookie|alert\(|javascript:|onerror|onclick/);
  });

  it('lose nothing: every document, 69-KL/TW\u2019s items and every link into them are still there; new documents only from uploads answered 201', async () => {
    expect(graphProblems(before, await snapshotGraph(db), ingestedIds(answers))).toEqual([]);
    expect((await snapshotGraph(db)).kl69Items.size).toBe(19);
  });

  it('leave the graph as they found it once what they created is deleted', async () => {
    const created = [...ingestedIds(answers)].filter((id) => !before.documents.has(id));
    expect(created.length).toBeGreaterThan(0);
    for (const id of created) {
      const r = await fetch(`${server.base}/api/documents?id=${encodeURIComponent(id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(r.status, id).toBe(200);
    }
    // A document deleted while another new one cited it stayed as a stub; it goes with its last citer.
    expect(await graphCounts(db)).toEqual(countsBefore);
    expect((await snapshotGraph(db)).linksIntoKl69).toEqual(before.linksIntoKl69);
  });
});
