/**
 * Values kept until the search index next changes. What a hit shows (its text, document, leads)
 * and which items a filter admits change only when the graph is written, and every write this
 * process makes is followed by a sync, every write of another process by a reload of the index it
 * saved (search/service.ts clears these at both). Kept, they spare a search its second round trip
 * to Neo4j. Bounded: past `max` entries the oldest goes.
 */
export class UntilSync<T> {
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

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
