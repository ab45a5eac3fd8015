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
