/**
 * graph-schema/labels.ts is the one list of node labels and relationship types. Cypher strings
 * spell them out (a query reads best as written), so this test holds every string to the list: a
 * misspelt label matches nothing and fails no query, it only returns less.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/paths.js';
import { Label, Rel } from '../../graph-schema/labels.js';

const KNOWN = new Set<string>([...Object.values(Label), ...Object.values(Rel)]);
/** Throwaway nodes that check a fresh database takes writes (the launcher's test, the start-up bench): never part of the graph. */
const PROBES = new Set(['LocalNeo4jTestDoc', 'BenchProbe']);
const QUERY = /\b(MATCH|MERGE|CREATE)\b/;
// `(d:Document`, `[r:IMPLEMENTS|CITES]`, `-[:LEADS]->`, `WHERE x:Task OR x:Directive`, `SET i:Task`;
// map keys (`{id: $id}`) have a space after the colon, labels none.
const NAMES = /(?<![\w$.])[a-z_]\w*:([A-Z]\w*(?:[|&]!?[A-Z]\w*)*)|[([]:(!?[A-Z]\w*(?:[|&]!?[A-Z]\w*)*)/g;

/** Label and type names used in one source text's Cypher strings (template literals and quoted strings). */
export function cypherNames(source: string): string[] {
  const names: string[] = [];
  for (const quoted of source.matchAll(/`([^`]*)`|'((?:[^'\\\n]|\\.)*)'/g)) {
    const body = quoted[1] ?? quoted[2] ?? '';
    if (!QUERY.test(body)) continue;
    for (const m of body.matchAll(NAMES)) names.push(...(m[1] ?? m[2]!).split(/[|&]/).map((n) => n.replace('!', '')));
  }
  return names;
}

const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts'], { cwd: REPO_ROOT, encoding: 'utf8' })
  .trim()
  .split('\n')
  .filter((f) => !f.startsWith('test/unit/cypher-labels'));

describe('Cypher labels and relationship types', () => {
  it('reads the names of a query as written', () => {
    const src = "const q = `MATCH (d:Document {id: $id})-[:CONTAINS]->(t:Item) WHERE t:Task OR t:Directive\n MERGE (a)-[r:CITES|IMPLEMENTS]->(b)`;";
    expect(cypherNames(src)).toEqual(['Document', 'CONTAINS', 'Item', 'Task', 'Directive', 'CITES', 'IMPLEMENTS']);
    expect(cypherNames("'MATCH (d:Documents) RETURN d'")).toEqual(['Documents']);
    expect(cypherNames('`a sentence: Nothing here`')).toEqual([]);
  });

  it('every one in the code is listed in graph-schema/labels.ts', () => {
    const unknown = sources.flatMap((file) =>
      cypherNames(readFileSync(path.join(REPO_ROOT, file), 'utf8'))
        .filter((n) => !KNOWN.has(n) && !PROBES.has(n))
        .map((n) => `${file}: ${n}`),
    );
    expect(sources.length).toBeGreaterThan(50);
    expect(unknown).toEqual([]);
  });
});
