import { describe, expect, it } from 'vitest';
import { LexicalIndex, lexicalTerms } from '../../search/lexical-index.js';

const doc = (id: string, text: string, titles = '', version = 'v1') => ({ id, text, titles, version });

function corpus(): LexicalIndex {
  const index = new LexicalIndex();
  index.add(doc('a', 'Phát triển khoa học, công nghệ và đổi mới sáng tạo'));
  index.add(doc('b', 'Hỗ trợ doanh nghiệp khởi nghiệp đổi mới sáng tạo'));
  index.add(doc('c', 'Xây dựng hạ tầng số, chuyển đổi số trong cơ quan nhà nước'));
  index.add(doc('d', 'Đào tạo nhân lực công nghệ cao', 'Phát triển nguồn nhân lực'));
  return index;
}

describe('lexicalTerms', () => {
  it('folds tone marks and adds adjacent pairs', () => {
    expect(lexicalTerms('Khởi nghiệp, đổi mới')).toEqual(['khoi', 'nghiep', 'doi', 'moi', 'khoi nghiep', 'nghiep doi', 'doi moi']);
  });
  it('cuts at the syllables asked for', () => {
    expect(lexicalTerms('một hai ba', 2)).toEqual(['mot', 'hai', 'mot hai']);
  });
});

describe('LexicalIndex', () => {
  it('finds by folded words, typed with or without marks', () => {
    const index = corpus();
    expect(index.search('khoi nghiep', 10).map((h) => h.id)).toEqual(['b']);
    expect(index.search('khởi nghiệp', 10).map((h) => h.id)).toEqual(['b']);
  });

  it('ranks an item with the phrase above one with its syllables apart', () => {
    const index = new LexicalIndex();
    index.add(doc('apart', 'sáng kiến về đổi mới cơ chế tạo nguồn'));
    index.add(doc('phrase', 'đổi mới sáng tạo trong doanh nghiệp'));
    index.add(doc('other', 'quy hoạch đô thị'));
    expect(index.search('sáng tạo', 10).map((h) => h.id)).toEqual(['phrase', 'apart']);
  });

  it('weighs headings below the text', () => {
    const index = corpus();
    // "nhân lực" is in d's text and heading; nowhere else.
    expect(index.search('nhân lực', 10).map((h) => h.id)).toEqual(['d']);
    const withHeading = index.search('nguồn nhân lực', 10, undefined, { titleWeight: 0.3 })[0]!.score;
    const headingIgnored = index.search('nguồn nhân lực', 10, undefined, { titleWeight: 0 })[0]!.score;
    expect(withHeading).toBeGreaterThan(headingIgnored);
  });

  it('keeps no stop words: "thể" (folded "the") and "tổ" ("to") find their items', () => {
    const index = new LexicalIndex();
    index.add(doc('x', 'Kiện toàn tổ chức bộ máy'));
    index.add(doc('y', 'Cụ thể hóa các chủ trương'));
    expect(index.search('tổ chức', 5).map((h) => h.id)).toEqual(['x']);
    expect(index.search('cụ thể', 5).map((h) => h.id)).toEqual(['y']);
  });

  it('returns the k best, best first, only among the allowed', () => {
    const index = corpus();
    const all = index.search('đổi mới sáng tạo công nghệ', 10);
    // c has "đổi" (chuyển đổi số) and nothing else of the query.
    expect(all.map((h) => h.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(all.at(-1)!.id).toBe('c');
    expect(all.map((h) => h.score)).toEqual([...all.map((h) => h.score)].sort((x, y) => y - x));
    expect(index.search('đổi mới sáng tạo công nghệ', 1)).toEqual(all.slice(0, 1));
    expect(index.search('đổi mới sáng tạo công nghệ', 10, new Set(['b', 'c'])).map((h) => h.id)).toEqual(['b', 'c']);
  });

  it('forgets removed documents, and replaces a document added again', () => {
    const index = corpus();
    expect(index.remove('b')).toBe(true);
    expect(index.search('khởi nghiệp', 10)).toEqual([]);
    index.add(doc('a', 'Khởi nghiệp sáng tạo', '', 'v2'));
    expect(index.search('khởi nghiệp', 10).map((h) => h.id)).toEqual(['a']);
    expect(index.search('khoa học', 10)).toEqual([]);
    expect(index.versionOf('a')).toBe('v2');
    expect(index.size).toBe(3);
    expect(index.dead).toBe(2);
  });

  it('ranks the same after compacting as an index built without the removed documents', () => {
    const index = corpus();
    index.remove('a');
    index.remove('c');
    index.compact();
    expect(index.dead).toBe(0);
    const fresh = new LexicalIndex();
    fresh.add(doc('b', 'Hỗ trợ doanh nghiệp khởi nghiệp đổi mới sáng tạo'));
    fresh.add(doc('d', 'Đào tạo nhân lực công nghệ cao', 'Phát triển nguồn nhân lực'));
    for (const q of ['đổi mới sáng tạo', 'công nghệ cao', 'phát triển nhân lực']) expect(index.search(q, 10)).toEqual(fresh.search(q, 10));
    index.add(doc('e', 'Khởi nghiệp trong thanh niên'));
    expect(index.search('khởi nghiệp', 10).map((h) => h.id)).toEqual(['e', 'b']);
  });

  it('ranks alike whether few postings are read (documents listed) or many (every document scanned)', () => {
    const index = new LexicalIndex();
    // 400 items share "kế hoạch"; the shorter an item, the higher BM25 ranks it for that word.
    for (let i = 0; i < 400; i++) index.add(doc(`d${String(i).padStart(3, '0')}`, `kế hoạch ${'triển khai '.repeat(1 + (i % 50))}`));
    index.add(doc('rare1', 'kế hoạch ứng dụng trí tuệ nhân tạo'));
    index.add(doc('rare2', 'trí tuệ nhân tạo trong y tế và giáo dục, các nền tảng số dùng chung'));
    // Few postings: the two items with the words, the shorter first.
    expect(index.search('trí tuệ nhân tạo', 10).map((h) => h.id)).toEqual(['rare1', 'rare2']);
    // Many postings: the shortest items with "kế hoạch" (one "triển khai": d000, d050, …, d350, then rare1).
    const top = index.search('kế hoạch', 8).map((h) => h.id);
    expect(top).toEqual(['d000', 'd050', 'd100', 'd150', 'd200', 'd250', 'd300', 'd350']);
    expect(index.search('kế hoạch', 8, new Set(['rare2']))).toEqual([]);
    expect(index.search('kế hoạch', 8, new Set(['d001', 'd399', 'd051'])).map((h) => h.id)).toEqual(['d001', 'd051', 'd399']);
  });

  it('admits what the same allowed set names after documents come and go', () => {
    const index = corpus();
    const allowed = new Set(['b', 'e']);
    expect(index.search('khởi nghiệp', 10, allowed).map((h) => h.id)).toEqual(['b']);
    index.add(doc('e', 'Khởi nghiệp trong thanh niên'));
    expect(index.search('khởi nghiệp', 10, allowed).map((h) => h.id)).toEqual(['e', 'b']);
    index.remove('b');
    expect(index.search('khởi nghiệp', 10, allowed).map((h) => h.id)).toEqual(['e']);
    index.compact();
    expect(index.search('khởi nghiệp', 10, allowed).map((h) => h.id)).toEqual(['e']);
  });

  it('gives nothing for a query with no words or no match', () => {
    const index = corpus();
    expect(index.search('  ;; ', 10)).toEqual([]);
    expect(index.search('xyzqwv', 10)).toEqual([]);
  });
});
