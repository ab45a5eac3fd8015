import { describe, expect, it } from 'vitest';
import { ItemNode } from '../../graph-schema/index.js';
import { toSourceLines } from '../../ingest/parse/text/lines.js';
import { parseStructure } from '../../ingest/parse/structure/index.js';
import { columnRole, parseTable, splitCells, type TableGroup, type TableRow } from '../../ingest/parse/structure/table.js';
import type { StructureContext } from '../../ingest/parse/types.js';

const T = '\t';
const rows = (t: ReturnType<typeof parseTable>) => t.entries.filter((e): e is TableRow => e.kind === 'row');
const groups = (t: ReturnType<typeof parseTable>) => t.entries.filter((e): e is TableGroup => e.kind === 'group');
const table = (text: string) => parseTable(toSourceLines(text));

const ctx: StructureContext = {
  documentId: 'vn/binh-thuan/ubnd/kh/3229/2024',
  level: 'province',
  issuerPath: 'binh-thuan/ubnd',
  province: 'Bình Thuận',
  provinceSlug: 'binh-thuan',
};

/** The shape of 3229/KH-UBND's appendix: groups in bold, HTML cells, a row broken across a page. */
const APPENDIX = [
  `Số TT${T}Nội dung${T}Cơ quan chủ trì${T}Cơ quan phối hợp${T}Thời gian thực hiện`,
  `1${T}Tổ chức phổ biến, quán triệt Kết luận số 69-KL/TW${T}Các sở, ban, ngành, UBND các huyện, thị xã, thành phố${T}Sở Khoa học và Công nghệ${T}Thường xuyên`,
  `<b>2. Tăng cường sự lãnh đạo của Đảng</b>${T}${T}${T}${T}`,
  `2.1${T}Tăng cường xây dựng các chương trình thông tin tuyên truyền${T}Sở Thông tin và Truyền thông, Báo Bình Thuận${T}Các sở, ban, ngành, UBND các huyện, thị xã, thành phố${T}Thường xuyên`,
  '',
  '',
  `2.2${T}Tham mưu HĐND tỉnh, UBND tỉnh rà soát các văn bản về đổi mới sáng${T}Sở Khoa học và Công nghệ${T}Sở Tài chính${T}Quý IV/2024`,
  '',
  '---',
  '12',
  `${T}<p>tạo theo các quy định của địa phương</p>${T}${T}${T}`,
  `<p><b>3. Nâng cao tiềm lực</b></p>${T}${T}${T}${T}`,
  `<b>3.1</b>${T}<p>Tăng cường đầu tư cho nhân lực</p>${T}<p>Sở Khoa học và Công nghệ</p>${T}<p>Sở Tài chính</p>${T}<p>năm 2025</p>`,
].join('\n');

describe('splitCells', () => {
  it('splits tab-separated, pipe and HTML rows and cleans the cells', () => {
    expect(splitCells(`<b>3.8</b>${T}<p>Kiểm tra</p>${T}`)).toEqual(['3.8', 'Kiểm tra', '']);
    expect(splitCells('| 1 | Xây dựng **đề án** | Sở Nội vụ |')).toEqual(['1', 'Xây dựng đề án', 'Sở Nội vụ']);
    expect(splitCells('| :---- | ---: |')).toBeNull();
    expect(splitCells('<tr><td>1</td><td>Xây dựng đề án</td><td>Sở Nội vụ</td></tr>')).toEqual(['1', 'Xây dựng đề án', 'Sở Nội vụ']);
  });
});

describe('columnRole', () => {
  it('names columns by their words, not their position', () => {
    expect(columnRole('Số TT')).toBe('no');
    expect(columnRole('STT')).toBe('no');
    expect(columnRole('Nội dung')).toBe('task');
    expect(columnRole('Nhiệm vụ, giải pháp')).toBe('task');
    expect(columnRole('Cơ quan chủ trì')).toBe('lead');
    expect(columnRole('Đơn vị thực hiện')).toBe('lead');
    expect(columnRole('Cơ quan phối hợp')).toBe('coord');
    expect(columnRole('Cơ quan chủ trì/phối hợp')).toBe('agencies');
    expect(columnRole('Thời gian thực hiện')).toBe('timeline');
    expect(columnRole('Thời hạn hoàn thành')).toBe('timeline');
    expect(columnRole('Tiến độ')).toBe('timeline');
    expect(columnRole('Sản phẩm')).toBe('product');
    expect(columnRole('Ghi chú')).toBe('note');
  });
});

describe('parseTable', () => {
  it('reads the appendix shape: header, groups, HTML cells, rows broken across a page break', () => {
    const t = table(APPENDIX);
    expect(t.isTaskTable).toBe(true);
    expect(t.roles).toEqual(['no', 'task', 'lead', 'coord', 'timeline']);
    expect(groups(t).map((g) => [g.label, g.title])).toEqual([
      ['2', 'Tăng cường sự lãnh đạo của Đảng'],
      ['3', 'Nâng cao tiềm lực'],
    ]);
    const r = rows(t);
    expect(r.map((x) => [x.no, x.label])).toEqual([
      ['1', '1'],
      ['2.1', '1'],
      ['2.2', '2'],
      ['3.1', '1'],
    ]);
    expect(r[1]).toMatchObject({
      lead: 'Sở Thông tin và Truyền thông, Báo Bình Thuận',
      coord: 'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố',
      timeline: 'Thường xuyên',
      lineStart: 4,
      lineEnd: 4,
    });
    expect(r[2]!.text).toBe('Tham mưu HĐND tỉnh, UBND tỉnh rà soát các văn bản về đổi mới sáng tạo theo các quy định của địa phương');
    expect(r[2]!.lineStart).toBe(7);
    expect(r[2]!.lineEnd).toBe(11);
    expect(r[3]).toMatchObject({ text: 'Tăng cường đầu tư cho nhân lực', lead: 'Sở Khoa học và Công nghệ', timeline: 'năm 2025' });
    expect(t.warnings).toEqual([]);
  });

  it('finds the header by its names when columns come in another order, with extra columns', () => {
    const t = table(
      [
        'BẢNG PHÂN CÔNG NHIỆM VỤ',
        '| Nhiệm vụ | STT | Thời hạn | Sản phẩm | Đơn vị phối hợp | Đơn vị chủ trì | Ghi chú |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| Xây dựng đề án | 1 | Quý III/2025 | Quyết định | Sở Tài chính | Sở Nội vụ | Trình UBND tỉnh |',
      ].join('\n'),
    );
    expect(t.isTaskTable).toBe(true);
    expect(rows(t)[0]).toMatchObject({
      no: '1',
      text: 'Xây dựng đề án',
      lead: 'Sở Nội vụ',
      coord: 'Sở Tài chính',
      timeline: 'Quý III/2025',
      extra: { 'Sản phẩm': 'Quyết định', 'Ghi chú': 'Trình UBND tỉnh' },
    });
  });

  it('reads pipe tables with Roman group rows', () => {
    const t = table(
      [
        '| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |',
        '| :-- | :-- | :-- | :-- | :-- |',
        '| I | HOÀN THIỆN THỂ CHẾ | | | |',
        '| 1 | Xây dựng Luật | Bộ Khoa học và Công nghệ | Bộ Tư pháp | Năm 2025 |',
        '| II | NHÂN LỰC | | | |',
        '| 2 | Đề án thu hút nhân tài | Bộ Nội vụ | | 2024-2025 |',
      ].join('\n'),
    );
    expect(groups(t).map((g) => g.label)).toEqual(['I', 'II']);
    expect(rows(t).map((r) => [r.label, r.lead, r.coord])).toEqual([
      ['1', 'Bộ Khoa học và Công nghệ', 'Bộ Tư pháp'],
      ['2', 'Bộ Nội vụ', null],
    ]);
  });

  it('refines a merged header with its second row and skips a row of column numbers', () => {
    const t = table(
      [
        `TT${T}Nội dung${T}Cơ quan thực hiện${T}${T}Thời gian`,
        `${T}${T}Chủ trì${T}Phối hợp${T}`,
        `(1)${T}(2)${T}(3)${T}(4)${T}(5)`,
        `1${T}Xây dựng kế hoạch${T}Sở Nội vụ${T}Sở Tài chính${T}2025`,
      ].join('\n'),
    );
    expect(t.roles).toEqual(['no', 'task', 'lead', 'coord', 'timeline']);
    expect(rows(t)).toHaveLength(1);
    expect(rows(t)[0]).toMatchObject({ lead: 'Sở Nội vụ', coord: 'Sở Tài chính', timeline: '2025' });
  });

  it('skips a header repeated after a page break', () => {
    const header = `STT${T}Nội dung${T}Cơ quan chủ trì${T}Thời gian`;
    const t = table([header, `1${T}Việc một${T}Sở Nội vụ${T}2025`, '---', header, `2${T}Việc hai${T}Sở Tài chính${T}2026`].join('\n'));
    expect(rows(t).map((r) => r.text)).toEqual(['Việc một', 'Việc hai']);
  });

  it('takes a numbered row without agencies as a group when rows are numbered under it', () => {
    const t = table([`STT${T}Nội dung${T}Cơ quan chủ trì${T}Thời gian`, `1${T}Nhóm nhiệm vụ về thể chế${T}${T}`, `1.1${T}Việc một${T}Sở Nội vụ${T}2025`].join('\n'));
    expect(groups(t).map((g) => [g.label, g.title])).toEqual([['1', 'Nhóm nhiệm vụ về thể chế']]);
    expect(rows(t)[0]).toMatchObject({ no: '1.1', label: '1' });
  });

  it('keeps a task row without a lead (a finding, not a group)', () => {
    const t = table([`STT${T}Nội dung${T}Cơ quan chủ trì${T}Thời gian`, `1${T}Việc không ai chủ trì${T}${T}`, `2${T}Việc hai${T}Sở Nội vụ${T}2025`].join('\n'));
    expect(groups(t)).toEqual([]);
    expect(rows(t).map((r) => [r.label, r.lead])).toEqual([
      ['1', null],
      ['2', 'Sở Nội vụ'],
    ]);
  });

  it('warns about a row it cannot align', () => {
    const t = table([`STT${T}Nội dung${T}Cơ quan chủ trì`, `1${T}Việc một${T}Sở Nội vụ${T}Sở Tài chính${T}2025`].join('\n'));
    expect(t.warnings.join(' ')).toMatch(/line 2: 5 cells, header has 3/);
    expect(rows(t)).toHaveLength(1);
  });

  it('does not take a table without task columns for a task table', () => {
    expect(table('|   | T/M BỘ CHÍNH TRỊ *(Đã ký)* Trương Thị Mai |\n| :---- | :---- |').isTaskTable).toBe(false);
    expect(table(`Chỉ tiêu${T}Năm 2025${T}Năm 2030\nSố doanh nghiệp${T}20${T}30`).isTaskTable).toBe(false);
  });

  it('reads HTML tables written one row a line', () => {
    const t = table(
      [
        '<tr><th>STT</th><th>Nội dung</th><th>Đơn vị chủ trì</th><th>Thời gian</th></tr>',
        '<tr><td>1</td><td>Xây dựng đề án</td><td>Sở Nội vụ</td><td>Quý I/2025</td></tr>',
      ].join('\n'),
    );
    expect(rows(t)[0]).toMatchObject({ text: 'Xây dựng đề án', lead: 'Sở Nội vụ', timeline: 'Quý I/2025' });
  });
});

describe('task tables in parseStructure', () => {
  const doc = ['KẾ HOẠCH', 'I. NHIỆM VỤ', '1. Việc chung của kế hoạch.', 'Nơi nhận:', '- Như trên;', 'KT. CHỦ TỊCH', '## PHỤ LỤC', '(Ban hành kèm theo Kế hoạch số 3229/KH-UBND)', APPENDIX].join('\n');
  const result = parseStructure(toSourceLines(doc), ctx);
  const byPath = (p: string) => result.items.find((i) => i.sectionPath.join('.') === p)!;

  it('makes each row a task under ["appendix", group, row]', () => {
    expect(result.items.map((i) => i.sectionPath.join('.'))).toEqual(['I.1', 'appendix.1', 'appendix.2.1', 'appendix.2.2', 'appendix.3.1']);
    for (const i of result.items) expect(() => ItemNode.parse(i)).not.toThrow();
    expect(byPath('appendix.2.1')).toMatchObject({
      isTask: true,
      isDirective: false,
      sectionTitles: ['PHỤ LỤC', 'Tăng cường sự lãnh đạo của Đảng'],
      leadRaw: 'Sở Thông tin và Truyền thông, Báo Bình Thuận',
      coordinatingRaw: 'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố',
      timeline: { kind: 'recurring', recurrence: 'continuous' },
    });
    expect(byPath('appendix.2.2').timeline).toMatchObject({ kind: 'quarter', from: '2024-10-01', to: '2024-12-31' });
    expect(byPath('appendix.2.2').text).toMatch(/đổi mới sáng tạo theo các quy định/);
  });

  it('links each row to its lead and coordinating agencies', () => {
    const edges = (p: string) => result.agencyEdges.filter((e) => e.itemId === byPath(p).id).map((e) => [e.role, e.agencyId]);
    expect(edges('appendix.2.1')).toEqual([
      ['LEADS', 'vn/binh-thuan/agency/so-thong-tin-va-truyen-thong'],
      ['LEADS', 'vn/binh-thuan/agency/bao-binh-thuan'],
      ['COORDINATES', 'vn/binh-thuan/agency/cac-so-ban-nganh-uy-ban-nhan-dan-cac-huyen-thi-xa-thanh-pho'],
    ]);
    const collective = result.agencies.find((a) => a.id.endsWith('cac-so-ban-nganh-uy-ban-nhan-dan-cac-huyen-thi-xa-thanh-pho'));
    expect(collective?.collective).toBe(true);
  });

  it('places a task table of the body under its section', () => {
    const body = ['II. NHIỆM VỤ CỤ THỂ', `STT${T}Nội dung${T}Cơ quan chủ trì${T}Thời gian`, `1${T}Xây dựng đề án${T}Sở Nội vụ${T}2025`, `2${T}Ban hành quy chế${T}Sở Tư pháp${T}2026`].join('\n');
    const r = parseStructure(toSourceLines(body), ctx);
    expect(r.items.map((i) => [i.sectionPath.join('.'), i.leadRaw])).toEqual([
      ['II.1', 'Sở Nội vụ'],
      ['II.2', 'Sở Tư pháp'],
    ]);
  });
});
