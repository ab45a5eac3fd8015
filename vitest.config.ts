import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` holds pure tests (parser, layout, linker on fixtures) that need no database,
 * model or browser and run in parallel in seconds; `stack` holds the tests of the real parts (Neo4j
 * over Bolt, the ONNX model, Chromium, OCR). `npm test` runs both; `npm run test:unit` the quick one.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'stack',
          include: ['test/stack/**/*.test.ts'],
          globalSetup: ['test/setup/global-neo4j.ts'],
          // One Neo4j Community database is shared by every test file, so files run one at a time.
          poolOptions: { forks: { singleFork: true } },
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
