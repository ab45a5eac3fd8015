/**
 * Ranking of "tasks like this" candidates (search/similar.ts), with made-up signals: most probable
 * first, the relevance floor, and one of two near-identical texts of one plan.
 */
import { describe, expect, it } from 'vitest';
import { nearDuplicate, rankSimilar, SIMILAR_LEVELS, type SimilarCandidate } from '../../search/similar.js';

const model = { bias: -10, weights: [0, 20, 0, 0] }; // only the words signal counts: p = σ(20·words − 10)
const candidate = (id: string, documentId: string, text: string, words: number): SimilarCandidate => ({
  id,
  documentId,
  text,
  signals: { cosine: 0.9, words, headings: 0, lineage: 0 },
});

const BODY = 'Hỗ trợ các hoạt động khởi nghiệp đổi mới sáng tạo, hoạt động ươm tạo công nghệ, ươm tạo doanh nghiệp khoa học, công nghệ.';
const APPENDIX_ROW = 'Hỗ trợ các hoạt động khởi nghiệp đổi mới sáng tạo, hoạt động ươm tạo công nghệ, ươm tạo doanh nghiệp khoa học công nghệ';

describe('rankSimilar', () => {
  it('orders by probability, drops what falls under the floor, and stops at the limit', () => {
    const ranked = rankSimilar(
      [candidate('a', 'd1', 'một việc', 0.45), candidate('b', 'd2', 'việc khác hẳn', 0.9), candidate('c', 'd3', 'không liên quan', 0.01)],
      { model, levels: SIMILAR_LEVELS, limit: 10 },
    );
    expect(ranked.map((r) => r.candidate.id)).toEqual(['b', 'a']);
    expect(ranked[0]!.match.level).toBe('strong');
    expect(ranked.every((r) => r.match.probability >= SIMILAR_LEVELS.partial)).toBe(true);
    expect(rankSimilar([candidate('a', 'd1', 'x', 0.9), candidate('b', 'd2', 'y', 0.8)], { model, levels: SIMILAR_LEVELS, limit: 1 })).toHaveLength(1);
  });

  it('keeps one of two near-identical texts of one plan, and both when the plans differ', () => {
    const twins = [candidate('body', 'plan', BODY, 0.9), candidate('row', 'plan', APPENDIX_ROW, 0.8), candidate('other', 'plan2', APPENDIX_ROW, 0.7)];
    expect(rankSimilar(twins, { model, levels: SIMILAR_LEVELS, limit: 10 }).map((r) => r.candidate.id)).toEqual(['body', 'other']);
  });
});

describe('nearDuplicate', () => {
  it('tells a restated row from another task on the same topic', () => {
    expect(nearDuplicate(BODY, APPENDIX_ROW)).toBe(true);
    expect(nearDuplicate(BODY, 'Xây dựng và hoàn thiện các cơ chế, chính sách về đổi mới sáng tạo và khởi nghiệp sáng tạo.')).toBe(false);
  });
});
