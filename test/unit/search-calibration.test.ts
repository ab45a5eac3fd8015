/**
 * The calibrated match of hits (search/calibration.ts, search/hit-match.ts), the logistic fit the
 * bench calibrates it with (search/eval/fit-logistic.ts) and the P@5 of "tasks like this".
 */
import { describe, expect, it } from 'vitest';
import { matchOf, probability } from '../../search/calibration.js';
import { fitLogistic } from '../../search/eval/fit-logistic.js';
import { scoreSimilar } from '../../search/eval/similar-evaluate.js';
import { queryTerms } from '../../search/highlight.js';
import { queryCoverage, searchMatch } from '../../search/hit-match.js';

describe('matchOf', () => {
  const levels = { strong: 0.7, related: 0.4, partial: 0.1 };
  it('puts a probability in its level, or under the floor', () => {
    expect(matchOf(0.9, levels)?.level).toBe('strong');
    expect(matchOf(0.5, levels)?.level).toBe('related');
    expect(matchOf(0.1, levels)?.level).toBe('partial');
    expect(matchOf(0.05, levels)).toBeNull();
  });
});

describe('fitLogistic', () => {
  it('recovers the model that generated the labels', () => {
    // Deterministic "random" points; labels drawn from σ(-4 + 8x) with a fixed sequence.
    const xs = Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 1000) / 1000);
    const u = Array.from({ length: 2000 }, (_, i) => ((i * 104729) % 997) / 997);
    const ys = xs.map((x, i) => u[i]! < 1 / (1 + Math.exp(-(-4 + 8 * x))));
    const m = fitLogistic(xs.map((x) => [x]), ys);
    expect(m.weights[0]).toBeGreaterThan(6);
    expect(m.weights[0]).toBeLessThan(10);
    expect(probability(m, [0.5])).toBeGreaterThan(0.35);
    expect(probability(m, [0.5])).toBeLessThan(0.65);
  });
});

describe('queryCoverage', () => {
  it('counts the query words the item has, marks as typed, any marks when typed without', () => {
    const text = 'Hỗ trợ khởi nghiệp đổi mới sáng tạo và đa dạng hóa nguồn lực';
    expect(queryCoverage(queryTerms('khởi nghiệp'), text)).toBe(1);
    expect(queryCoverage(queryTerms('khoi nghiep'), text)).toBe(1);
    expect(queryCoverage(queryTerms('bóng đá'), text)).toBe(0); // "đa" is not "đá"
    expect(queryCoverage(queryTerms('khởi nghiệp và xyzqwv'), text)).toBeCloseTo(2 / 3);
  });

  it('floors a query that shares no word and little meaning with the item', () => {
    expect(searchMatch(0.8, 0)).toBeNull();
    expect(searchMatch(0.88, 1)?.level).toBe('strong');
  });
});

describe('scoreSimilar', () => {
  it('counts a short list’s missing places as misses, and says what was attainable', () => {
    const relevant = new Map([['a', 2], ['b', 1]]);
    const s = scoreSimilar(['a', 'x', 'b'], relevant);
    expect(s.p5).toBeCloseTo(2 / 5);
    expect(s.p5Attainable).toBe(1);
    expect(s.ndcg10).toBeGreaterThan(0.8);
    expect(s.ndcg10).toBeLessThan(1);
  });
});
