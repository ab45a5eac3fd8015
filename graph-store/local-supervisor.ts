import { logger } from '../core/logger.js';
import type { LocalNeo4j } from './local-neo4j.js';

/** Restarts allowed in RESTART_WINDOW_MS before the supervisor gives up: a database that keeps dying needs a person. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 10 * 60_000;

export interface SupervisedNeo4j {
  /** The JVM serving now (a restart replaces it on the same port and data). */
  current(): LocalNeo4j;
  restarts(): number;
  /** Stops the JVM and the supervision. */
  stop(): Promise<void>;
}

/**
 * Keeps a local Neo4j this process started running: when its JVM dies without being asked to
 * (kill -9, out of memory), it is started again on the same port and data folder. The driver
 * reconnects by itself, so requests answer 503 meanwhile and 200 again once it is back.
 */
export function supervise(first: LocalNeo4j, start: () => Promise<LocalNeo4j>): SupervisedNeo4j {
  let current = first;
  let stopping = false;
  const restartTimes: number[] = [];

  const restart = async (exit: { code: number | null; signal: NodeJS.Signals | null }): Promise<void> => {
    const now = Date.now();
    while (restartTimes.length && now - restartTimes[0]! > RESTART_WINDOW_MS) restartTimes.shift();
    if (restartTimes.length >= MAX_RESTARTS) {
      logger.error({ ...exit, restarts: restartTimes.length }, 'local Neo4j keeps exiting; not restarting it again (see its logs in the data folder)');
      return;
    }
    restartTimes.push(now);
    logger.warn(exit, 'local Neo4j exited unexpectedly; restarting it');
    try {
      const next = await start();
      // Stopped while it was starting: this one is not wanted either.
      if (stopping) return void (await next.stop());
      current = next;
      logger.info({ pid: current.pid }, 'local Neo4j restarted');
      watch(current);
    } catch (err) {
      logger.error({ err }, 'could not restart local Neo4j');
    }
  };

  const watch = (neo: LocalNeo4j): void => {
    void neo.exited.then((exit) => {
      if (!stopping && !exit.requested) void restart(exit);
    });
  };
  watch(first);

  return {
    current: () => current,
    restarts: () => restartTimes.length,
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
}
