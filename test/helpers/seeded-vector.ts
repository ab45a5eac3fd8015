/** A fixed vector of `dim` components in [−1, 1) for each integer: the same on every run (vector index tests). */
export function seededVector(n: number, dim: number): number[] {
  let x = n * 2654435761 + 1;
  return Array.from({ length: dim }, () => {
    x = (x * 1103515245 + 12345) >>> 0;
    return (x / 2 ** 32) * 2 - 1;
  });
}
