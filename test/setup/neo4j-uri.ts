import { inject } from 'vitest';

/**
 * The Bolt URI of the database the tests run against: the one given in NEO4J_URI, or the local
 * Neo4j that test/setup/global-neo4j.ts started. Only callable inside vitest.
 */
export function testNeo4jUri(): string {
  const uri = inject('neo4jUri') ?? process.env.NEO4J_URI;
  if (!uri) throw new Error('No Neo4j for tests: is test/setup/global-neo4j.ts listed in vitest globalSetup?');
  return uri;
}

/** Credentials for testNeo4jUri(): from NEO4J_USER / NEO4J_PASSWORD; the local database ignores them. */
export function testNeo4jAuth(): { user: string; password: string } {
  return { user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' };
}
