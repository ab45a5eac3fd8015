/**
 * How alike two texts are, in [0, 1]. Pluggable so the lexical measure used at ingest can be
 * swapped for embeddings (search/) without touching the linker.
 */
export interface TextSimilarity {
  readonly name: string;
  /** Scores every (left, right) pair: result[i][j] compares left[i] with right[j]. */
  matrix(left: string[], right: string[]): Promise<number[][]>;
}
