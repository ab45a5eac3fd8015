import { describe, expect, it } from 'vitest';
import { AgencyEdge, AgencyNode, ItemNode } from '../../graph-schema/index.js';
import { categoryOfTitle, itemKind } from '../../ingest/parse/structure/item-kinds.js';
import { toSourceLines } from '../../ingest/parse/text/lines.js';
import { detectMarker } from '../../ingest/parse/structure/markers.js';
import { parseStructure } from '../../ingest/parse/structure/index.js';
import type { StructureContext, StructureResult } from '../../ingest/parse/types.js';

const provincial: StructureContext = {
  documentId: 'vn/quang-binh/ubnd/kh/1/2024',
  level: 'province',
  issuerPath: 'quang-binh/ubnd',
  province: 'Quảng Bình',
  provinceSlug: 'quang-binh',
};
const party: StructureContext = { ...provincial, documentId: 'vn/quang-binh/tu/kh/2/2024', issuerPath: 'quang-binh/tu' };
const central: StructureContext = { documentId: 'vn/tw/kl/69/2024', level: 'central', issuerPath: 'tw', province: null, provinceSlug: null };

function parse(text: string, ctx: StructureContext = provincial): StructureResult {
  const result = parseStructure(toSourceLines(text), ctx);
  // Every output is valid against the graph schema, ids are unique, ordinals run in order.
  for (const i of result.items) ItemNode.parse(i);
  for (const a of result.agencies) AgencyNode.parse(a);
  for (const e of result.agencyEdges) AgencyEdge.parse(e);
  expect(new Set(result.items.map((i) => i.id)).size).toBe(result.items.length);
  expect(result.items.map((i) => i.ordinal)).toEqual(result.items.map((_, k) => k));
  for (const i of result.items) expect(i.lineEnd).toBeGreaterThanOrEqual(i.lineStart);
  return result;
}
const paths = (r: StructureResult) => r.items.map((i) => i.sectionPath.join('.'));
const item = (r: StructureResult, path: string) => {
  const found = r.items.find((i) => i.sectionPath.join('.') === path);
  if (!found) throw new Error(`no item ${path}; have ${paths(r).join(', ')}`);
  return found;
};
const agenciesOf = (r: StructureResult, path: string, role: 'LEADS' | 'COORDINATES') => {
  const id = item(r, path).id;
  return r.agencyEdges.filter((e) => e.itemId === id && e.role === role).map((e) => r.agencies.find((a) => a.id === e.agencyId)!.name);
};

describe('markers', () => {
  it('recognises every numbering form of the genre', () => {
    const m = (t: string) => {
      const d = detectMarker(t);
      return d ? [d.marker.type, d.marker.label, d.rest] : null;
    };
    expect(m('I. MỤC ĐÍCH')).toEqual(['roman', 'I', 'MỤC ĐÍCH']);
    expect(m('IV- TỔ CHỨC THỰC HIỆN')).toEqual(['roman', 'IV', 'TỔ CHỨC THỰC HIỆN']);
    expect(m('B- ĐỊNH HƯỚNG')).toEqual(['upper', 'B', 'ĐỊNH HƯỚNG']);
    expect(m('A. TÌNH HÌNH')).toEqual(['upper', 'A', 'TÌNH HÌNH']);
    expect(m('1. Tăng cường')).toEqual(['decimal1', '1', 'Tăng cường']);
    expect(m('2- Những hạn chế')).toEqual(['decimal1', '2', 'Những hạn chế']);
    expect(m('1.1 Đổi mới')).toEqual(['decimal2', '1.1', 'Đổi mới']);
    expect(m('3.2. Văn phòng')).toEqual(['decimal2', '3.2', 'Văn phòng']);
    expect(m('2.1- Đổi mới')).toEqual(['decimal2', '2.1', 'Đổi mới']);
    expect(m('a) Các sở')).toEqual(['letter', 'a', 'Các sở']);
    expect(m('đ) Sở Tài chính')).toEqual(['letter', 'đ', 'Sở Tài chính']);
    expect(m('- Tăng cường')).toEqual(['dash', '', 'Tăng cường']);
    expect(m('+ Chỉ thị')).toEqual(['plus', '', 'Chỉ thị']);
    expect(m('Một là, tăng cường')).toEqual(['ordinal', '1', 'Tăng cường']);
    expect(m('Sáu là, đẩy mạnh')).toEqual(['ordinal', '6', 'Đẩy mạnh']);
    expect(m('Thứ hai, hoàn thiện')).toEqual(['ordinal', '2', 'Hoàn thiện']);
    expect(m('Phần thứ nhất. ĐÁNH GIÁ')).toEqual(['part', '1', 'ĐÁNH GIÁ']);
    expect(m('Điều 3. Chánh Văn phòng')).toEqual(['article', '3', 'Chánh Văn phòng']);
    for (const t of ['2024 - 2025 là giai đoạn', '1.000 tỷ đồng', '30/6/2025 hoàn thành', '06 nhiệm vụ trọng tâm', 'Việt Nam']) expect(m(t), t).toBeNull();
  });
});

describe('sections and items', () => {
  const PLAN = [
    'KẾ HOẠCH',
    'Thực hiện Kết luận số 69-KL/TW, UBND tỉnh ban hành Kế hoạch như sau:',
    'I. MỤC ĐÍCH, YÊU CẦU',
    '1. Mục đích',
    'Cụ thể hóa các nhiệm vụ trọng tâm.',
    'II. MỤC TIÊU',
    '- Tăng số lượng doanh nghiệp khoa học và công nghệ lên trên 30 doanh nghiệp.',
    'III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU',
    '1. Tăng cường sự lãnh đạo, chỉ đạo',
    'a) Các sở, ban, ngành, đơn vị cấp tỉnh, UBND các huyện, thị xã, thành phố:',
    '- Tăng cường sự lãnh đạo, chỉ đạo nhằm tạo chuyển biến mạnh mẽ.',
    '- Phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh trong công tác vận động.',
    '- Sở Tài chính bố trí kinh phí thực hiện.',
    'b) Sở Thông tin và Truyền thông chỉ đạo các cơ quan báo chí đẩy mạnh tuyên truyền.',
    '2. Xây dựng hệ sinh thái khởi nghiệp',
    'Sở Khoa học và Công nghệ chủ trì, phối hợp với các cơ quan liên quan tham mưu UBND tỉnh:',
    '- Hình thành trung tâm đổi mới sáng tạo.',
    '- Phát triển các hướng nghiên cứu.',
    '3. Thúc đẩy thị trường',
    '3.1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính:',
    '- Triển khai thực hiện có hiệu quả các nội dung sau:',
    '+ Chỉ thị số 25/CT-TTg về phát triển thị trường khoa học và công nghệ.',
    '+ Quyết định số 645/QĐ-UBND về tài sản trí tuệ.',
    '- Khuyến khích phát triển các sàn giao dịch.',
    '3.2. Sở Giáo dục và Đào tạo chủ trì: Triển khai các hoạt động đào tạo; hoàn thành trong năm 2025.',
    'IV. TỔ CHỨC THỰC HIỆN',
    '1. Thủ trưởng các sở, ban, ngành, đơn vị cấp tỉnh, Chủ tịch UBND các huyện, thị xã, thành phố tổ chức quán triệt Kế hoạch này.',
    '2. Sở Khoa học và Công nghệ chịu trách nhiệm theo dõi, đôn đốc việc thực hiện.',
    'Trong quá trình thực hiện, nếu có vướng mắc, kịp thời báo cáo UBND tỉnh./.',
    'Nơi nhận:',
    '- TT Tỉnh ủy;',
    '- Lưu: VT.',
    'TM. ỦY BAN NHÂN DÂN',
    'PHÓ CHỦ TỊCH',
  ].join('\n');
  const r = parse(PLAN);

  it('builds section paths from Roman, decimal, letter and bullet markers (bullets by position)', () => {
    expect(paths(r)).toEqual([
      'II.1',
      'III.1.a.1',
      'III.1.a.2',
      'III.1.a.3',
      'III.1.b',
      'III.2.1',
      'III.2.2',
      'III.3.1.1.1',
      'III.3.1.1.2',
      'III.3.1.2',
      'III.3.2',
      'IV.1',
      'IV.2',
    ]);
    expect(item(r, 'III.1.a.2').id).toBe('vn/quang-binh/ubnd/kh/1/2024#iii.1.a.2');
  });

  it('keeps headings as section titles, unnumbered lead-ins included', () => {
    expect(item(r, 'III.1.a.1').sectionTitles).toEqual([
      'NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU',
      'Tăng cường sự lãnh đạo, chỉ đạo',
      'Các sở, ban, ngành, đơn vị cấp tỉnh, UBND các huyện, thị xã, thành phố:',
    ]);
    expect(item(r, 'III.2.1').sectionTitles).toEqual([
      'NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU',
      'Xây dựng hệ sinh thái khởi nghiệp',
      'Sở Khoa học và Công nghệ chủ trì, phối hợp với các cơ quan liên quan tham mưu UBND tỉnh:',
    ]);
    expect(item(r, 'III.3.1.1.1').sectionTitles.at(-1)).toBe('Triển khai thực hiện có hiệu quả các nội dung sau:');
  });

  it('drops purpose paragraphs, keeps targets as plain items and actionable items as tasks', () => {
    expect(r.items.some((i) => i.text.startsWith('Cụ thể hóa'))).toBe(false);
    expect(item(r, 'II.1')).toMatchObject({ isTask: false, isDirective: false, leadRaw: null });
    for (const i of r.items.filter((x) => x.sectionPath[0] === 'III' || x.sectionPath[0] === 'IV')) {
      expect(i, i.sectionPath.join('.')).toMatchObject({ isTask: true, isDirective: false });
    }
  });

  it('reads where money comes from as funding, not as a task, in a section of work', () => {
    // 157/KH-UBND of Cần Thơ (data/wild), under "IV. KHEN THƯỞNG".
    const r2 = parse(
      [
        'KẾ HOẠCH',
        'IV. NỘI DUNG VÀ HÌNH THỨC KHEN THƯỞNG',
        '1. Cấp thành phố',
        'a) Chủ tịch Ủy ban nhân dân thành phố tặng Bằng khen cho các tập thể, cá nhân tiêu biểu.',
        'b) Kinh phí khen thưởng: Từ nguồn kinh phí khen thưởng của thành phố.',
        'c) Kinh phí khen thưởng thực hiện theo quy định phân cấp về quản lý tài chính.',
        'd) Bố trí kinh phí tổ chức hội nghị tổng kết.',
      ].join('\n'),
    );
    expect(item(r2, 'IV.1.a').isTask).toBe(true);
    expect(item(r2, 'IV.1.b')).toMatchObject({ isTask: false, isDirective: false });
    expect(item(r2, 'IV.1.c')).toMatchObject({ isTask: false, isDirective: false });
    expect(item(r2, 'IV.1.d').isTask).toBe(true);
  });

  it('lends a heading’s agencies to the bullets under it, unless a bullet names its own', () => {
    const all = 'Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố';
    expect(agenciesOf(r, 'III.1.a.1', 'LEADS')).toEqual([all]);
    expect(item(r, 'III.1.a.1').leadRaw).toBe('Các sở, ban, ngành, đơn vị cấp tỉnh, UBND các huyện, thị xã, thành phố');
    expect(agenciesOf(r, 'III.1.a.2', 'LEADS')).toEqual([all]);
    expect(agenciesOf(r, 'III.1.a.2', 'COORDINATES')).toEqual(['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh']);
    expect(agenciesOf(r, 'III.1.a.3', 'LEADS')).toEqual(['Sở Tài chính']);
    expect(agenciesOf(r, 'III.1.b', 'LEADS')).toEqual(['Sở Thông tin và Truyền thông']);
    expect(agenciesOf(r, 'III.2.2', 'LEADS')).toEqual(['Sở Khoa học và Công nghệ']);
    expect(agenciesOf(r, 'III.2.2', 'COORDINATES')).toEqual(['Các cơ quan, đơn vị liên quan']);
    expect(item(r, 'III.2.2').coordinatingRaw).toBe('các cơ quan liên quan');
    expect(agenciesOf(r, 'III.3.1.1.2', 'LEADS')).toEqual(['Sở Khoa học và Công nghệ']);
    expect(agenciesOf(r, 'III.3.1.1.2', 'COORDINATES')).toEqual(['Sở Tài chính']);
    expect(agenciesOf(r, 'III.3.2', 'LEADS')).toEqual(['Sở Giáo dục và Đào tạo']);
    expect(agenciesOf(r, 'IV.1', 'LEADS')).toEqual([all]);
    expect(agenciesOf(r, 'IV.2', 'LEADS')).toEqual(['Sở Khoa học và Công nghệ']);
  });

  it('reads a timeline stated in the task text', () => {
    expect(item(r, 'III.3.2').timeline).toMatchObject({ kind: 'year', from: '2025-01-01', to: '2025-12-31' });
    expect(item(r, 'III.1.a.1').timeline).toBeNull();
  });

  it('stops at the closing paragraph, "Nơi nhận" and the signature', () => {
    expect(r.items.some((i) => /vướng mắc|Tỉnh ủy;|Lưu/.test(i.text))).toBe(false);
    expect(item(r, 'IV.2').lineEnd).toBe(28);
  });

  it('registers one node per agency and collectives as collective', () => {
    const skhcn = r.agencies.filter((a) => a.name === 'Sở Khoa học và Công nghệ');
    expect(skhcn).toHaveLength(1);
    expect(skhcn[0]!.id).toBe('vn/quang-binh/agency/so-khoa-hoc-va-cong-nghe');
    expect(r.agencies.find((a) => a.name.startsWith('Các sở'))?.aliases).toEqual([
      'Các sở, ban, ngành, đơn vị cấp tỉnh, UBND các huyện, thị xã, thành phố',
      'Thủ trưởng các sở, ban, ngành, đơn vị cấp tỉnh, Chủ tịch UBND các huyện, thị xã, thành phố',
    ]);
    expect(r.agencies.filter((a) => a.collective).map((a) => a.name).sort()).toEqual([
      'Các cơ quan, đơn vị liên quan',
      'Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố',
    ]);
  });

  it('leaves a task with no lead without LEADS edges', () => {
    const r2 = parse(['II. NHIỆM VỤ', '1. Kiến nghị hoàn thiện cơ sở pháp lý', 'a) Nghiên cứu, rà soát hệ thống pháp luật.'].join('\n'));
    expect(item(r2, 'II.1.a')).toMatchObject({ isTask: true, leadRaw: null, coordinatingRaw: null });
    expect(r2.agencyEdges).toEqual([]);
  });
});

describe('Markdown, bold headings and ordinal paragraphs', () => {
  it('reads bold Markdown headings, escapes and paragraphs as items numbered by position', () => {
    const r = parse(
      [
        '# Kết luận số 69-KL/TW',
        'Bộ Chính trị yêu cầu tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:',
        '**1\\. Tăng cường sự lãnh đạo của Đảng**',
        'Tăng cường sự lãnh đạo của Đảng, tạo chuyển biến mạnh mẽ trong tư duy.',
        '',
        'Khẩn trương cụ thể hoá nghị quyết, chủ trương của Đảng.',
        '**2\\. Đổi mới tư duy**',
        'Tổ chức thực hiện tốt Chiến lược phát triển khoa học, công nghệ và đổi mới sáng tạo đến năm 2030.',
        '**7\\. Tổ chức thực hiện**',
        '\\- Đảng đoàn Quốc hội, Ban cán sự đảng Chính phủ chỉ đạo rà soát, sửa đổi văn bản pháp luật.',
        '\\- Ban Tuyên giáo Trung ương chủ trì, phối hợp với các cơ quan liên quan hướng dẫn, theo dõi.',
        '|   | T/M BỘ CHÍNH TRỊ *(Đã ký)* Trương Thị Mai |',
        '| :---- | :---- |',
      ].join('\n'),
      central,
    );
    expect(paths(r)).toEqual(['1.1', '1.2', '2.1', '7.1', '7.2']);
    expect(item(r, '1.2')).toMatchObject({ isDirective: true, isTask: false, sectionTitles: ['Tăng cường sự lãnh đạo của Đảng'] });
    expect(item(r, '2.1').timeline).toBeNull();
    expect(item(r, '7.1')).toMatchObject({ isTask: true, isDirective: false, leadRaw: 'Đảng đoàn Quốc hội, Ban cán sự đảng Chính phủ' });
    expect(agenciesOf(r, '7.2', 'LEADS')).toEqual(['Ban Tuyên giáo Trung ương']);
    expect(r.agencies.every((a) => a.province === null && a.id.startsWith('vn/agency/'))).toBe(true);
  });

  it('reads "Một là / Hai là" groups, their paragraphs being the items', () => {
    const r = parse(
      [
        'Tỉnh ủy ban hành Kế hoạch số 44-KH/TU thực hiện Kết luận số 69-KL/TW.',
        'Theo đó, Kế hoạch bao gồm các nội dung trọng tâm:',
        'Một là, tăng cường sự lãnh đạo, chỉ đạo của cấp ủy.',
        'Tổ chức nghiên cứu, quán triệt Kết luận số 69-KL/TW.',
        'Đẩy mạnh tuyên truyền các chủ trương của Đảng.',
        'Hai là, nâng cao tiềm lực khoa học, công nghệ.',
        'Tiếp tục kiện toàn tổ chức bộ máy quản lý nhà nước.',
      ].join('\n'),
      party,
    );
    expect(paths(r)).toEqual(['1.1', '1.2', '2.1']);
    expect(item(r, '1.2')).toMatchObject({ isTask: true, isDirective: true, sectionTitles: ['Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy.'] });
  });

  it('reads "A-", "1-", "2.1-" forms with bold markers, and keeps views and targets as plain items', () => {
    const r = parse(
      [
        '**A- TÌNH HÌNH VÀ NGUYÊN NHÂN**',
        '**1-** Khoa học và công nghệ nước ta đã đạt nhiều thành tựu.',
        '**B- ĐỊNH HƯỚNG PHÁT TRIỂN**',
        'I- QUAN ĐIỂM',
        '**1- **Phát triển và ứng dụng khoa học và công nghệ là quốc sách hàng đầu.',
        'II- NHIỆM VỤ VÀ GIẢI PHÁP',
        '**2- Tiếp tục đổi mới cơ chế quản lý**',
        '**2.1- Đổi mới cơ chế tài chính**',
        'Đổi mới cơ chế xây dựng kế hoạch và dự toán ngân sách.',
        '**2.6- **Thực hành dân chủ trong hoạt động nghiên cứu.',
        '**C- TỔ CHỨC THỰC HIỆN**',
        '**1-** Các cấp uỷ đảng lãnh đạo công tác giáo dục, tuyên truyền.',
      ].join('\n'),
      central,
    );
    expect(paths(r)).toEqual(['B.I.1', 'B.II.2.1.1', 'B.II.2.6', 'C.1']);
    expect(item(r, 'B.I.1')).toMatchObject({ isTask: false, isDirective: false });
    expect(item(r, 'B.II.2.1.1')).toMatchObject({ isDirective: true, sectionTitles: ['ĐỊNH HƯỚNG PHÁT TRIỂN', 'NHIỆM VỤ VÀ GIẢI PHÁP', 'Tiếp tục đổi mới cơ chế quản lý', 'Đổi mới cơ chế tài chính'] });
    expect(item(r, 'C.1')).toMatchObject({ isTask: true, isDirective: false });
    expect(agenciesOf(r, 'C.1', 'LEADS')).toEqual(['Các cấp ủy đảng']);
  });

  it('reads Markdown headings with italic lead-ins and lead-ins followed by the task', () => {
    const r = parse(
      [
        '### II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU',
        '## **2. Tăng cường sự lãnh đạo của Đảng**',
        '*Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố:*',
        '- Tăng cường sự lãnh đạo của các cấp ủy.',
        '*3.2. Văn phòng Ủy ban nhân dân tỉnh chủ trì, phối hợp với các cơ quan, đơn vị có liên quan:* Tăng cường cải cách thủ tục hành chính.',
        '**4. Sở KH&CN:** Là cơ quan đầu mối, theo dõi, đôn đốc.',
      ].join('\n'),
    );
    expect(paths(r)).toEqual(['II.2.1', 'II.2.3.2', 'II.4']);
    expect(item(r, 'II.2.3.2').text).toBe('Văn phòng Ủy ban nhân dân tỉnh chủ trì, phối hợp với các cơ quan, đơn vị có liên quan: Tăng cường cải cách thủ tục hành chính.');
    expect(agenciesOf(r, 'II.2.3.2', 'LEADS')).toEqual(['Văn phòng Ủy ban nhân dân tỉnh']);
    expect(agenciesOf(r, 'II.4', 'LEADS')).toEqual(['Sở Khoa học và Công nghệ']);
  });
});

describe('continuation lines, page breaks and footnotes', () => {
  it('joins lower-case continuation lines and lines after an unfinished long line', () => {
    const r = parse(
      [
        'II. NHIỆM VỤ',
        '1. Tổ chức phổ biến, quán triệt, tuyên truyền và triển khai thực hiện nghiêm túc, có hiệu quả Kết luận số 69-KL/TW gắn với tiếp tục thực hiện Chương trình hành động số 14-NQ/TU, Kế hoạch số 166-KH/TU ngày 09/10/2019 của Ban',
        '',
        'Bí thư Trung ương Đảng và nội dung Kế hoạch này.',
        '2. Xây dựng hệ sinh thái:',
        '- Tăng cường thực hiện các đề án về khoa học công nghệ trên địa bàn tỉnh<sup>(2)</sup>; thường xuyên tham mưu Hội đồng',
        '<sup>1</sup> Chương trình hành động số 61-CTr/TU về tiếp tục xây',
        '---',
        'dựng và phát huy vai trò của đội ngũ trí thức.',
        '<sup>2</sup> Trong đó, có một số Đề án quan trọng như',
        'nhân dân tỉnh rà soát, sửa đổi các văn bản.',
        '- Thường xuyên kiểm tra, thanh tra.',
      ].join('\n'),
    );
    expect(paths(r)).toEqual(['II.1', 'II.2.1', 'II.2.2']);
    expect(item(r, 'II.1')).toMatchObject({ lineStart: 2, lineEnd: 4 });
    expect(item(r, 'II.1').text).toMatch(/của Ban Bí thư Trung ương Đảng/);
    expect(item(r, 'II.2.1').text).toBe(
      'Tăng cường thực hiện các đề án về khoa học công nghệ trên địa bàn tỉnh; thường xuyên tham mưu Hội đồng nhân dân tỉnh rà soát, sửa đổi các văn bản.',
    );
    expect(item(r, 'II.2.1')).toMatchObject({ lineStart: 6, lineEnd: 11 });
    expect(item(r, 'II.2.2').timeline).toMatchObject({ kind: 'recurring', recurrence: 'continuous' });
  });
});

describe('document kinds', () => {
  const text = ['II. NHIỆM VỤ, GIẢI PHÁP', '1. Tăng cường tuyên truyền về khoa học và công nghệ.', 'III. TỔ CHỨC THỰC HIỆN', '1. Sở Khoa học và Công nghệ theo dõi việc thực hiện.'].join('\n');

  it('makes a People’s Committee plan’s items tasks', () => {
    expect(parse(text, provincial).items.map((i) => [i.isTask, i.isDirective])).toEqual([
      [true, false],
      [true, false],
    ]);
  });

  it('makes a Party committee plan’s items tasks and directive items', () => {
    expect(parse(text, party).items.map((i) => [i.isTask, i.isDirective])).toEqual([
      [true, true],
      [true, true],
    ]);
  });

  it('makes a central document’s items directive items, its implementation items tasks', () => {
    expect(parse(text, central).items.map((i) => [i.isTask, i.isDirective])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('names section categories by their titles', () => {
    expect(categoryOfTitle('MỤC ĐÍCH, YÊU CẦU')).toBe('purpose');
    expect(categoryOfTitle('QUAN ĐIỂM')).toBe('views');
    expect(categoryOfTitle('TÌNH HÌNH VÀ NGUYÊN NHÂN')).toBe('situation');
    expect(categoryOfTitle('Kết quả đạt được')).toBe('situation');
    expect(categoryOfTitle('Mục tiêu cụ thể đến năm 2030')).toBe('objective');
    expect(categoryOfTitle('PHƯƠNG HƯỚNG')).toBe('objective');
    expect(categoryOfTitle('MỤC TIÊU, NHIỆM VỤ')).toBe('action');
    expect(categoryOfTitle('NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM')).toBe('action');
    expect(categoryOfTitle('Các nhiệm vụ cụ thể')).toBe('action');
    expect(categoryOfTitle('TỔ CHỨC THỰC HIỆN')).toBe('implementation');
    // 2853/QĐ-UBND (data/wild): "Thời gian: từ nay đến năm 2030." and "Phạm vi: …" are no tasks.
    expect(categoryOfTitle('THỜI GIAN VÀ PHẠM VI')).toBe('rules');
    // 4385/QĐ-BVHTTDL (data/wild): "Ngân sách địa phương: … chiếm khoảng 10% tổng vốn đầu tư" is no task.
    expect(categoryOfTitle('Nguồn lực và việc sử dụng nguồn lực để thực hiện quy hoạch')).toBe('funding');
    // 0204/KH-UBND of Cà Mau (data/wild), a three-year budget plan: "Kim ngạch xuất khẩu đạt khoảng
    // 8,95 tỷ USD." is a forecast figure, "Cà Mau là tỉnh chưa tự cân đối được thu chi …" its situation.
    expect(categoryOfTitle('Dự báo các chỉ tiêu kinh tế - xã hội đến năm 2026')).toBe('objective');
    expect(categoryOfTitle('Dự báo những tác động đến thu, chi ngân sách')).toBe('situation');
    expect(categoryOfTitle('DỰ BÁO NHỮNG TÁC ĐỘNG ĐẾN CÂN ĐỐI NSĐP VÀ CÁC GIẢI PHÁP TỔ CHỨC THỰC HIỆN')).toBe('action');
    expect(categoryOfTitle('Dự báo, cảnh báo thiên tai')).toBeNull();
    expect(categoryOfTitle('Tăng cường sự lãnh đạo của Đảng')).toBeNull();
    expect(itemKind('purpose', provincial, false).keep).toBe(false);
    expect(itemKind('objective', central, false)).toEqual({ keep: true, isTask: false, isDirective: false });
    expect(itemKind('action', central, true)).toEqual({ keep: true, isTask: true, isDirective: true });
    expect(itemKind('action', { level: 'ministry', issuerPath: 'bkhcn' }, false)).toEqual({ keep: true, isTask: true, isDirective: true });
  });
});

describe('appendices and attached documents', () => {
  it('reads an appendix after the signature, its title lines not being items', () => {
    const r = parse(
      [
        'I. NHIỆM VỤ',
        '1. Việc một.',
        'Nơi nhận:',
        '- Như trên;',
        'KT. CHỦ TỊCH',
        '## PHỤ LỤC II',
        '### Danh mục nhiệm vụ',
        '(Ban hành kèm theo Kế hoạch số 12/KH-UBND)',
        '1. Sở Nội vụ chủ trì xây dựng đề án vị trí việc làm.',
      ].join('\n'),
    );
    expect(paths(r)).toEqual(['I.1', 'appendix-2.1']);
    expect(item(r, 'appendix-2.1').sectionTitles).toEqual(['PHỤ LỤC II: Danh mục nhiệm vụ']);
    expect(agenciesOf(r, 'appendix-2.1', 'LEADS')).toEqual(['Sở Nội vụ']);
  });

  it('reads a plan attached to a resolution, skipping promulgation formulas', () => {
    const r = parse(
      [
        'NGHỊ QUYẾT',
        'QUYẾT NGHỊ:',
        'Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động của Chính phủ.',
        'Điều 2. Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành.',
        'Nơi nhận:',
        'TM. CHÍNH PHỦ',
        'CHƯƠNG TRÌNH HÀNH ĐỘNG',
        '(Ban hành kèm theo Nghị quyết số 99/NQ-CP ngày 05/8/2024 của Chính phủ)',
        'I. NHIỆM VỤ',
        '1. Bộ Khoa học và Công nghệ chủ trì, phối hợp với các bộ, ngành liên quan xây dựng Luật, trình Quốc hội; hoàn thành trong năm 2025.',
        '2. Hoàn thiện cơ chế đặt hàng nhiệm vụ khoa học và công nghệ.',
      ].join('\n'),
      { documentId: 'vn/cp/nq/99/2024', level: 'central', issuerPath: 'cp', province: null, provinceSlug: null },
    );
    expect(paths(r)).toEqual(['I.1', 'I.2']);
    expect(item(r, 'I.1')).toMatchObject({ isTask: true, isDirective: true, timeline: { kind: 'year', from: '2025-01-01' } });
    expect(agenciesOf(r, 'I.1', 'LEADS')).toEqual(['Bộ Khoa học và Công nghệ']);
    expect(r.agencies.find((a) => a.name === 'Bộ Khoa học và Công nghệ')).toMatchObject({ id: 'vn/agency/bo-khoa-hoc-va-cong-nghe', level: 'ministry' });
    expect(item(r, 'I.2')).toMatchObject({ isTask: false, isDirective: true });
  });
});

describe('headings and fields that name who leads', () => {
  const PLAN = [
    'KẾ HOẠCH',
    'I. NHIỆM VỤ CỤ THỂ',
    '1. Trưởng Ban Chỉ đạo',
    '- Điều hành chung việc tổng rà soát.',
    '- Quyết định các vấn đề phát sinh.',
    '2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo',
    '- Hướng dẫn biểu mẫu rà soát.',
    'Thời gian hoàn thành: Tháng 12/2025.',
    '- Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh.',
    '3. Các cơ quan quản lý chuyên ngành (gồm các Sở: Y tế, Công Thương)',
    '- Cử công chức tham gia tổ kiểm tra.',
    '4. Trách nhiệm của đơn vị sử dụng tài sản:',
    '- Lập danh sách tài sản đang quản lý.',
    '5. Các cơ sở khám bệnh, chữa bệnh (các Trung tâm Y tế, Bệnh viện đa khoa tỉnh)',
    '- Rà soát trang thiết bị y tế.',
    'II. TỔ CHỨC THỰC HIỆN',
    '1. Trên cơ sở nội dung Kế hoạch này, các sở, ban, ngành tỉnh, Ủy ban nhân dân các phường, xã, đặc khu xây dựng kế hoạch triển khai.',
  ].join('\n');
  const r = parse(PLAN);

  it('passes down a post, a list with its role, listed members, "Trách nhiệm của …" and a group\'s members', () => {
    expect(agenciesOf(r, 'I.1.1', 'LEADS')).toEqual(['Ban Chỉ đạo']);
    expect(agenciesOf(r, 'I.1.2', 'LEADS')).toEqual(['Ban Chỉ đạo']);
    expect(agenciesOf(r, 'I.2.1', 'LEADS')).toEqual(['Sở Tài chính']);
    // The "Thời gian hoàn thành:" line is a field, not an item (it keeps its position).
    expect(agenciesOf(r, 'I.2.3', 'LEADS')).toEqual(['Sở Tài chính']);
    expect(paths(r).filter((p) => p.startsWith('I.2'))).toEqual(['I.2.1', 'I.2.3']);
    expect(agenciesOf(r, 'I.3.1', 'LEADS')).toEqual(['Sở Y tế', 'Sở Công Thương']);
    expect(agenciesOf(r, 'I.4.1', 'LEADS')).toEqual(['Các đơn vị sử dụng tài sản']);
    expect(agenciesOf(r, 'I.5.1', 'LEADS')).toEqual(['Các Trung tâm Y tế, Bệnh viện đa khoa tỉnh']);
  });

  it('reads the subject after an opening clause, naming commune People\'s Committees without "Các"', () => {
    expect(agenciesOf(r, 'II.1', 'LEADS')).toEqual(['Các sở, ban, ngành']);
    const communes = parse(['I. NHIỆM VỤ', '1. Ủy ban nhân dân các phường, xã, đặc khu', '- Rà soát diện tích đất công.'].join('\n'));
    expect(agenciesOf(communes, 'I.1.1', 'LEADS')).toEqual(['Ủy ban nhân dân các phường, xã, đặc khu']);
  });

  it('reads "Thời hạn ban hành:" and "Thời hạn trình:" as the time of the task above, not as tasks', () => {
    const text = [
      'II. NỘI DUNG',
      '1. Xây dựng văn bản quy định chi tiết',
      '- Quyết định quy định giá dịch vụ thu gom rác thải',
      '+ Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.',
      '+ Thời hạn trình: trước ngày 30/6/2026.',
      '- Quyết định quy định mức hỗ trợ đào tạo nghề',
      '+ Cơ quan chủ trì: Sở Nội vụ.',
      '+ Thời hạn ban hành: Quý IV/2026.',
    ].join('\n');
    const fields = parse(text);
    expect(paths(fields)).toEqual(['II.1.1', 'II.1.2']);
    expect(agenciesOf(fields, 'II.1.1', 'LEADS')).toEqual(['Sở Nông nghiệp và Môi trường']);
    expect(agenciesOf(fields, 'II.1.2', 'LEADS')).toEqual(['Sở Nội vụ']);
    expect(item(fields, 'II.1.2').timeline).toMatchObject({ kind: 'quarter' });
  });

  it('reads each clause of "Cơ quan thực hiện:" that names its doer', () => {
    const text = [
      'II. NỘI DUNG',
      '1. Rà soát văn bản quy phạm pháp luật',
      '- Nội dung: rà soát các quyết định có liên quan.',
      '- Cơ quan thực hiện: Sở Tư pháp rà soát các quyết định của tỉnh; các sở, ngành rà soát văn bản thuộc lĩnh vực quản lý.',
      '- Thời gian thực hiện: năm 2026.',
    ].join('\n');
    expect(agenciesOf(parse(text), 'II.1', 'LEADS')).toEqual(['Sở Tư pháp', 'Các sở, ban, ngành']);
  });
});

describe('robustness', () => {
  it('returns nothing for text without structure, and never throws', () => {
    expect(parse('Lorem ipsum dolor sit amet.\nNo policy here.').items).toEqual([]);
    expect(parse('').items).toEqual([]);
    expect(() => parse('- \n+ \n1.\na)\nI.\n**\n\t\t|\n| | |\nchủ trì, phối hợp')).not.toThrow();
  });

  it('keeps ids unique when a document repeats a number', () => {
    const r = parse(['I. NHIỆM VỤ', '1. Việc một.', '1. Việc một nữa.'].join('\n'));
    expect(paths(r)).toEqual(['I.1', 'I.1-dup2']);
    expect(r.warnings.join(' ')).toMatch(/repeats/);
  });
});
