import { describe, expect, it } from 'vitest';
import { AgencyNode, CitationEdge, DocumentNode } from '../../graph-schema/index.js';
import { extractCitations, type CitationResult } from '../../ingest/parse/citations/index.js';
import { identityDocumentId, readIdentity } from '../../ingest/parse/identity/index.js';
import { toSourceLines } from '../../ingest/parse/text/lines.js';

/** Pure tests of citation extraction on synthetic snippets (no database). */

interface Cited extends CitationResult {
  selfId: string;
  ids: string[];
  /** Edges from the citing document, by target id. */
  out: Map<string, CitationEdge>;
  /** Edges between cited documents ("245 implements 69"), as "from -> to". */
  chains: string[];
  doc: (id: string) => DocumentNode | undefined;
}

function cite(text: string, opts: { chainEdges?: boolean } = {}): Cited {
  const lines = toSourceLines(text);
  const r = readIdentity(lines);
  const selfId = identityDocumentId(r.identity, text);
  const res = extractCitations(lines, { selfId, identity: r.identity, typeHeadingLine: r.typeHeadingLine, chainEdges: opts.chainEdges });
  for (const d of res.citedDocuments) DocumentNode.parse(d);
  for (const e of res.citations) CitationEdge.parse(e);
  for (const a of res.agencies) AgencyNode.parse(a);
  return {
    ...res,
    selfId,
    ids: res.citedDocuments.map((d) => d.id).sort(),
    out: new Map(res.citations.filter((e) => e.from === selfId).map((e) => [e.to, e])),
    chains: res.citations.filter((e) => e.from !== selfId).map((e) => `${e.from} -> ${e.to}`),
    doc: (id) => res.citedDocuments.find((d) => d.id === id),
  };
}

/** A Bình Thuận People's Committee plan with a header, so the citing province is known. */
const plan = (preamble: string, body: string[] = []): string =>
  [
    'ỦY BAN NHÂN DÂN',
    'TỈNH BÌNH THUẬN',
    '-------',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Số: 3229/KH-UBND',
    'Bình Thuận, ngày 27 tháng 8 năm 2024',
    'KẾ HOẠCH',
    'PHÁT TRIỂN KHOA HỌC VÀ CÔNG NGHỆ',
    preamble,
    'I. NHIỆM VỤ',
    ...body,
  ].join('\n');

describe('spellings of one document', () => {
  it('resolves every spelling of 69-KL/TW, the bare "Kết luận 69" included, to one id with its year', () => {
    const c = cite(
      plan('Căn cứ Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị.', [
        '1. Quán triệt 69-KL/TW trong toàn tỉnh.',
        '2. Tuyên truyền Kết luận 69-KL/TW.',
        '3. Phổ biến Kết luận số 69/KL-TW đến cán bộ.',
        '4. Sơ kết việc thực hiện Kết luận 69 hằng năm.',
      ]),
    );
    expect(c.ids).toEqual(['vn/tw/kl/69/2024']);
    const d = c.doc('vn/tw/kl/69/2024')!;
    expect(d).toMatchObject({ number: '69-KL/TW', numberKey: 'vn/tw/kl/69', typeCode: 'kl', date: '2024-01-11', year: 2024, stub: true, level: 'central', issuerPath: 'tw', issuerName: 'Bộ Chính trị' });
    expect(c.citations).toHaveLength(1);
  });

  it('reads Prime Minister decisions in upper and mixed case, with the date from any mention', () => {
    const c = cite(
      plan('Thực hiện Quyết định số 709/QĐ-TTG ngày 23/7/2024 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:', [
        '1. Phổ biến Quyết định 709/QĐ-TTg đến các sở.',
      ]),
    );
    expect(c.ids).toEqual(['vn/ttg/qd/709/2024']);
    expect(c.doc('vn/ttg/qd/709/2024')).toMatchObject({ number: '709/QĐ-TTg', issuerName: 'Thủ tướng Chính phủ', issuerId: 'vn/agency/thu-tuong-chinh-phu' });
  });

  it('reads People’s Council resolutions with and without the type code, year from the number', () => {
    const c = cite(plan('Nội dung.', ['1. Thực hiện hỗ trợ theo Nghị quyết 06/2021/HĐND.', '2. Sửa đổi Nghị quyết số 06/2021/NQ-HĐND của HĐND tỉnh.']));
    expect(c.ids).toEqual(['vn/binh-thuan/hdnd/nq/06-2021/2021']);
    expect(c.doc('vn/binh-thuan/hdnd/nq/06-2021/2021')).toMatchObject({ number: '06/2021/NQ-HĐND', year: 2021, province: 'Bình Thuận', level: 'province' });
  });

  it('reads Party numbers with a comma before the date, and programmes of action', () => {
    const c = cite(
      plan('Nội dung.', [
        '1. Tiếp tục thực hiện Chương trình hành động số 19-CTr/TU ngày 13/3/2013 của Ban Thường vụ Tỉnh ủy và Nghị quyết số 20-NQ/TW, ngày 01/11/2012 của Ban Chấp hành Trung ương.',
      ]),
    );
    expect(c.ids).toEqual(['vn/binh-thuan/tu/ctr/19/2013', 'vn/tw/nq/20/2012']);
    expect(c.doc('vn/tw/nq/20/2012')).toMatchObject({ date: '2012-11-01', issuerName: 'Ban Chấp hành Trung ương Đảng' });
    expect(c.doc('vn/binh-thuan/tu/ctr/19/2013')).toMatchObject({ typeCode: 'ctr', number: '19-CTr/TU', issuerName: 'Ban Thường vụ Tỉnh ủy Bình Thuận' });
  });

  it('reads numbers broken by a space or a line break', () => {
    const c = cite(
      plan('Nội dung.', [
        '1. Thực hiện tốt Kế hoạch số 3015',
        '/KH-UBND ngày 10/8/2023 của UBND tỉnh và Kết luận số 69-',
        'KL/TW ngày 11/01/2024 của Bộ Chính trị; Kế hoạch số 120 /KH-UBND ngày 5/1/2024.',
      ]),
    );
    expect(c.ids).toEqual(['vn/binh-thuan/ubnd/kh/120/2024', 'vn/binh-thuan/ubnd/kh/3015/2023', 'vn/tw/kl/69/2024']);
    // The evidence is the whole sentence, over the three lines it runs across.
    const e = c.out.get('vn/binh-thuan/ubnd/kh/3015/2023')!;
    expect([e.lineStart, e.lineEnd]).toEqual([11, 13]);
    expect(e.raw).toBe('Kế hoạch số 3015 /KH-UBND ngày 10/8/2023');
  });

  it('reads dates as dd/mm/yyyy, dd-mm-yyyy and "ngày … tháng … năm …"', () => {
    const c = cite(
      plan('Nội dung.', [
        '1. Quyết định số 1/QĐ-UBND ngày 11/01/2024 của UBND tỉnh.',
        '2. Quyết định số 2/QĐ-UBND ngày 12-02-2024 của UBND tỉnh.',
        '3. Quyết định số 3/QĐ-UBND ngày 13 tháng 03 năm 2024 của UBND tỉnh.',
        '4. Quyết định số 4/QĐ-UBND năm 2023 của UBND tỉnh.',
      ]),
    );
    expect(c.citedDocuments.map((d) => [d.number, d.date, d.year])).toEqual([
      ['1/QĐ-UBND', '2024-01-11', 2024],
      ['2/QĐ-UBND', '2024-02-12', 2024],
      ['3/QĐ-UBND', '2024-03-13', 2024],
      ['4/QĐ-UBND', null, 2023],
    ]);
  });
});

describe('issuers', () => {
  it('resolves TU, UBND and HĐND numbers to the citing document’s province', () => {
    const c = cite(plan('Thực hiện Kế hoạch số 245-KH/TU ngày 28/5/2024 của Ban Thường vụ Tỉnh ủy, UBND tỉnh ban hành Kế hoạch:'));
    expect(c.ids).toEqual(['vn/binh-thuan/tu/kh/245/2024']);
    expect(c.doc('vn/binh-thuan/tu/kh/245/2024')).toMatchObject({ province: 'Bình Thuận', level: 'province', issuerId: 'vn/binh-thuan/agency/ban-thuong-vu-tinh-uy' });
    expect(c.agencies).toContainEqual({
      id: 'vn/binh-thuan/agency/ban-thuong-vu-tinh-uy',
      name: 'Ban Thường vụ Tỉnh ủy',
      aliases: [],
      province: 'Bình Thuận',
      level: 'province',
      collective: false,
    });
  });

  it('keeps another province’s document with that province when the words name it', () => {
    const c = cite(
      plan('Nội dung.', [
        '1. Học tập Kế hoạch số 12-KH/TU ngày 3/4/2024 của Ban Thường vụ Tỉnh ủy Lâm Đồng và Kế hoạch số 56/KH-UBND ngày 6/5/2024 của UBND tỉnh Ninh Thuận.',
        '2. Thực hiện Kế hoạch số 12-KH/TU ngày 9/9/2024 của Ban Thường vụ Tỉnh ủy.',
      ]),
    );
    expect(c.ids).toEqual(['vn/binh-thuan/tu/kh/12/2024', 'vn/lam-dong/tu/kh/12/2024', 'vn/ninh-thuan/ubnd/kh/56/2024']);
    expect(c.doc('vn/lam-dong/tu/kh/12/2024')).toMatchObject({ province: 'Lâm Đồng', issuerName: 'Ban Thường vụ Tỉnh ủy Lâm Đồng' });
  });

  it('names national issuers once for every province, ministries at ministry level', () => {
    const c = cite(
      plan('Nội dung.', [
        '1. Thực hiện Thông tư số 17/2019/TT-BKHCN ngày 10/12/2019 của Bộ trưởng Bộ Khoa học và Công nghệ và Kết luận số 50-KL/TW ngày 30/5/2019 của Ban Bí thư.',
      ]),
    );
    expect(c.doc('vn/bkhcn/tt/17-2019/2019')).toMatchObject({ level: 'ministry', issuerId: 'vn/agency/bo-khoa-hoc-va-cong-nghe' });
    expect(c.doc('vn/tw/kl/50/2019')).toMatchObject({ level: 'central', issuerId: 'vn/agency/ban-bi-thu' });
    const bo = c.agencies.find((a) => a.id === 'vn/agency/bo-khoa-hoc-va-cong-nghe');
    expect(bo).toMatchObject({ name: 'Bộ Khoa học và Công nghệ', province: null, level: 'ministry' });
  });

  it('reads a central city\'s People\'s Committee named without its name, and lower-case words after "thành phố" as no district', () => {
    const cityPlan = plan('Nội dung.').replace('TỈNH BÌNH THUẬN', 'THÀNH PHỐ HÀ NỘI').replace('Bình Thuận, ngày', 'Hà Nội, ngày');
    const c = cite(
      cityPlan.replace(
        'Nội dung.',
        'Căn cứ Quyết định số 63/QĐ-UBND ngày 24/10/2024 của UBND Thành phố quy định chức năng, nhiệm vụ; Quyết định số 46/QĐ-UBND ngày 06/01/2025 của Chủ tịch UBND thành phố Hà Nội phố về việc ủy quyền; Tờ trình số 12/TTr-UBND ngày 3/3/2025 của UBND thành phố tại kỳ họp.',
      ),
    );
    expect(c.ids).toEqual(['vn/ha-noi/ubnd/other/12/2025', 'vn/ha-noi/ubnd/qd/46/2025', 'vn/ha-noi/ubnd/qd/63/2024']);
    expect(c.doc('vn/ha-noi/ubnd/qd/63/2024')).toMatchObject({ province: 'Hà Nội', level: 'province', issuerName: 'Ủy ban nhân dân thành phố Hà Nội' });
    // Read from the number's code alone, the city's People's Committee is still a city's.
    const coded = cite(cityPlan.replace('Nội dung.', 'Thực hiện Kế hoạch số 5/KH-UBND ngày 02/01/2025, Ủy ban nhân dân Thành phố ban hành Kế hoạch:'));
    expect(coded.doc('vn/ha-noi/ubnd/kh/5/2025')).toMatchObject({ issuerName: 'Ủy ban nhân dân thành phố Hà Nội' });
    // A real district keeps its name.
    const d = cite(plan('Căn cứ Kế hoạch số 7/KH-UBND ngày 1/2/2024 của UBND thành phố Phan Thiết về phát triển du lịch.'));
    expect(d.ids).toEqual(['vn/binh-thuan/thanh-pho-phan-thiet/ubnd/kh/7/2024']);
  });

  it('skips a bare number nobody says the issuer of, with a warning', () => {
    const c = cite(plan('Nội dung.', ['1. Tổng kết Chỉ thị 15 trong năm.']));
    expect(c.ids).toEqual([]);
    expect(c.warnings.join(' ')).toMatch(/Chỉ thị 15/);
  });

  it('resolves a bare number through the issuer words after it', () => {
    const c = cite(plan('Nội dung.', ['1. Tổng kết Chỉ thị số 15 của Thủ tướng Chính phủ.']));
    expect(c.ids).toEqual(['vn/ttg/ct/15']);
  });
});

describe('where the preamble ends', () => {
  it("reads a title's period on its own line as the title's, not as a numbered heading that would start the body", () => {
    // Bắc Ninh 144/KH-UBND (data/wild): its preamble, past "2026 - 2030", carries out 57-NQ/TW
    // through the Government's programme, as 597/KH-UBND's and 2597/QĐ-TTg's do.
    const text = [
      'ỦY BAN NHÂN DÂN',
      'TỈNH BẮC NINH',
      'Số: 144/KH-UBND',
      'Bắc Ninh, ngày 24 tháng 11 năm 2025',
      'KẾ HOẠCH',
      'PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH GIAI ĐOẠN',
      '2026 - 2030',
      'Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 sửa đổi, bổ sung cập nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;',
      'I. QUAN ĐIỂM',
      '1. Phát triển kinh tế số và xã hội số là định hướng chiến lược.',
    ].join('\n');
    expect(cite(text).out.get('vn/tw/nq/57/2024')?.kind).toBe('IMPLEMENTS');
  });
});

describe('kinds of citation', () => {
  it('"Căn cứ" is a legal basis (CITES), "Thực hiện" in the preamble IMPLEMENTS, body mentions CITE', () => {
    const c = cite(
      [
        'ỦY BAN NHÂN DÂN',
        'TỈNH BÌNH THUẬN',
        'Số: 100/KH-UBND',
        'KẾ HOẠCH',
        'PHÁT TRIỂN KHOA HỌC',
        'Căn cứ Nghị định số 08/2014/NĐ-CP ngày 27/01/2014 của Chính phủ;',
        'Thực hiện Quyết định số 569/QĐ-TTg ngày 11/5/2022 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:',
        'I. NHIỆM VỤ',
        '1. Triển khai thực hiện Chỉ thị số 25/CT-TTg ngày 05/10/2023 của Thủ tướng Chính phủ.',
      ].join('\n'),
    );
    expect(c.out.get('vn/cp/nd/08-2014/2014')).toMatchObject({ kind: 'CITES', basis: true, lineStart: 6, lineEnd: 6 });
    expect(c.out.get('vn/ttg/qd/569/2022')).toMatchObject({ kind: 'IMPLEMENTS', basis: false, lineStart: 7 });
    expect(c.out.get('vn/ttg/ct/25/2023')).toMatchObject({ kind: 'CITES', basis: false, lineStart: 9 });
    expect(c.out.get('vn/ttg/qd/569/2022')!.evidence).toBe(
      'Thực hiện Quyết định số 569/QĐ-TTg ngày 11/5/2022 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:',
    );
    expect(c.out.get('vn/ttg/qd/569/2022')!.raw).toBe('Quyết định số 569/QĐ-TTg ngày 11/5/2022');
  });

  it('a list of legal bases keeps "Căn cứ" over its clauses, but not over a "Thực hiện" clause', () => {
    const c = cite(
      plan(
        'Căn cứ Nghị định số 08/2014/NĐ-CP ngày 27/01/2014 của Chính phủ; Thông tư số 03/2015/TT-BKHCN ngày 09/3/2015 của Bộ Khoa học và Công nghệ; thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị, UBND tỉnh ban hành Kế hoạch:',
      ),
    );
    expect(c.out.get('vn/cp/nd/08-2014/2014')).toMatchObject({ kind: 'CITES', basis: true });
    expect(c.out.get('vn/bkhcn/tt/03-2015/2015')).toMatchObject({ kind: 'CITES', basis: true });
    expect(c.out.get('vn/tw/kl/69/2024')).toMatchObject({ kind: 'IMPLEMENTS', basis: false });
  });

  it('the title "KẾ HOẠCH TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 709…" implements it', () => {
    const c = cite(' KẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 709/QĐ-TTG NGÀY 23/7/2024 CỦA THỦ TƯỚNG CHÍNH PHỦ\nI. MỤC ĐÍCH\n1. Nội dung ở Quảng Bình.');
    expect(c.out.get('vn/ttg/qd/709/2024')).toMatchObject({ kind: 'IMPLEMENTS', lineStart: 2, lineEnd: 2 });
  });

  it('follows chains: the document implements 709 and 156; 156 implements 69; 69 implements 20', () => {
    const c = cite(
      plan(
        'Thực hiện Quyết định số 709/QĐ-TTg ngày 23/7/2024 của Thủ tướng Chính phủ và Kế hoạch số 156-KH/TU ngày 24/4/2024 của Ban Thường vụ Tỉnh ủy về thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 20-NQ/TW ngày 01/11/2012 của Ban Chấp hành Trung ương Đảng khóa XI, UBND tỉnh ban hành Kế hoạch như sau:',
      ),
    );
    expect(c.out.get('vn/ttg/qd/709/2024')?.kind).toBe('IMPLEMENTS');
    expect(c.out.get('vn/binh-thuan/tu/kh/156/2024')?.kind).toBe('IMPLEMENTS');
    expect(c.out.get('vn/tw/kl/69/2024')?.kind).toBe('CITES');
    expect(c.out.get('vn/tw/nq/20/2012')?.kind).toBe('CITES');
    // 709 and 156 are coordinated under one trigger and both carry out 69 (709/QĐ-TTg is the
    // Government's plan for 69-KL/TW; issue 12: the chain missed that step).
    expect(c.chains.sort()).toEqual([
      'vn/binh-thuan/tu/kh/156/2024 -> vn/tw/kl/69/2024',
      'vn/ttg/qd/709/2024 -> vn/tw/kl/69/2024',
      'vn/tw/kl/69/2024 -> vn/tw/nq/20/2012',
    ]);
    const chain = c.citations.find((e) => e.from === 'vn/binh-thuan/tu/kh/156/2024')!;
    expect(chain).toMatchObject({ kind: 'IMPLEMENTS', basis: false, lineStart: 9 });
    expect(chain.evidence).toMatch(/^Thực hiện Quyết định số 709/);
    // The stub's title comes from the words after it.
    expect(c.doc('vn/binh-thuan/tu/kh/156/2024')?.title).toMatch(/^về thực hiện Kết luận số 69-KL\/TW/);
    // Without chain edges every edge leaves the citing document.
    expect(cite(plan('Thực hiện Kế hoạch số 156-KH/TU ngày 24/4/2024 của Ban Thường vụ Tỉnh ủy về thực hiện Kết luận số 69-KL/TW.'), { chainEdges: false }).chains).toEqual([]);
  });

  it('does not carry a coordinated sibling to what it cannot implement, nor one no trigger governs', () => {
    // A 2013 programme cannot carry out a 2024 conclusion.
    const older = cite(
      plan('Thực hiện Chương trình hành động số 19-CTr/TU ngày 13/3/2013 của Ban Thường vụ Tỉnh ủy và Kế hoạch số 156-KH/TU ngày 24/4/2024 của Ban Thường vụ Tỉnh ủy về thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị, UBND tỉnh ban hành Kế hoạch:'),
    );
    expect(older.chains).toContain('vn/binh-thuan/tu/kh/156/2024 -> vn/tw/kl/69/2024');
    expect(older.chains.filter((e) => e.startsWith('vn/binh-thuan/tu/ctr/19'))).toEqual([]);
    // A legal basis ("Căn cứ"), not governed by a trigger, is no sibling.
    const basis = cite(
      plan('Căn cứ Quyết định số 709/QĐ-TTg ngày 23/7/2024 của Thủ tướng Chính phủ và Kế hoạch số 156-KH/TU ngày 24/4/2024 của Ban Thường vụ Tỉnh ủy về thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị;'),
    );
    expect(basis.chains.filter((e) => e.startsWith('vn/ttg/qd/709'))).toEqual([]);
  });

  it('does not chain a later decision onto an older conclusion (a child cannot predate what it implements)', () => {
    const c = cite(
      plan('Thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 20-NQ/TW ngày 01/11/2012 và Quyết định số 709/QĐ-TTg ngày 23/7/2024 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch:'),
    );
    expect(c.out.get('vn/tw/kl/69/2024')?.kind).toBe('IMPLEMENTS');
    expect(c.out.get('vn/ttg/qd/709/2024')?.kind).toBe('IMPLEMENTS');
    expect(c.chains).toEqual(['vn/tw/kl/69/2024 -> vn/tw/nq/20/2012']);
  });

  it('coordinates with ";" (001) and stops at "gắn với"', () => {
    const c = cite(
      plan(
        'Thực hiện Quyết định số 569/QĐ-TTg ngày 11/5/2022 của Thủ tướng Chính phủ ban hành Chiến lược phát triển khoa học đến năm 2030; Quyết định số 2667/QĐ-BKHCN ngày 28/12/2022 của Bộ Khoa học và Công nghệ phê duyệt phương hướng, gắn với Nghị quyết số 29-NQ/TW, Nghị quyết số 45-NQ/TW, Ủy ban nhân dân tỉnh xây dựng Kế hoạch như sau:',
      ),
    );
    expect(c.out.get('vn/ttg/qd/569/2022')?.kind).toBe('IMPLEMENTS');
    expect(c.out.get('vn/bkhcn/qd/2667/2022')?.kind).toBe('IMPLEMENTS');
    expect(c.out.get('vn/tw/nq/29')?.kind).toBe('CITES');
    expect(c.out.get('vn/tw/nq/45')?.kind).toBe('CITES');
  });

  it('keeps one edge per pair: IMPLEMENTS beats CITES, basis is kept, evidence is the implementing sentence', () => {
    const c = cite(
      [
        '## KẾ HOẠCH',
        '**Triển khai thực hiện Kế hoạch số 245-KH/TU, ngày 28/5/2024 của Ban Thường vụ Tỉnh ủy**',
        'Căn cứ Kết luận số 69-KL/TW, ngày 11/01/2024 của Bộ Chính trị (viết tắt là Kết luận số 69-KL/TW) và Kế hoạch số 245-KH/TU, ngày 28/5/2024 của Ban Thường vụ Tỉnh ủy về thực hiện Kết luận số 69-KL/TW (viết tắt là Kế hoạch số 245-KH/TU).',
        '### I. MỤC ĐÍCH',
        '1. Triển khai Kết luận số 69-KL/TW, Kế hoạch 245-KH/TU và Kế hoạch này ở tỉnh Bình Thuận.',
        '(Ban hành kèm theo Kế hoạch số 3229 /KH-UBND ngày 27 /8/2024 của UBND tỉnh Bình Thuận)',
      ].join('\n'),
    );
    expect(c.ids).toEqual(['vn/binh-thuan/tu/kh/245/2024', 'vn/tw/kl/69/2024']);
    expect(c.out.get('vn/binh-thuan/tu/kh/245/2024')).toMatchObject({ kind: 'IMPLEMENTS', basis: true, lineStart: 2, lineEnd: 2 });
    expect(c.out.get('vn/tw/kl/69/2024')).toMatchObject({ kind: 'CITES', basis: true, lineStart: 3 });
    expect(c.chains).toEqual(['vn/binh-thuan/tu/kh/245/2024 -> vn/tw/kl/69/2024']);
    const pairs = c.citations.map((e) => `${e.from}|${e.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('never cites itself: its own number in the header, heading or appendix', () => {
    const c = cite(
      plan('Kế hoạch số 3229/KH-UBND thực hiện Quyết định số 569/QĐ-TTg ngày 11/5/2022.', [
        '1. Kế hoạch 3229/KH-UBND năm 2024 được phổ biến.',
        '(Ban hành kèm theo Kế hoạch số 3229 /KH-UBND ngày 27/8/2024 của UBND tỉnh Bình Thuận)',
      ]),
    );
    expect(c.ids).toEqual(['vn/ttg/qd/569/2022']);
    expect(c.out.get('vn/ttg/qd/569/2022')?.kind).toBe('IMPLEMENTS');
  });

  it('its own number followed by "thực hiện" implements, even in a news report', () => {
    const c = cite(
      'Phát triển khoa học\nTỉnh ủy Kon Tum ban hành Kế hoạch số 44-KH/TU thực hiện Kết luận số 69-KL/TW, ngày 11-01-2024 của Bộ Chính trị "về tiếp tục thực hiện Nghị quyết số 20-NQ/TW, ngày 01-11-2012".\nMột là, tăng cường lãnh đạo.',
    );
    expect(c.selfId).toBe('vn/kon-tum/tu/kh/44');
    expect(c.ids).toEqual(['vn/tw/kl/69/2024', 'vn/tw/nq/20/2012']);
    expect(c.out.get('vn/tw/kl/69/2024')?.kind).toBe('IMPLEMENTS');
    expect(c.out.get('vn/tw/nq/20/2012')?.kind).toBe('CITES');
    expect(c.chains).toEqual(['vn/tw/kl/69/2024 -> vn/tw/nq/20/2012']);
  });

  it('"ban hành kèm theo Quyết định này Kế hoạch thực hiện …" in the body implements', () => {
    const c = cite(
      [
        'ỦY BAN NHÂN DÂN',
        'TỈNH LÂM ĐỒNG',
        'Số: 12/QĐ-UBND',
        'QUYẾT ĐỊNH',
        'VỀ VIỆC BAN HÀNH KẾ HOẠCH',
        'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
        'QUYẾT ĐỊNH:',
        'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
        'I. NỘI DUNG',
        '1. Tuyên truyền Nghị quyết số 57-NQ/TW.',
      ].join('\n'),
    );
    expect(c.out.get('vn/tw/nq/57/2024')).toMatchObject({ kind: 'IMPLEMENTS', lineStart: 8 });
  });

  it('emits an issuer agency per cited document and sets issuerId on every stub', () => {
    const c = cite(
      plan('Thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị và Kế hoạch số 245-KH/TU ngày 28/5/2024 của Ban Thường vụ Tỉnh ủy, UBND tỉnh ban hành Kế hoạch:'),
    );
    expect(c.citedDocuments.every((d) => d.stub && d.issuerId && c.agencies.some((a) => a.id === d.issuerId))).toBe(true);
    expect(c.agencies.map((a) => a.id).sort()).toEqual(['vn/agency/bo-chinh-tri', 'vn/binh-thuan/agency/ban-thuong-vu-tinh-uy']);
  });
});
