/**
 * Ranking of "tasks like this" candidates (search/similar.ts), with made-up signals: most probable
 * first, the relevance floor, and one hit per text of a province (search/twins.ts), on texts of
 * real documents.
 */
import { describe, expect, it } from 'vitest';
import { rankSimilar, SIMILAR_LEVELS, type SimilarCandidate } from '../../search/similar.js';
import { foldTwins } from '../../search/twins.js';

const model = { bias: -10, weights: [0, 20, 0, 0] }; // only the words signal counts: p = σ(20·words − 10)
const candidate = (id: string, documentId: string, text: string, words: number, province: string | null = 'Kon Tum'): SimilarCandidate => ({
  id,
  documentId,
  province,
  text,
  signals: { cosine: 0.9, words, headings: 0, lineage: 0 },
});

const BODY = 'Hỗ trợ các hoạt động khởi nghiệp đổi mới sáng tạo, hoạt động ươm tạo công nghệ, ươm tạo doanh nghiệp khoa học, công nghệ.';
const APPENDIX_ROW = 'Hỗ trợ các hoạt động khởi nghiệp đổi mới sáng tạo, hoạt động ươm tạo công nghệ, ươm tạo doanh nghiệp khoa học công nghệ';
const SAME_TOPIC = 'Xây dựng và hoàn thiện các cơ chế, chính sách về đổi mới sáng tạo và khởi nghiệp sáng tạo.';

// 03/NQ-CP (data/wild/docs/vnmasterplan__NQCP03__Kehoachgoc.md): its body's point l) and row 11
// of its Phụ lục II, which the crawled copy of that appendix alone (…NQ03_PL2_Nhiem_vu.md) repeats.
const NQ03_BODY_L =
  'Xây dựng, nâng cấp nền tảng đào tạo trực tuyến mở đại trà cung cấp miễn phí kiến thức về khoa học, công nghệ, đổi mới sáng tạo, kỹ năng số, công nghệ số cơ bản cho người dân, doanh nghiệp.';
const NQ03_ROW_11 =
  'Xây dựng nền tảng đào tạo trực tuyến mở đại trà cung cấp miễn phí các kiến thức về phát triển khoa học, công nghệ và đổi mới sáng tạo, kiến thức, kỹ năng số, công nghệ số cơ bản cho người dân, doanh nghiệp.';

/** The task the candidates are like: a Quảng Bình task, unlike every candidate's text below. */
const TASK = { province: 'Quảng Bình', text: 'Tổ chức hội nghị quán triệt nghị quyết cho cán bộ chủ chốt.' };

describe('rankSimilar', () => {
  it('orders by probability, drops what falls under the floor, and stops at the limit', () => {
    const ranked = rankSimilar(
      TASK,
      [candidate('a', 'd1', 'một việc', 0.45), candidate('b', 'd2', 'việc khác hẳn', 0.9), candidate('c', 'd3', 'không liên quan', 0.01)],
      { model, levels: SIMILAR_LEVELS, limit: 10 },
    );
    expect(ranked.map((r) => r.candidate.id)).toEqual(['b', 'a']);
    expect(ranked[0]!.match.level).toBe('strong');
    expect(ranked.every((r) => r.match.probability >= SIMILAR_LEVELS.partial)).toBe(true);
    expect(rankSimilar(TASK, [candidate('a', 'd1', 'x', 0.9), candidate('b', 'd2', 'y', 0.8)], { model, levels: SIMILAR_LEVELS, limit: 1 })).toHaveLength(1);
  });

  it('keeps one of two near-identical texts of one province, naming the other, and both when the provinces differ', () => {
    const twins = [
      candidate('body', 'plan', BODY, 0.9),
      candidate('row', 'plan-of-the-party', APPENDIX_ROW, 0.8),
      candidate('other', 'plan2', APPENDIX_ROW, 0.7, 'Bình Thuận'),
    ];
    const ranked = rankSimilar(TASK, twins, { model, levels: SIMILAR_LEVELS, limit: 10 });
    expect(ranked.map((r) => r.candidate.id)).toEqual(['body', 'other']);
    expect(ranked[0]!.twins.map((t) => t.id)).toEqual(['row']);
    expect(ranked[1]!.twins).toEqual([]);
  });

  it('never returns a copy of the task itself: a central task\'s row in its appendix uploaded alone', () => {
    const central = { province: null, text: NQ03_ROW_11 };
    const ranked = rankSimilar(central, [candidate('pl2#11', 'pl2', NQ03_ROW_11, 0.95, null), candidate('hanoi#3', 'hn', NQ03_ROW_11, 0.9, 'Hà Nội')], {
      model,
      levels: SIMILAR_LEVELS,
      limit: 10,
    });
    expect(ranked.map((r) => r.candidate.id)).toEqual(['hanoi#3']);
  });
});

describe('foldTwins', () => {
  const view = (x: { province: string | null; text: string }) => x;

  it('folds a central appendix row and the same row in the appendix uploaded alone, not a province that copied it', () => {
    const hits = [
      { id: 'nq03#row11', province: null, text: NQ03_ROW_11 },
      { id: 'hanoi#3', province: 'Hà Nội', text: NQ03_ROW_11 },
      { id: 'pl2#11', province: null, text: NQ03_ROW_11 },
    ];
    const folded = foldTwins(hits, view, 10);
    expect(folded.map((g) => [g.head.id, g.twins.map((t) => t.id)])).toEqual([
      ['nq03#row11', ['pl2#11']],
      ['hanoi#3', []],
    ]);
  });

  it('tells a restated row from another task on the same topic', () => {
    expect(foldTwins([{ province: null, text: BODY }, { province: null, text: APPENDIX_ROW }], view, 10)).toHaveLength(1);
    expect(foldTwins([{ province: null, text: BODY }, { province: null, text: SAME_TOPIC }], view, 10)).toHaveLength(2);
    // The body's point reworded for the appendix ("nâng cấp", "phát triển", "kiến thức" twice) is
    // another wording of the same work, under the bar: both stay.
    expect(foldTwins([{ province: null, text: NQ03_BODY_L }, { province: null, text: NQ03_ROW_11 }], view, 10)).toHaveLength(2);
  });

  it('shows at most `limit` groups, and twins past the limit still join them', () => {
    const hits = [
      { id: 'a', province: null, text: BODY },
      { id: 'b', province: null, text: SAME_TOPIC },
      { id: 'c', province: null, text: NQ03_ROW_11 },
      { id: 'a2', province: null, text: APPENDIX_ROW },
    ];
    expect(foldTwins(hits, view, 2).map((g) => [g.head.id, g.twins.map((t) => t.id)])).toEqual([
      ['a', ['a2']],
      ['b', []],
    ]);
  });
});
