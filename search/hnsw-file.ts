/**
 * The vectors of a saved hnswlib index, read from its bytes: at 100k items, asking hnswlib for
 * each (getPoint, a JS array per call) takes seconds, while the file holds them as float32 next to
 * their labels. The layout is hnswlib's HierarchicalNSW::saveIndex (hnswlib-node 3, hnswalg.h):
 *
 *   header   offsetLevel0, maxElements, count, sizePerElement, labelOffset, offsetData (size_t),
 *            maxLevel, enterPoint (int32), maxM, maxM0, M (size_t), mult (double), efConstruction (size_t)
 *   level 0  count × sizePerElement bytes: links, then the vector at offsetData, the label at labelOffset
 *
 * Deleted elements keep their vector and label; the caller keeps the labels it knows. False when
 * the bytes do not have this shape (the caller then asks hnswlib; test/unit/hnsw-file.test.ts
 * compares both, so a changed layout fails there first).
 */
const HEADER_BYTES = 96;

/** Calls `visit` with each element's label and vector; the vector's array is reused, so copy what you keep. */
export function readHnswVectors(bytes: Buffer, dim: number, visit: (label: number, vector: Float32Array) => void): boolean {
  if (bytes.length < HEADER_BYTES) return false;
  const size = (at: number) => Number(bytes.readBigUInt64LE(at));
  const count = size(16);
  const perElement = size(24);
  const labelOffset = size(32);
  const offsetData = size(40);
  const vectorBytes = dim * 4;
  const shaped =
    offsetData + vectorBytes <= labelOffset && labelOffset + 8 <= perElement && HEADER_BYTES + count * perElement <= bytes.length;
  if (!shaped) return false;
  // Float32Array needs 4-byte alignment: copy each vector out of the buffer.
  const vector = new Float32Array(dim);
  const view = new Uint8Array(vector.buffer);
  for (let i = 0; i < count; i++) {
    const base = HEADER_BYTES + i * perElement;
    view.set(bytes.subarray(base + offsetData, base + offsetData + vectorBytes));
    visit(size(base + labelOffset), vector);
  }
  return true;
}
