import { z } from 'zod';

/**
 * Every setting the product reads from the environment, validated once so a typo fails at
 * start-up with a clear message instead of surfacing as odd behaviour later.
 */
const ConfigSchema = z.object({
  NEO4J_URI: z.string().url().optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().default('neo4j'),
  LOCAL_NEO4J_PORT: z.coerce.number().int().min(0).max(65535).default(7687),
  DATA_DIR: z.string().default('.data'),
  CACHE_DIR: z.string().default('.cache'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  API_TOKEN: z.string().optional(),
  /** How long one database read may take before the API answers 503 (a hung or overloaded database). */
  DB_QUERY_DEADLINE_MS: z.coerce.number().int().positive().default(4_000),
  /** How long writing one document may take. */
  DB_WRITE_DEADLINE_MS: z.coerce.number().int().positive().default(120_000),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  MODEL_ID: z.string().default('multilingual-e5-small'),
  MODEL_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
