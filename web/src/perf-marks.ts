/**
 * The lineage view's phases as User Timing measures (`lineage:<phase>`), so a browser's
 * performance panel and bench/lineage-scale read where the time of a drawing goes: waiting for
 * answers, computing what is shown, Cytoscape's elements, the layout, the first paint after it.
 * A measure costs microseconds; nothing reads them in the product.
 */
export const PERF_PREFIX = 'lineage:';

export function timed<T>(phase: string, f: () => T): T {
  const start = performance.now();
  try {
    return f();
  } finally {
    performance.measure(PERF_PREFIX + phase, { start, end: performance.now() });
  }
}

export async function timedAsync<T>(phase: string, f: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await f();
  } finally {
    performance.measure(PERF_PREFIX + phase, { start, end: performance.now() });
  }
}

/** From now to the frame after next: the browser has painted what was drawn. */
export function measurePaint(phase: string): void {
  const start = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => performance.measure(PERF_PREFIX + phase, { start, end: performance.now() })));
}
