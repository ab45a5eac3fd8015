/**
 * The pure parts of link review: the review queue's order (graph-store/review-rank.ts), when a
 * review is stale (graph-store/link-evidence.ts), and what a review request must hold
 * (api-schema/reviews.ts). Expected values worked out by hand from the rules' comments.
 */
import { describe, expect, it } from 'vitest';
import { reviewAsShown, taskTextHash } from '../../graph-store/link-evidence.js';
import { rankQueue, unlinkedPriority, weakLinkPriority } from '../../graph-store/review-rank.js';
import { ReviewBody } from '../../api-schema/reviews.js';

const o = { threshold: 0.15, margin: 0.1 };

describe('review queue order', () => {
  it('scores a lone link at the threshold as one sure flip, one at threshold + margin as half', () => {
    expect(weakLinkPriority({ score: 0.15, cellTasks: 1 }, o)).toBeCloseTo(1);
    expect(weakLinkPriority({ score: 0.2, cellTasks: 1 }, o)).toBeCloseTo(0.75);
    expect(weakLinkPriority({ score: 0.25, cellTasks: 1 }, o)).toBeCloseTo(0.5);
  });

  it('scores a link among n tasks of its cell by 1/n, halved: it cannot empty the cell', () => {
    expect(weakLinkPriority({ score: 0.15, cellTasks: 2 }, o)).toBeCloseTo(0.25);
    expect(weakLinkPriority({ score: 0.15, cellTasks: 4 }, o)).toBeCloseTo(0.125);
  });

  it('scores a task with no link by half the share of its province\'s empty cells', () => {
    expect(unlinkedPriority({ gapShare: 0.5 })).toBeCloseTo(0.25);
    expect(unlinkedPriority({ gapShare: 0 })).toBe(0);
  });

  it('orders the queue: cells held up by one weak link, then the rest; leaves out links far above the threshold', () => {
    const q = rankQueue(
      [
        { taskId: 'a', directiveId: 'd1', province: 'P', score: 0.24, cellTasks: 1 },
        { taskId: 'b', directiveId: 'd2', province: 'P', score: 0.16, cellTasks: 3 },
        { taskId: 'c', directiveId: 'd3', province: 'P', score: 0.17, cellTasks: 1 },
        { taskId: 'far', directiveId: 'd4', province: 'P', score: 0.6, cellTasks: 1 },
      ],
      [{ taskId: 'u', province: 'P', gapShare: 0.8 }],
      o,
    );
    expect(q.map((e) => [e.kind, e.taskId])).toEqual([
      ['single-weak-link', 'c'], // 0.5 + 0.5 × 0.8 = 0.9
      ['single-weak-link', 'a'], // 0.5 + 0.5 × 0.1 = 0.55
      ['unlinked', 'u'], // 0.4
      ['near-threshold', 'b'], // (0.5 + 0.5 × 0.9) / 3 × 0.5 ≈ 0.158
    ]);
    expect(q[0]!.priority).toBe(0.9);
  });
});

describe('stale reviews', () => {
  const review = { decision: 'add' as const, reviewer: 'A', comment: null, at: '2026-01-01T00:00:00.000Z', taskTextHash: taskTextHash('Đẩy mạnh hợp tác quốc tế.') };

  it('is not stale on the text reviewed, even re-wrapped', () => {
    expect(reviewAsShown(review, 'Đẩy mạnh  hợp tác\nquốc tế.')?.stale).toBe(false);
    // The same letters composed differently (NFD) are the same text.
    expect(reviewAsShown(review, 'Đẩy mạnh hợp tác quốc tế.'.normalize('NFD'))?.stale).toBe(false);
  });

  it('is stale when a word changed', () => {
    expect(reviewAsShown(review, 'Đẩy mạnh hợp tác trong nước.')?.stale).toBe(true);
  });

  it('shows no review when there is none', () => {
    expect(reviewAsShown(null, 'x')).toBeNull();
  });
});

describe('review request', () => {
  const ok = { taskId: 't#1', directiveId: 'd#6.1', decision: 'reject', reviewer: ' Nguyễn Văn A ' };

  it('takes a decision with a reviewer, trimmed', () => {
    expect(ReviewBody.parse(ok)).toEqual({ ...ok, reviewer: 'Nguyễn Văn A' });
  });

  it.each([
    [{ ...ok, reviewer: '   ' }, 'reviewer'],
    [{ ...ok, reviewer: undefined }, 'reviewer'],
    [{ ...ok, decision: 'maybe' }, 'decision'],
    [{ ...ok, taskId: '' }, 'taskId'],
    [{ ...ok, comment: 'x'.repeat(2001) }, 'comment'],
    [{ ...ok, score: 1 }, ''],
  ])('refuses %j', (body, path) => {
    const r = ReviewBody.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('the directive picker\'s search', () => {
  it('finds Vietnamese text typed without tones, đ as d', async () => {
    const { fold } = await import('../../web/src/review-ui.js');
    expect(fold('Thúc đẩy hội nhập sâu rộng')).toBe('thuc day hoi nhap sau rong');
    expect(fold('Thúc đẩy hội nhập').includes(fold('hoi nhap'))).toBe(true);
    expect(fold('Đẩy mạnh'.normalize('NFD'))).toBe('day manh');
  });
});

describe('review errors in Vietnamese', () => {
  it('says a missing reviewer and a read-only server in words', async () => {
    const { errorDetail } = await import('../../web/src/error-text.js');
    expect(errorDetail('invalid body: reviewer: reviewer is required')).toBe('Cần nhập tên người duyệt.');
    expect(errorDetail('writes are disabled: the server was started without API_TOKEN')).toContain('duyệt liên kết');
    expect(errorDetail('no directive item with id "x#1"')).toContain('mục chỉ đạo');
  });
});
