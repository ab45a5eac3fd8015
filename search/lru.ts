/**
 * `compute`, with its results kept by key: at most `max` of them, all forgotten at once when full
 * (cheaper than an LRU's bookkeeping, for values worth recomputing now and then).
 */
export function kept<T>(max: number, compute: (key: string) => T): (key: string) => T {
  const values = new Map<string, T>();
  return (key) => {
    let value = values.get(key);
    if (value === undefined) {
      value = compute(key);
      if (values.size >= max) values.clear();
      values.set(key, value);
    }
    return value;
  };
}

/**
 * `compute`, with its last `size` results kept in a ring and found by comparing keys: for values
 * asked for a few times in a row (a search reads each candidate's tokens three times). Per item
 * text, a Map-keyed memo (`kept`) made every young-generation collection promote ~4 MB at 100k items
 * and last 5–7 ms, where this promotes nothing (bench/search-phases.ts, --trace-gc-nvp).
 */
export function lastFew<T>(size: number, compute: (key: string) => T): (key: string) => T {
  const keys: string[] = [];
  const values: T[] = [];
  let next = 0;
  return (key) => {
    const i = keys.indexOf(key);
    if (i >= 0) return values[i]!;
    const value = compute(key);
    keys[next] = key;
    values[next] = value;
    next = (next + 1) % size;
    return value;
  };
}

/**
 * Values kept by key, at most `max` of them: past that the least recently used goes. The search
 * service keeps which items a filter admits in these until the index next changes, and query
 * vectors for as long as the model stays (search/service.ts).
 */
export class Lru<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly max: number) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used last: the first entry is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
