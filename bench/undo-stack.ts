import path from 'node:path';
import { closeDb, openDb, type Db } from '../graph-store/db.js';
import { checkPrerequisites, ensureLauncherBuilt, startLocalNeo4j, type LocalNeo4j } from '../graph-store/local-neo4j.js';
import { migrate } from '../graph-store/migrate.js';

/**
 * A bench's undo steps (stop the server, stop Neo4j, remove its data), run last-in first-out and
 * once, whether the bench ends, fails or is interrupted (SIGINT/SIGTERM: the steps, then exit 130).
 */
export interface UndoStack {
  push(name: string, fn: () => Promise<unknown> | unknown): void;
  /** Runs the steps once; later calls wait for the same run. */
  cleanup(): Promise<void>;
  /** A signal stopped the bench (its failure is then not worth printing). */
  readonly interrupted: boolean;
}

export function undoStack(onSignal: string): UndoStack {
  const steps: { name: string; fn: () => Promise<unknown> | unknown }[] = [];
  let cleaning: Promise<void> | null = null;
  let interrupted = false;
  const cleanup = (): Promise<void> => {
    cleaning ??= (async () => {
      for (const step of steps.reverse()) {
        try {
          await step.fn();
        } catch (err) {
          console.error(`cleanup: ${step.name} failed: ${(err as Error).message}`);
        }
      }
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      interrupted = true;
      console.error(`\n${signal}: ${onSignal}`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  return {
    push: (name, fn) => void steps.push({ name, fn }),
    cleanup,
    get interrupted() {
      return interrupted;
    },
  };
}

/**
 * A local Neo4j for a bench, in `<work>/neo4j`, migrated, with its stop and the driver's close on
 * `undo` (the launcher built first when missing).
 */
export async function benchNeo4j(work: string, undo: UndoStack): Promise<{ local: LocalNeo4j; db: Db }> {
  await checkPrerequisites();
  await ensureLauncherBuilt({ onProgress: (m) => console.error(m) });
  const local = await startLocalNeo4j({ port: 0, dataDir: path.join(work, 'neo4j') });
  undo.push('stop Neo4j', () => local.stop());
  const db: Db = openDb({ uri: local.uri });
  undo.push('close the driver', () => closeDb(db));
  await migrate(db);
  return { local, db };
}
