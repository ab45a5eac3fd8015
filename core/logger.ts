import pino from 'pino';

/** Structured JSON logs on stderr, so stdout stays free for command output (tables, JSON). */
export const logger = pino(
  { level: process.env.LOG_LEVEL ?? 'info', base: undefined },
  pino.destination(2),
);
