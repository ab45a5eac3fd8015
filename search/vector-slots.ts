/**
 * The index's vectors in one growing Float32Array, a slot of `dim` floats per item, so a search
 * reads them without asking hnswlib. hnswlib's getPoint builds a JS array of 384 numbers on each
 * call (~30 µs): the cosines a search needs for its 50–70 candidates cost ~2 ms that way at 100k
 * items, and a vector kept per item as its own Float32Array left the collector 100k small objects
 * to trace. Freed slots are reused, so churn does not grow the array.
 */
export class VectorSlots {
  private data: Float32Array;
  private free: number[] = [];
  private used = 0;

  constructor(
    readonly dim: number,
    capacity = 1024,
  ) {
    this.data = new Float32Array(capacity * dim);
  }

  /** Stores a unit-length copy of `vector` (hnswlib's cosine space keeps them so); returns its slot. */
  add(vector: ArrayLike<number>): number {
    const slot = this.free.pop() ?? this.used++;
    if ((slot + 1) * this.dim > this.data.length) {
      const grown = new Float32Array(Math.max(this.data.length * 2, (slot + 1) * this.dim));
      grown.set(this.data);
      this.data = grown;
    }
    let norm = 0;
    for (let d = 0; d < this.dim; d++) norm += vector[d]! * vector[d]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const base = slot * this.dim;
    for (let d = 0; d < this.dim; d++) this.data[base + d] = vector[d]! * scale;
    return slot;
  }

  remove(slot: number): void {
    this.free.push(slot);
  }

  /** A copy of the slot's vector. */
  copy(slot: number): Float32Array {
    return this.data.slice(slot * this.dim, (slot + 1) * this.dim);
  }

  /** Dot product of the slot's vector with `v`. */
  dot(slot: number, v: ArrayLike<number>): number {
    const base = slot * this.dim;
    let s = 0;
    for (let d = 0; d < this.dim; d++) s += this.data[base + d]! * v[d]!;
    return s;
  }
}
