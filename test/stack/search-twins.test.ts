/**
 * One hit per text of a province (search/twins.ts), on real documents of data/wild: 03/NQ-CP
 * (vnmasterplan__NQCP03__Kehoachgoc.md, with its Phụ lục II), the same Phụ lục II crawled as a
 * file of its own (…NQ03_PL2_Nhiem_vu.md: no number, as portals serve appendices), the Government
 * Office's notice 624/TB-VPCP, which restates tasks of that appendix, and Bắc Ninh's 144/KH-UBND.
 * Before, a search for the atomic-energy law listed 03/NQ-CP's row 15 and the appendix file's row
 * 15 one under the other, "tasks like this" of Bắc Ninh's tasks listed such pairs and triples,
 * and "tasks like this" of 03/NQ-CP's row offered its copy in the appendix file first.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/paths.js';
import { logger } from '../../core/logger.js';
import type { HybridSearchService } from '../../search/service.js';
import type { SearchHit } from '../../search/types.js';
import { searchOver, type SearchOver } from '../helpers/search-over.js';

logger.level = 'error';

const WILD = join(REPO_ROOT, 'data/wild/docs');
const FILES = ['vnmasterplan__NQCP03__Kehoachgoc.md', 'vnmasterplan__NQCP03__NQ03_PL2_Nhiem_vu.md', 'tnt305__74e2ddc7b11340da.md', 'tnt305__ad5aff6c13929815.md'];

let opened: SearchOver;
let service: HybridSearchService;

beforeAll(async () => {
  opened = await searchOver(FILES.map((f) => join(WILD, f)));
  ({ service } = opened);
});

afterAll(() => opened.close());

/** Hits that show the same text (its first 80 characters, spaces and case aside) as another hit of their province. */
function repeated(hits: SearchHit[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const h of hits) {
    const key = `${h.item.province} ${h.item.text.toLowerCase().replace(/[\s,.;:]+/g, ' ').slice(0, 80)}`;
    if (seen.has(key)) out.push(key);
    seen.add(key);
  }
  return out;
}

describe('one hit per text', () => {
  it('shows the appendix row once, naming where else it is written', async () => {
    const hits = await service.search('luat nang luong nguyen tu', { kind: 'any' }, 10);
    const law = hits.filter((h) => h.item.text.startsWith('Dự án Luật Năng lượng nguyên tử'));
    expect(law).toHaveLength(1);
    expect(hits[0]).toBe(law[0]);
    // Row 15 of Phụ lục II, in 03/NQ-CP (line 408) and in the appendix file (line 25).
    const [where] = law;
    const places = [where!.item, ...where!.alsoIn].map((p) => `${p.documentNumber ?? 'no number'} ${p.sectionPath.at(-1)}`).sort();
    expect(places).toEqual(['03/NQ-CP 15', 'no number 15']);
    expect(repeated(hits)).toEqual([]);
  });

  it('lists a central task once among the tasks like a province task, its copies named with it', async () => {
    // Bắc Ninh's "b) Triển khai cơ chế thử nghiệm" (144/KH-UBND, III.1.b, line 179).
    const [source] = (await service.search('Triển khai cơ chế thử nghiệm', { kind: 'task', province: 'Bắc Ninh' }, 5)).filter((h) =>
      h.item.sectionPath.join('.').toLowerCase().endsWith('iii.1.b'),
    );
    expect(source, 'the source task').toBeDefined();
    const hits = await service.similarTasks(source!.item.id, 10);
    expect(hits.length).toBeGreaterThan(0);
    expect(repeated(hits)).toEqual([]);
    // 03/NQ-CP's II.2.h, which its Phụ lục II (row 25) and the appendix file (row 25) restate.
    const pilot = hits.filter((h) => /^Xây dựng Đề án cơ chế thí điểm để doanh nghiệp thử nghiệm công nghệ mới/.test(h.item.text));
    expect(pilot).toHaveLength(1);
    expect(pilot[0]!.alsoIn.length).toBeGreaterThan(0);
    expect(new Set([pilot[0]!.item.documentId, ...pilot[0]!.alsoIn.map((t) => t.documentId)]).size).toBeGreaterThan(1);
  });

  it('does not offer a central task its own copy as a task like it', async () => {
    const [law] = await service.search('Dự án Luật Năng lượng nguyên tử (sửa đổi)', { kind: 'task' }, 1);
    expect(law!.item.text).toBe('Dự án Luật Năng lượng nguyên tử (sửa đổi)');
    const hits = await service.similarTasks(law!.item.id, 10);
    const copies = [law!.item.id, ...law!.alsoIn.map((t) => t.id)];
    expect(hits.filter((h) => copies.includes(h.item.id) || h.item.text === law!.item.text)).toEqual([]);
  });
});
