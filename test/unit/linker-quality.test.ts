/**
 * The task → directive linker: its quality on the hand-made gold set (test/fixtures/links/gold.json:
 * four provincial plans judged against the 14 directive paragraphs of 69-KL/TW, and Đồng Tháp's
 * 597/KH-UBND and 2597/QĐ-TTg judged against the 22 paragraphs of 57-NQ/TW part III; split once into a tuning and a
 * held-out part), the contract of linkTasks, and nearestDirectives. Pure: parses files, no database.
 *
 * Figures (bench/linker-eval.ts, lexical similarity at the defaults) are in bench/README.md. The
 * floors sit a little under them, so a change that costs links fails here and has to be justified
 * with the bench.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../graph-schema/index.js';
import { loadEvalCorpus } from '../../bench/linker-eval.js';
import { clausesOf, defaultLinkOptions, linkTasks, type LinkItem } from '../../ingest/link/link-tasks.js';
import { createLexicalSimilarity, lexicalSimilarity, syllableTerms } from '../../ingest/link/lexical-similarity.js';
import { evaluateLinker, judgedPairs, resolveGold, scoreLinks, type GoldSet } from '../../ingest/link/link-eval.js';
import { nearestDirectives } from '../../ingest/link/nearest-directives.js';
import type { TextSimilarity } from '../../ingest/link/similarity.js';

const FLOORS = { tuning: { f1: 0.78, precision: 0.8, recall: 0.76 }, 'held-out': { f1: 0.63, precision: 0.76, recall: 0.54 } };

const docs = loadEvalCorpus();
const kl69 = docs.find((d) => d.file.startsWith('000'))!.directives;

/** A similarity that returns a fixed score per (left text, right text) pair, 0 when not listed. */
function fixedSimilarity(scores: Record<string, Record<string, number>>): TextSimilarity {
  return {
    name: 'fixed',
    async matrix(left, right) {
      return left.map((l) => right.map((r) => scores[l]?.[r] ?? 0));
    },
  };
}

const item = (id: string, text: string, sectionTitles: string[] = []): LinkItem => ({ id, text, sectionTitles });

describe('linker quality on the gold set', () => {
  it('resolves every gold entry to one task, every task of its documents is judged, and the split is fixed', () => {
    expect(docs.map((d) => [d.file.split('/').pop()!.slice(0, 12), d.split])).toEqual([
      ['000_7e088304', 'tuning'],
      ['002_406f77f0', 'held-out'],
      ['003_2c04bff4', 'held-out'],
      ['004_d3aaec19', 'tuning'],
      ['tnt305__689f', 'held-out'],
      ['tnt305__ec00', 'tuning'],
    ]);
    expect(docs.reduce((a, d) => a + d.tasks.length, 0)).toBe(95 + 68 + 37);
    expect(kl69.map((d) => d.id.split('#')[1])).toEqual([
      '1.1', '1.2', '1.3', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2', '5.1', '5.2', '5.3', '6.1', '6.2',
    ]);
    const nq57 = docs.at(-1)!.directives;
    expect(nq57.map((d) => d.id.split('#')[1])).toHaveLength(22);
    // Groups 1 and 2 of part III as the resolution reads: bullets the PDF conversion left alone on their line are paragraphs.
    const opening = (id: string) => nq57.find((d) => d.id.endsWith(`#${id}`))?.text.slice(0, 30);
    expect(['iii.1.1', 'iii.1.2', 'iii.2.1', 'iii.2.2', 'iii.2.3'].map(opening)).toEqual([
      'Các cấp uỷ, tổ chức đảng, cán ',
      'Có chương trình tuyên truyền, ',
      'Khẩn trương sửa đổi, bổ sung, ',
      'Có cách tiếp cận mở, vận dụng ',
      'Thu hút, sử dụng có hiệu quả m',
    ]);
    const pairs = judgedPairs(docs);
    expect(pairs.positives + pairs.negatives).toBeGreaterThanOrEqual(300);
  });

  for (const split of ['tuning', 'held-out'] as const) {
    it(`the default lexical linker's ${split} scores stay above their floors`, async () => {
      const e = await evaluateLinker(docs, lexicalSimilarity, {}, split);
      expect(e.overall.f1).toBeGreaterThanOrEqual(FLOORS[split].f1);
      expect(e.overall.precision).toBeGreaterThanOrEqual(FLOORS[split].precision);
      expect(e.overall.recall).toBeGreaterThanOrEqual(FLOORS[split].recall);
    });
  }

  it('section alignment and the relative-score rule each earn their place on the tuning part', async () => {
    const base = await evaluateLinker(docs, lexicalSimilarity, {}, 'tuning');
    const noSection = await evaluateLinker(docs, lexicalSimilarity, { sectionWeight: 0 }, 'tuning');
    const noRelative = await evaluateLinker(docs, lexicalSimilarity, { minRelativeScore: 0 }, 'tuning');
    expect(base.overall.f1).toBeGreaterThan(noSection.overall.f1);
    expect(base.overall.f1).toBeGreaterThan(noRelative.overall.f1);
  });

  it('scores are in [0, 1] and respect the default threshold, maxLinks and one link per clause', async () => {
    const e = await evaluateLinker(docs, lexicalSimilarity);
    expect(e.links.length).toBeGreaterThan(0);
    const perTask = new Map<string, number>();
    for (const l of e.links) {
      expect(l.score).toBeGreaterThanOrEqual(defaultLinkOptions.threshold);
      expect(l.score).toBeLessThanOrEqual(1);
      perTask.set(l.taskId, (perTask.get(l.taskId) ?? 0) + 1);
    }
    const text = new Map(docs.flatMap((d) => d.tasks.map((t) => [t.id, t.text] as const)));
    for (const [id, n] of perTask) expect(n).toBeLessThanOrEqual(defaultLinkOptions.maxLinks + clausesOf(text.get(id)!).length);
  });

  it('a gold entry that matches no task, or names an item of another document, fails loudly', () => {
    const directive = { id: 'x', items: [{ id: 'x#1', text: 'd', sectionTitles: [], isDirective: true }], document: { id: 'x' } };
    const plan = { items: [{ id: 'a#1', text: 'Một nhiệm vụ', sectionTitles: [], isTask: true }], document: { id: 'a' } };
    const records = new Map([
      ['a.txt', plan as unknown as DocumentRecord],
      ['x.md', directive as unknown as DocumentRecord],
    ]);
    const gold = (start: string, directives: string[]): GoldSet => ({
      directiveDocument: 'x',
      directiveFile: 'x.md',
      documents: [{ file: 'a.txt', split: 'tuning', tasks: [{ start, directives }] }],
    });
    expect(() => resolveGold(gold('Không có nhiệm vụ này', []), records)).toThrow(/no task/);
    expect(() => resolveGold(gold('Một nhiệm vụ', ['y#1']), records)).toThrow(/no directive item/);
    expect(resolveGold(gold('Một nhiệm vụ', ['x#1']), records)[0]!.gold.get('a#1')).toEqual(new Set(['x#1']));
  });
});

describe('nearestDirectives', () => {
  const c = (documentId: string, id = `${documentId}#1`) => ({ id, documentId });
  it('drops the candidates of a document another candidate document carries on, through intermediate plans too', () => {
    const candidates = [c('kl69'), c('nq20'), c('kl69', 'kl69#2')];
    expect(nearestDirectives(candidates, [['kl69', 'nq20']]).map((x) => x.id)).toEqual(['kl69#1', 'kl69#2']);
    // 3229 → 245 → 69 → 20 as the plan states it, 69 → 20 from the graph: 20 is dropped.
    expect(nearestDirectives(candidates, [['p3229', 'kh245'], ['kh245', 'kl69'], ['kl69', 'nq20']]).map((x) => x.documentId)).toEqual(['kl69', 'kl69']);
  });
  it('keeps parallel parents and everything when nothing links them', () => {
    const candidates = [c('kl69'), c('nq57')];
    expect(nearestDirectives(candidates, [])).toEqual(candidates);
    expect(nearestDirectives(candidates, [['kl69', 'nq20'], ['nq57', 'nq20']])).toEqual(candidates);
    // A cycle in bad data does not hang, and neither side is dropped.
    expect(nearestDirectives([c('a'), c('b')], [['a', 'b'], ['b', 'a']])).toHaveLength(2);
  });
});

describe('linkTasks', () => {
  it('splits a task into clauses of eight words or more, none when it has one', () => {
    expect(clausesOf('Một câu duy nhất có đủ tám chữ ở đây.')).toEqual([]);
    expect(clausesOf('Tăng cường hợp tác với các viện trong nước. Khuyến khích liên doanh với doanh nghiệp nước ngoài đầu tư.')).toEqual([
      'Tăng cường hợp tác với các viện trong nước.',
      'Khuyến khích liên doanh với doanh nghiệp nước ngoài đầu tư.',
    ]);
    // Short pieces ("a) Nội dung;") are no clauses of their own.
    expect(clausesOf('Ngắn; Tăng cường hợp tác với các viện trong nước và ngoài nước; Khuyến khích liên doanh với doanh nghiệp nước ngoài')).toHaveLength(2);
  });

  it('adds the paragraph a clause matches best when the whole text is dominated by another (clauseThreshold)', async () => {
    const whole = 'Hợp tác với các viện trong nước và ngoài nước. Khuyến khích liên doanh với doanh nghiệp nước ngoài đầu tư.';
    const [c1, c2] = clausesOf(whole);
    const sim = fixedSimilarity({
      [whole]: { coop: 0.2, joint: 0.8 },
      [c1!]: { coop: 0.5, joint: 0.1 },
      [c2!]: { coop: 0.1, joint: 0.9 },
    });
    const t = [item('t#1', whole)];
    const d = [item('d#6.1', 'coop'), item('d#6.2', 'joint')];
    const base = { sectionWeight: 0, threshold: 0.1, maxLinks: 2, minRelativeScore: 0.9 };
    expect((await linkTasks(t, d, sim, { ...base, clauseThreshold: Infinity })).map((l) => l.directiveId)).toEqual(['d#6.2']);
    const withClauses = await linkTasks(t, d, sim, { ...base, clauseThreshold: 0.3 });
    expect(withClauses.map((l) => [l.directiveId, l.score])).toEqual([
      ['d#6.2', 0.8],
      ['d#6.1', 0.5],
    ]);
    expect(await linkTasks(t, d, sim, { ...base, clauseThreshold: 0.6 })).toHaveLength(1);
  });

  const tasks = [item('t#1', 'task one'), item('t#2', 'task two')];
  const directives = [item('d#1', 'dir a'), item('d#2', 'dir b'), item('d#3', 'dir c')];
  const sim = fixedSimilarity({
    'task one': { 'dir a': 0.9, 'dir b': 0.85, 'dir c': 0.3 },
    'task two': { 'dir a': 0.1, 'dir b': 0.12, 'dir c': 0.05 },
  });
  const textOnly = { sectionWeight: 0, minRelativeScore: 0 };

  it('makes no link without candidates or without tasks', async () => {
    expect(await linkTasks(tasks, [], sim)).toEqual([]);
    expect(await linkTasks([], directives, sim)).toEqual([]);
    expect(await linkTasks(docs[0]!.tasks, [], lexicalSimilarity)).toEqual([]);
  });

  it('makes no link below the threshold', async () => {
    const links = await linkTasks(tasks, directives, sim, { ...textOnly, threshold: 0.2, maxLinks: 3 });
    expect(links.map((l) => [l.taskId, l.directiveId])).toEqual([
      ['t#1', 'd#1'],
      ['t#1', 'd#2'],
      ['t#1', 'd#3'],
    ]);
    expect(await linkTasks(tasks, directives, sim, { ...textOnly, threshold: 0.95 })).toEqual([]);
  });

  it('keeps at most maxLinks per task, best first', async () => {
    for (const maxLinks of [1, 2, 3]) {
      const links = await linkTasks(tasks, directives, sim, { ...textOnly, threshold: 0, maxLinks });
      for (const t of tasks) {
        const own = links.filter((l) => l.taskId === t.id);
        expect(own.length).toBe(maxLinks);
        expect(own.map((l) => l.score)).toEqual([...own.map((l) => l.score)].sort((a, b) => b - a));
      }
    }
    const one = await linkTasks(tasks, directives, sim, { ...textOnly, threshold: 0, maxLinks: 1 });
    expect(one.map((l) => l.directiveId)).toEqual(['d#1', 'd#2']);
  });

  it('drops further links far below the best one (minRelativeScore)', async () => {
    const links = await linkTasks(tasks, directives, sim, { sectionWeight: 0, threshold: 0.2, maxLinks: 3, minRelativeScore: 0.9 });
    // 0.85 >= 0.9 × 0.9 stays, 0.3 does not.
    expect(links.map((l) => l.directiveId)).toEqual(['d#1', 'd#2']);
  });

  it('mixes in section alignment by the best-matching heading', async () => {
    const t = [item('t#1', 'body', ['NHIỆM VỤ', 'heading A'])];
    const d = [item('d#1', 'x', ['heading A']), item('d#2', 'y', ['heading B'])];
    const s = fixedSimilarity({ body: { x: 0.2, y: 0.4 }, 'heading A': { 'heading A': 1 } });
    const links = await linkTasks(t, d, s, { sectionWeight: 0.5, threshold: 0, maxLinks: 2, minRelativeScore: 0 });
    expect(links.map((l) => [l.directiveId, l.score])).toEqual([
      ['d#1', 0.6],
      ['d#2', 0.2],
    ]);
    expect(links[0]!.method).toBe('fixed+section');
  });

  it('ignores the headings every candidate of a document shares', async () => {
    const t = [item('t#1', 'body', ['NHIỆM VỤ', 'A'])];
    const d = [item('p#1', 'x', ['NHIỆM VỤ', 'A']), item('p#2', 'y', ['NHIỆM VỤ', 'B'])];
    const s = fixedSimilarity({ 'NHIỆM VỤ': { 'NHIỆM VỤ': 1 }, A: { A: 1 } });
    const links = await linkTasks(t, d, s, { sectionWeight: 1, threshold: 0.5, maxLinks: 2, minRelativeScore: 0 });
    expect(links.map((l) => l.directiveId)).toEqual(['p#1']);
  });

  it('scores every link in [0, 1] on real text, whatever the options', async () => {
    for (const opts of [{}, { sectionWeight: 0 }, { sectionWeight: 1 }, { threshold: 0, maxLinks: 14, minRelativeScore: 0 }]) {
      for (const doc of docs) {
        const links = await linkTasks(doc.tasks, doc.directives, lexicalSimilarity, opts);
        for (const l of links) {
          expect(l.score).toBeGreaterThanOrEqual(0);
          expect(l.score).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

describe('lexical similarity', () => {
  it('scores a text against itself 1 and texts with no term in common 0', async () => {
    const m = await lexicalSimilarity.matrix(['khởi nghiệp sáng tạo', 'hợp tác quốc tế'], ['khởi nghiệp sáng tạo', 'sàn giao dịch']);
    expect(m[0]![0]).toBeCloseTo(1, 6);
    expect(m[1]![1]).toBe(0);
  });

  it('folds tone marks and keeps content bigrams next to stop syllables', () => {
    expect(syllableTerms('Công nghệ cao', new Set(['cong', 'nghe']))).toEqual(['cao', 'nghe_cao']);
    expect(syllableTerms('Khởi nghiệp')).toEqual(['khoi', 'nghiep', 'khoi_nghiep']);
    expect(syllableTerms('của các', new Set(['cua', 'cac']))).toEqual([]);
  });

  it('counts the IDF over the candidates: a task word no candidate uses does not dilute the score', async () => {
    const right = ['chia sẻ dữ liệu quốc gia', 'hợp tác quốc tế', 'khởi nghiệp sáng tạo'];
    const [plain] = await lexicalSimilarity.matrix(['chia sẻ dữ liệu'], right);
    const [padded] = await lexicalSimilarity.matrix(['chia sẻ dữ liệu kết cấu hạ tầng giao thông đường thủy'], right);
    expect(padded![0]).toBeCloseTo(plain![0]!, 6);
    // Counted over both sides the padding words weigh in the task's norm, and the score drops.
    const [both] = await createLexicalSimilarity({ idfFrom: 'both' }).matrix(['chia sẻ dữ liệu kết cấu hạ tầng giao thông đường thủy'], right);
    expect(both![0]).toBeLessThan(padded![0]! / 2);
  });

  it('on 2597/QĐ-TTg, a data-catalogue task scores its data paragraph (57-NQ/TW III.3.6) first and above the threshold', async () => {
    // 2597 III.2.a: standard data catalogues "phục vụ liên thông dữ liệu giữa trung ương và địa
    // phương"; III.3.6: "dữ liệu của bộ, ngành, địa phương bảo đảm liên thông, tích hợp, chia sẻ".
    const plan = docs.find((d) => d.file.includes('tnt305__ec00'))!;
    const task = plan.tasks.find((t) => t.text.startsWith('Chuẩn hóa các danh mục dữ liệu'))!;
    const [row] = await lexicalSimilarity.matrix([task.text], plan.directives.map((d) => d.text));
    const best = row!.indexOf(Math.max(...row!));
    expect(plan.directives[best]!.id).toBe('vn/tw/nq/57/2024#iii.3.6');
    expect(row![best]).toBeGreaterThan(defaultLinkOptions.threshold);
  });

  it('without a stop list it still ranks the copied paragraph first', async () => {
    const plain = createLexicalSimilarity({ stop: new Set() });
    const task = 'Khuyến khích liên doanh, liên kết, chuyển giao công nghệ giữa các tổ chức, doanh nghiệp trong nước với doanh nghiệp nước ngoài';
    const [row] = await plain.matrix([task], kl69.map((d) => d.text));
    const best = row!.indexOf(Math.max(...row!));
    expect(kl69[best]!.id).toBe('vn/tw/kl/69/2024#6.2');
  });
});

describe('scoring', () => {
  it('counts pairs: a missing gold pair is a false negative, an extra link a false positive', () => {
    const gold = new Map([
      ['t1', new Set(['a', 'b'])],
      ['t2', new Set<string>()],
    ]);
    const s = scoreLinks(
      [
        { taskId: 't1', directiveId: 'a', score: 1, method: 'm' },
        { taskId: 't2', directiveId: 'c', score: 1, method: 'm' },
        { taskId: 'not-in-gold', directiveId: 'a', score: 1, method: 'm' },
      ],
      gold,
    );
    expect([s.tp, s.fp, s.fn]).toEqual([1, 1, 1]);
    expect(s.f1).toBeCloseTo(0.5, 6);
  });
});
