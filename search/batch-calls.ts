/**
 * Calls that arrive while one is running are sent together as the next one: what lets concurrent
 * searches share one ONNX run for their query embeddings. A query of ten tokens alone keeps the
 * matmuls too small to use the cores well; eight of them in one run cost little more than one
 * (bench/query-embedding.ts). Alone, a call goes at once: no waiting for company.
 *
 * Should a batch fail, each of its calls is tried alone, so one bad input fails only itself.
 */
export function batchCalls<T, R>(run: (inputs: T[]) => Promise<R[]>, maxBatch: number): (input: T) => Promise<R> {
  const waiting: { input: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let running = false;

  const runAlone = (w: (typeof waiting)[number]) =>
    run([w.input]).then(
      ([r]) => w.resolve(r!),
      (err: unknown) => w.reject(err),
    );

  const pump = (): void => {
    if (running || waiting.length === 0) return;
    running = true;
    const batch = waiting.splice(0, maxBatch);
    const done = run(batch.map((w) => w.input)).then(
      (results): unknown => batch.forEach((w, i) => w.resolve(results[i]!)),
      (err: unknown): unknown => (batch.length === 1 ? batch[0]!.reject(err) : Promise.all(batch.map(runAlone))),
    );
    void done.finally(() => {
      running = false;
      pump();
    });
  };

  return (input) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      pump();
    });
}
