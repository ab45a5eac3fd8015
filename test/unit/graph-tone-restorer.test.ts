/**
 * The tone model following the graph (search/restore-tones.ts GraphToneRestorer): built once,
 * then told of what each sync added, read and counted in without reading the whole graph again.
 * The graph here is a map of item texts; on the real stack it is Neo4j (search-relevance tests).
 */
import { describe, expect, it } from 'vitest';
import { GraphToneRestorer } from '../../search/restore-tones.js';

function graph(texts: Record<string, string>) {
  const reads: (string[] | 'all')[] = [];
  return {
    texts,
    reads,
    itemTexts: async (ids?: string[]) => {
      reads.push(ids ?? 'all');
      return (ids ?? Object.keys(texts)).filter((id) => id in texts).map((id) => ({ text: texts[id]!, titles: '' }));
    },
  };
}

/** Lets background work (the update started by a query) finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('GraphToneRestorer', () => {
  it('restores marks from the graph, read once, and a query before any build waits for it', async () => {
    const g = graph({ a: 'Hỗ trợ khởi nghiệp đổi mới sáng tạo', b: 'Phát triển thị trường khoa học' });
    const tones = new GraphToneRestorer(g.itemTexts);
    expect(await tones.restore('khoi nghiep doi moi sang tao')).toBe('khởi nghiệp đổi mới sáng tạo');
    expect(await tones.restore('thi truong khoa hoc')).toBe('thị trường khoa học');
    expect(g.reads).toEqual(['all']);
  });

  it("counts in the items a sync added by reading only them, after the query that finds them pending", async () => {
    const g = graph(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`x${i}`, 'Phát triển thị trường khoa học'])));
    const tones = new GraphToneRestorer(g.itemTexts);
    await tones.warm();
    expect(await tones.restore('chuyen doi so')).toBe('chuyen doi so'); // the graph has no such words yet
    g.texts.new1 = 'Đẩy mạnh chuyển đổi số';
    tones.changed(['new1'], 0);
    // This query is served by the model as it was; the update runs behind it.
    expect(await tones.restore('chuyen doi so')).toBe('chuyen doi so');
    await settle();
    expect(await tones.restore('chuyen doi so')).toBe('chuyển đổi số');
    expect(g.reads).toEqual(['all', ['new1']]);
  });

  it('reads the whole graph again once a fifth of it has changed', async () => {
    const g = graph(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x${i}`, 'Phát triển thị trường khoa học'])));
    const tones = new GraphToneRestorer(g.itemTexts);
    await tones.warm();
    g.texts.n1 = 'Đẩy mạnh chuyển đổi số';
    tones.changed(['n1'], 2); // 3 of 10 changed
    await tones.restore('khoa hoc');
    await settle();
    expect(g.reads).toEqual(['all', 'all']);
    expect(await tones.restore('chuyen doi so')).toBe('chuyển đổi số');
  });

  it('tries a failed update again after a later query, serving the old model meanwhile', async () => {
    const g = graph(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`x${i}`, 'Phát triển thị trường khoa học'])));
    let fail = false;
    const tones = new GraphToneRestorer(async (ids) => {
      if (fail) throw new Error('the database did not answer');
      return g.itemTexts(ids);
    });
    await tones.warm();
    g.texts.n1 = 'Đẩy mạnh chuyển đổi số';
    tones.changed(['n1'], 0);
    fail = true;
    expect(await tones.restore('khoa hoc')).toBe('khoa học');
    await settle();
    fail = false;
    await tones.restore('khoa hoc');
    await settle();
    expect(await tones.restore('chuyen doi so')).toBe('chuyển đổi số');
  });
});
