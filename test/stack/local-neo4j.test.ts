import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseJavaMajor } from '../../graph-store/local-neo4j.js';
import { testNeo4jAuth, testNeo4jUri } from '../setup/neo4j-uri.js';

// Our local Neo4j (from globalSetup or `scripts/neo4j/cli.ts start`) always listens on 127.0.0.1;
// a database supplied some other way through NEO4J_URI may be another edition or version.
const ours = process.env.NEO4J_URI === undefined || process.env.NEO4J_URI.startsWith('bolt://127.0.0.1:');

describe('Neo4j for tests', () => {
  let driver: Driver;

  beforeAll(async () => {
    const { user, password } = testNeo4jAuth();
    driver = neo4j.driver(testNeo4jUri(), neo4j.auth.basic(user, password));
    await driver.verifyConnectivity();
  });

  afterAll(async () => {
    await driver?.close();
  });

  it('answers a query over Bolt', async () => {
    const res = await driver.executeQuery('RETURN 1 AS one');
    expect(res.records[0]?.get('one').toNumber()).toBe(1);
  });

  it('is the URI the workers also see in NEO4J_URI', () => {
    expect(process.env.NEO4J_URI).toBe(inject('neo4jUri'));
  });

  it.runIf(ours)('is Neo4j 5.26 Community', async () => {
    const res = await driver.executeQuery('CALL dbms.components() YIELD name, versions, edition');
    const component = res.records[0];
    expect(component?.get('name')).toBe('Neo4j Kernel');
    expect(component?.get('versions')[0]).toMatch(/^5\.26\.\d+$/);
    expect(component?.get('edition')).toBe('community');
  });

  it('can write and read back Vietnamese text', async () => {
    const text = 'Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân';
    const res = await driver.executeQuery(
      'CREATE (d:LocalNeo4jTestDoc {title: $text}) WITH d RETURN d.title AS title',
      { text },
    );
    expect(res.records[0]?.get('title')).toBe(text);
    await driver.executeQuery('MATCH (d:LocalNeo4jTestDoc) DETACH DELETE d');
  });
});

describe('parseJavaMajor', () => {
  it('reads modern and pre-9 version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('nonsense')).toBeUndefined();
  });
});
