import { describe, expect, it } from 'vitest';
import type { SearchItemRow } from '../../graph-store/search-reads.js';
import { IndexedItems } from '../../search/indexed-items.js';

const row = (id: string, text: string, documentTitle = 'Kế hoạch'): SearchItemRow => ({
  id,
  documentId: id.slice(0, id.indexOf('#')),
  documentNumber: '1/KH-UBND',
  documentTitle,
  province: 'Đồng Tháp',
  level: 'province',
  text,
  sectionPath: ['1'],
  sectionTitles: ['Nhiệm vụ'],
  lineStart: 1,
  lineEnd: 1,
  isTask: true,
  isDirective: false,
  leads: [],
});

/** A vector index's ids and fingerprints, and the graph's rows, as plain maps; every read recorded. */
function world() {
  const fingerprints = new Map([
    ['d1#a', 'fa'],
    ['d2#b', 'fb'],
  ]);
  const graph = new Map([
    ['d1#a', row('d1#a', 'chuyển đổi số')],
    ['d2#b', row('d2#b', 'khởi nghiệp')],
    ['d3#z', row('d3#z', 'mục chưa có vector')],
  ]);
  const reads: unknown[] = [];
  const source = {
    ofItems: async (ids?: string[]) => {
      reads.push(ids ?? 'all');
      return [...graph.values()].filter((r) => !ids || ids.includes(r.id));
    },
    ofDocuments: async (docs: string[]) => {
      reads.push({ documents: docs });
      return [...graph.values()].filter((r) => docs.includes(r.documentId));
    },
  };
  const followed = { ids: () => fingerprints.keys(), fingerprintOf: (id: string) => fingerprints.get(id) };
  return { fingerprints, graph, reads, items: new IndexedItems(followed, source) };
}

describe('IndexedItems', () => {
  it('holds what the vector index holds, at its versions, words and rows', async () => {
    const w = world();
    await w.items.ready();
    expect(w.reads).toEqual([['d1#a', 'd2#b']]);
    expect(w.items.row('d1#a')?.text).toBe('chuyển đổi số');
    expect(w.items.row('d3#z')).toBeUndefined();
    // b's text changed (new fingerprint), c arrived, a left.
    w.graph.set('d2#b', row('d2#b', 'hạ tầng số'));
    w.graph.set('d4#c', row('d4#c', 'khởi nghiệp'));
    w.fingerprints.set('d2#b', 'fb2');
    w.fingerprints.set('d4#c', 'fc');
    w.fingerprints.delete('d1#a');
    const caught = await w.items.catchUp();
    expect(caught).toEqual({ readAll: false, documents: new Set(['d1', 'd2', 'd4']) });
    expect(w.reads.at(-1)).toEqual(['d2#b', 'd4#c']);
    expect(w.items.words.search('khởi nghiệp', 5).map((h) => h.id)).toEqual(['d4#c']);
    expect(w.items.words.search('hạ tầng', 5).map((h) => h.id)).toEqual(['d2#b']);
    expect(w.items.words.search('chuyển đổi', 5)).toEqual([]);
    expect(w.items.row('d1#a')).toBeUndefined();
    expect(w.items.row('d2#b')?.text).toBe('hạ tầng số');
  });

  it("reads again the rows of a write's documents, without adding items the index lacks", async () => {
    const w = world();
    await w.items.ready();
    w.graph.set('d1#a', row('d1#a', 'chuyển đổi số', 'Kế hoạch (sửa đổi)'));
    w.graph.set('d1#new', row('d1#new', 'mục mới chưa đồng bộ'));
    await w.items.refresh(['d1']);
    expect(w.reads.at(-1)).toEqual({ documents: ['d1'] });
    expect(w.items.row('d1#a')?.documentTitle).toBe('Kế hoạch (sửa đổi)');
    expect(w.items.row('d1#new')).toBeUndefined();
  });

  it('tries the first reading again after it failed', async () => {
    const w = world();
    let fail = true;
    const items = new IndexedItems(
      { ids: () => w.fingerprints.keys(), fingerprintOf: (id) => w.fingerprints.get(id) },
      {
        ofItems: async () => {
          if (fail) throw new Error('database down');
          return [...w.graph.values()];
        },
        ofDocuments: async () => [],
      },
    );
    await expect(items.ready()).rejects.toThrow('database down');
    fail = false;
    await items.ready();
    expect(items.words.search('chuyen doi', 5).map((h) => h.id)).toEqual(['d1#a']);
  });
});
