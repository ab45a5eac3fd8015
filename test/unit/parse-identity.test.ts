import { describe, expect, it } from 'vitest';
import { DocumentTypeCode } from '../../graph-schema/index.js';
import { dateAt } from '../../ingest/parse/dates.js';
import { numberAt } from '../../ingest/parse/document-numbers.js';
import { foldLower } from '../../ingest/parse/text/fold.js';
import { identityDocumentId, parseIdentity, readIdentity } from '../../ingest/parse/identity/index.js';
import { cleanInline, toSourceLines } from '../../ingest/parse/text/lines.js';

/** Pure tests of the identity reader on synthetic snippets (no database). */

const read = (text: string) => readIdentity(toSourceLines(text));
const ident = (text: string) => parseIdentity(toSourceLines(text));

describe('lines', () => {
  it('numbers lines from 1, strips \\r, normalises to NFC and NBSP to spaces', () => {
    const lines = toSourceLines('a\r\nb\u00a0c\rd\n\ne\u0301');
    expect(lines).toEqual([
      { n: 1, text: 'a' },
      { n: 2, text: 'b c' },
      { n: 3, text: 'd' },
      { n: 4, text: '' },
      { n: 5, text: 'é' },
    ]);
  });

  it('cleans the Markdown and HTML debris of the corpus', () => {
    expect(cleanInline('## **KẾ HOẠCH**')).toBe('KẾ HOẠCH');
    expect(cleanInline('**1\\. Tăng cường** kinh tế \\- xã hội')).toBe('1. Tăng cường kinh tế - xã hội');
    expect(cleanInline('**          **')).toBe('');
    expect(cleanInline('ngày 26/3/2024<sup>(1)</sup>.')).toBe('ngày 26/3/2024 .');
    expect(cleanInline('<b>4.1</b>\t<p>Tăng cường</p>')).toBe('4.1\tTăng cường');
    expect(cleanInline('*Minh*  ')).toBe('Minh');
    expect(cleanInline('* mục một')).toBe('- mục một');
    expect(cleanInline('Sở KH&amp;CN')).toBe('Sở KH&CN');
  });
});

describe('shared vocabulary', () => {
  const num = (s: string) => numberAt(s, foldLower(s), 0)?.number ?? null;

  it('reads document numbers in every spelling, with one canonical form', () => {
    expect(num('69-KL/TW')).toBe('69-KL/TW');
    expect(num('69/KL-TW')).toBe('69-KL/TW');
    expect(num('69 - KL/TW')).toBe('69-KL/TW');
    expect(num('709/QĐ-TTG')).toBe('709/QĐ-TTg');
    expect(num('3229 /KH-UBND')).toBe('3229/KH-UBND');
    expect(num('3229\n/KH-UBND')).toBe('3229/KH-UBND');
    expect(num('06/2021/NQ-HĐND')).toBe('06/2021/NQ-HĐND');
    expect(num('06/2021/HĐND')).toBe('06/2021/HĐND');
    expect(num('19-CTr/TU')).toBe('19-CTr/TU');
    expect(num('17/2019/TT-BKHCN')).toBe('17/2019/TT-BKHCN');
    expect(num('1234/UBND-KGVX')).toBe('1234/UBND-KGVX');
  });

  it('does not take dates or fractions for numbers', () => {
    expect(num('11/01/2024')).toBeNull();
    expect(num('1/3 số xã')).toBeNull();
    expect(num('24/24 giờ')).toBeNull();
  });

  it('reads dates in the three formats', () => {
    const d = (s: string) => dateAt(foldLower(s), 0)?.iso ?? null;
    expect(d('ngày 11 tháng 01 năm 2024')).toBe('2024-01-11');
    expect(d('ngày 11/01/2024')).toBe('2024-01-11');
    expect(d('11-01-2024')).toBe('2024-01-11');
    expect(d('27 /8/2024')).toBe('2024-08-27');
    expect(d('32/13/2024')).toBeNull();
  });
});

describe('parseIdentity: headers', () => {
  it('reads a provincial People’s Committee header, title and signature', () => {
    const text = [
      'ỦY BAN NHÂN DÂN',
      'TỈNH BẮC KẠN',
      '-------',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 380 /KH-UBND',
      'Bắc Kạn, ngày 16 tháng 6 năm 2023',
      'KẾ HOẠCH',
      'KHOA HỌC, CÔNG NGHỆ VÀ ĐỔI MỚI SÁNG TẠO TỈNH BẮC KẠN ĐẾN NĂM 2025',
      'Thực hiện Quyết định số 569/QĐ-TTg ngày 11/5/2022 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh xây dựng Kế hoạch như sau:',
      'I. MỤC TIÊU',
      '1. Nâng cao năng lực.',
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Đăng Bình',
    ].join('\n');
    const r = read(text);
    expect(r.identity).toMatchObject({
      typeCode: 'kh',
      typeName: 'Kế hoạch',
      number: '380/KH-UBND',
      issuerPath: 'bac-kan/ubnd',
      issuerName: 'Ủy ban nhân dân tỉnh Bắc Kạn',
      level: 'province',
      province: 'Bắc Kạn',
      provinceSlug: 'bac-kan',
      date: '2023-06-16',
      year: 2023,
      place: 'Bắc Kạn',
      signer: 'Nguyễn Đăng Bình',
      title: 'KHOA HỌC, CÔNG NGHỆ VÀ ĐỔI MỚI SÁNG TẠO TỈNH BẮC KẠN ĐẾN NĂM 2025',
    });
    expect(identityDocumentId(r.identity)).toBe('vn/bac-kan/ubnd/kh/380/2023');
    expect(r.issuerAgency?.id).toBe('vn/bac-kan/agency/uy-ban-nhan-dan-tinh');
    expect(r.warnings).toEqual([]);
  });

  it('reads the metadata block of legal-document websites', () => {
    const text = [
      'Chủ nhật, Ngày 27/10/2024',
      'Kế hoạch 380/KH-UBND năm 2023 về khoa học tỉnh Bắc Kạn',
      'Số hiệu 380/KH-UBND',
      'Ngày ban hành 16/06/2023',
      'Loại văn bản Kế hoạch',
      'Cơ quan ban hành Tỉnh Bắc Kạn',
      'Người ký Nguyễn Đăng Bình',
      'Lĩnh vực Sở hữu trí tuệ',
      '',
      'Nội dung kế hoạch.',
    ].join('\n');
    expect(ident(text)).toMatchObject({
      typeCode: 'kh',
      number: '380/KH-UBND',
      issuerPath: 'bac-kan/ubnd',
      province: 'Bắc Kạn',
      date: '2023-06-16',
      signer: 'Nguyễn Đăng Bình',
    });
    // "Chủ nhật, Ngày 27/10/2024" is the website's page date, not a place and date of issue.
    expect(ident(text).place).toBeNull();
  });

  it('reads a central Party header written as a Markdown table', () => {
    const text = [
      '# Nghị quyết 20 \\- 2012',
      '',
      '| BAN CHẤP HÀNH TRUNG ƯƠNG',
      '\\-------- | ĐẢNG CỘNG SẢN VIỆT NAM',
      '\\--------------- |',
      '| :---- | :---- |',
      '| Số: 20-NQ/TW | *Hà Nội, ngày 01 tháng 11 năm 2012* |',
      '',
      '**NGHỊ QUYẾT**  ',
      '**HỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XI**',
      '',
      'VỀ PHÁT TRIỂN KHOA HỌC VÀ CÔNG NGHỆ',
      '',
      '**A- TÌNH HÌNH VÀ NGUYÊN NHÂN**',
    ].join('\n');
    const id = ident(text);
    expect(id).toMatchObject({
      typeCode: 'nq',
      number: '20-NQ/TW',
      issuerPath: 'tw',
      level: 'central',
      province: null,
      date: '2012-11-01',
      place: 'Hà Nội',
      title: 'HỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XI VỀ PHÁT TRIỂN KHOA HỌC VÀ CÔNG NGHỆ',
    });
    expect(identityDocumentId(id)).toBe('vn/tw/nq/20/2012');
  });

  it('reads a provincial Party committee header and "T/M BAN THƯỜNG VỤ" signature', () => {
    const text = [
      'ĐẢNG BỘ TỈNH BẮC GIANG',
      'TỈNH ỦY',
      '*',
      'Số 123-KH/TU',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Bắc Giang, ngày 5 tháng 3 năm 2024',
      'KẾ HOẠCH',
      'thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị',
      'I- MỤC ĐÍCH, YÊU CẦU',
      '1. Nội dung.',
      'T/M BAN THƯỜNG VỤ',
      'PHÓ BÍ THƯ',
      'Lê Thị Thu Hồng',
    ].join('\n');
    const r = read(text);
    expect(r.identity).toMatchObject({
      typeCode: 'kh',
      number: '123-KH/TU',
      issuerPath: 'bac-giang/tu',
      issuerName: 'Ban Thường vụ Tỉnh ủy Bắc Giang',
      level: 'province',
      province: 'Bắc Giang',
      date: '2024-03-05',
      signer: 'Lê Thị Thu Hồng',
    });
    expect(r.issuerAgency?.id).toBe('vn/bac-giang/agency/ban-thuong-vu-tinh-uy');
  });

  it('reads Government, Prime Minister and ministry headers as central and ministry levels', () => {
    const gov = ident('CHÍNH PHỦ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 03/NQ-CP\nHà Nội, ngày 09 tháng 01 năm 2025\nNGHỊ QUYẾT\nBAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG\nTM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nNguyễn Hòa Bình');
    expect(gov).toMatchObject({ typeCode: 'nq', number: '03/NQ-CP', issuerPath: 'cp', level: 'central', province: null, date: '2025-01-09', signer: 'Nguyễn Hòa Bình' });
    const ttg = ident('THỦ TƯỚNG CHÍNH PHỦ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 709/QĐ-TTg\nHà Nội, ngày 23 tháng 7 năm 2024\nQUYẾT ĐỊNH\nBAN HÀNH KẾ HOẠCH');
    expect(ttg).toMatchObject({ typeCode: 'qd', number: '709/QĐ-TTg', issuerPath: 'ttg', level: 'central', year: 2024 });
    const bo = ident('BỘ KHOA HỌC VÀ CÔNG NGHỆ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 2667/QĐ-BKHCN\nHà Nội, ngày 28 tháng 12 năm 2022\nQUYẾT ĐỊNH\nPHÊ DUYỆT PHƯƠNG HƯỚNG');
    expect(bo).toMatchObject({ typeCode: 'qd', issuerPath: 'bkhcn', level: 'ministry', issuerName: 'Bộ Khoa học và Công nghệ', province: null });
  });

  it('reads a People’s Council resolution (year from the number) and a district header', () => {
    const hdnd = ident('HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG BÌNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 06/2021/NQ-HĐND\nNGHỊ QUYẾT\nVỀ CHÍNH SÁCH HỖ TRỢ');
    expect(hdnd).toMatchObject({ typeCode: 'nq', number: '06/2021/NQ-HĐND', issuerPath: 'quang-binh/hdnd', level: 'province', year: 2021, date: null });
    expect(identityDocumentId(hdnd)).toBe('vn/quang-binh/hdnd/nq/06-2021/2021');

    const district = ident(
      'ỦY BAN NHÂN DÂN\nHUYỆN A LƯỚI\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 45/KH-UBND\nA Lưới, ngày 02 tháng 3 năm 2024\nKẾ HOẠCH\nPHÁT TRIỂN DU LỊCH\nI. MỤC ĐÍCH\nĐóng góp vào phát triển của tỉnh Thừa Thiên Huế.',
    );
    expect(district).toMatchObject({ level: 'district', issuerPath: 'thua-thien-hue/huyen-a-luoi/ubnd', province: 'Thừa Thiên Huế', place: 'A Lưới' });
  });

  it('maps every type heading to its code', () => {
    const cases: Array<[string, DocumentTypeCode]> = [
      ['NGHỊ QUYẾT', 'nq'],
      ['KẾT LUẬN', 'kl'],
      ['QUYẾT ĐỊNH', 'qd'],
      ['KẾ HOẠCH', 'kh'],
      ['CHƯƠNG TRÌNH HÀNH ĐỘNG', 'ctr'],
      ['CHỈ THỊ', 'ct'],
      ['THÔNG TƯ', 'tt'],
      ['THÔNG BÁO', 'tb'],
      ['NGHỊ ĐỊNH', 'nd'],
      ['HƯỚNG DẪN', 'hd'],
      ['LUẬT', 'luat'],
    ];
    for (const [heading, code] of cases) {
      expect(ident(`TỈNH ỦY LÂM ĐỒNG\n*\n${heading}\nVỀ VIỆC THỬ NGHIỆM\n1. Nội dung.`).typeCode, heading).toBe(code);
    }
    // An official letter has no heading: "V/v …" and a number with a department code.
    expect(ident('ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 1234/UBND-KGVX\nV/v triển khai Kết luận 69-KL/TW').typeCode).toBe('cv');
  });
});

describe('parseIdentity: titles as portals copy them', () => {
  // Each from a document of data/wild, its lines as the copy breaks them; the title read from it.
  const header = (type: string, ...lines: string[]) =>
    ['ỦY BAN NHÂN DÂN', 'TỈNH BẮC NINH', 'Số: 144/KH-UBND', 'Bắc Ninh, ngày 24 tháng 11 năm 2025', type, ...lines].join('\n');

  it('keeps the period a title carries on a line of its own', () => {
    const r = read(header('KẾ HOẠCH', 'PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH GIAI ĐOẠN', '2026 - 2030', 'Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;', 'I. QUAN ĐIỂM'));
    expect(r.identity.title).toBe('PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH GIAI ĐOẠN 2026 - 2030');
  });

  it('reads on past a short "VỀ" line', () => {
    const r = read(header('QUYẾT ĐỊNH', 'VỀ', 'VIỆC ĐIỀU CHỈNH GIẢM LÃI SUẤT CHO VAY MỘT SỐ CHƯƠNG TRÌNH TÍN DỤNG CHÍNH SÁCH TẠI', 'NGÂN HÀNG CHÍNH SÁCH XÃ HỘI', 'Căn cứ Luật Tổ chức Chính phủ;'));
    expect(r.identity.title).toBe('VỀ VIỆC ĐIỀU CHỈNH GIẢM LÃI SUẤT CHO VAY MỘT SỐ CHƯƠNG TRÌNH TÍN DỤNG CHÍNH SÁCH TẠI NGÂN HÀNG CHÍNH SÁCH XÃ HỘI');
  });

  it('stops at the heading of whoever decides', () => {
    const r = read(header('QUYẾT ĐỊNH', 'BAN', 'HÀNH QUY CHẾ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO NHÀ NƯỚC VỀ DU LỊCH', 'TRƯỞNG BAN CHỈ ĐẠO NHÀ NƯỚC VỀ DU LỊCH', 'Căn cứ Luật Tổ chức Chính phủ;'));
    expect(r.identity.title).toBe('BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO NHÀ NƯỚC VỀ DU LỊCH');
    const hanoi = read(header('QUYẾT ĐỊNH', 'VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH', 'GIÁM ĐỐC TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG THÀNH PHỐ', 'HÀ NỘI', 'Căn cứ Luật Tổ chức chính quyền địa phương;'));
    expect(hanoi.identity.title).toBe('VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH');
  });
});

describe('parseIdentity: documents without a header', () => {
  it('takes its own number and date from the appendix caption', () => {
    const text = [
      '## KẾ HOẠCH',
      '**Triển khai thực hiện Kế hoạch số 245-KH/TU, ngày 28/5/2024 của Ban Thường vụ Tỉnh ủy**',
      'Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai như sau:',
      '### I. MỤC ĐÍCH, YÊU CẦU',
      '1. Nội dung.',
      '**KT. CHỦ TỊCH  ',
      'PHÓ CHỦ TỊCH**',
      '*Minh*  ',
      '**Nguyễn Minh**',
      '## PHỤ LỤC',
      '(Ban hành kèm theo Kế hoạch số 3229 /KH-UBND ngày 27 /8/2024 của UBND tỉnh Bình Thuận)',
      'Số TT\tNội dung\tCơ quan chủ trì',
    ].join('\n');
    const id = ident(text);
    expect(id).toMatchObject({
      typeCode: 'kh',
      number: '3229/KH-UBND',
      issuerPath: 'binh-thuan/ubnd',
      province: 'Bình Thuận',
      date: '2024-08-27',
      signer: 'Nguyễn Minh',
      title: 'Triển khai thực hiện Kế hoạch số 245-KH/TU, ngày 28/5/2024 của Ban Thường vụ Tỉnh ủy',
    });
    expect(identityDocumentId(id)).toBe('vn/binh-thuan/ubnd/kh/3229/2024');
  });

  it('does not take a cited decision "ban hành kèm theo" in the body for its own number', () => {
    const text = 'KẾ HOẠCH\nPHÁT TRIỂN\nI. NHIỆM VỤ\n1. Thực hiện Chiến lược ban hành kèm theo Quyết định số 569/QĐ-TTg ngày 11/5/2022.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\nDu lịch Quảng Bình.';
    expect(ident(text).number).toBeNull();
  });

  it('finds the province in the body, and hashes the title into the id when there is no number', () => {
    const text = (title: string) =>
      [
        ' KẾ HOẠCH',
        title,
        'Thực hiện Quyết định số 709/QĐ-TTg ngày 23/7/2024 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch triển khai thực hiện như sau:',
        'I. MỤC ĐÍCH, YÊU CẦU',
        '- Thu hút các nhà khoa học là con em Quảng Bình đang sinh sống ở nước ngoài.',
        'TM. ỦY BAN NHÂN DÂN',
        ' PHÓ CHỦ TỊCH',
        'Hoàng Xuân Tân',
      ].join('\n');
    const r = read(text('TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 709/QĐ-TTG'));
    expect(r.identity).toMatchObject({
      typeCode: 'kh',
      number: null,
      issuerPath: 'quang-binh/ubnd',
      province: 'Quảng Bình',
      date: null,
      year: null,
      signer: 'Hoàng Xuân Tân',
    });
    const id = identityDocumentId(r.identity);
    expect(id).toMatch(/^vn\/quang-binh\/ubnd\/kh\/untitled-[0-9a-f]{12}$/);
    // Stable across runs and spellings of whitespace; different for another title.
    expect(identityDocumentId(ident(text('TRIỂN KHAI  THỰC HIỆN QUYẾT ĐỊNH SỐ 709/QĐ-TTG')))).toBe(id);
    expect(identityDocumentId(ident(text('TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 69-KL/TW')))).not.toBe(id);
    expect(r.warnings.join(' ')).toMatch(/no document number/);
    expect(r.warnings.join(' ')).toMatch(/no issue date/);
  });

  it('reads a Party committee plan whose only issuer clue is the preamble and the signature', () => {
    const text = [
      '## KẾ HOẠCH',
      'Thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị',
      'Thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện như sau:',
      '### I- MỤC ĐÍCH, YÊU CẦU',
      '1. Đưa tỉnh Bắc Giang trở thành tỉnh công nghiệp.',
      '**T/M BAN THƯỜNG VỤ  ',
      'PHÓ BÍ THƯ**',
      '**Lê Thị Thu Hồng**',
    ].join('\n');
    expect(ident(text)).toMatchObject({
      typeCode: 'kh',
      number: null,
      issuerPath: 'bac-giang/tu',
      level: 'province',
      province: 'Bắc Giang',
      signer: 'Lê Thị Thu Hồng',
      title: 'Thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị',
    });
  });

  it('reads a document named by its first heading, signed in a Markdown table', () => {
    const text = [
      '# Kết luận số 69-KL/TW',
      '',
      'Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 20-NQ/TW',
      '',
      '**1\\. Tăng cường sự lãnh đạo của Đảng**',
      'Nội dung.',
      '|   | T/M BỘ CHÍNH TRỊ *(Đã ký)* Trương Thị Mai |',
      '| :---- | :---- |',
    ].join('\n');
    const r = read(text);
    expect(r.identity).toMatchObject({
      typeCode: 'kl',
      number: '69-KL/TW',
      issuerPath: 'tw',
      issuerName: 'Bộ Chính trị',
      level: 'central',
      province: null,
      date: '2024-01-11',
      signer: 'Trương Thị Mai',
      title: 'về tiếp tục thực hiện Nghị quyết số 20-NQ/TW',
    });
    expect(r.issuerAgency).toMatchObject({ id: 'vn/agency/bo-chinh-tri', province: null, level: 'central' });
  });

  it('reads a news report as the document it reports, with a warning', () => {
    const text = [
      'Phát triển khoa học, công nghệ phục vụ sự nghiệp công nghiệp hóa',
      'Tỉnh ủy Kon Tum ban hành Kế hoạch số 44-KH/TU thực hiện Kết luận số 69-KL/TW, ngày 11-01-2024 của Bộ Chính trị.',
      'Theo đó, Kế hoạch bao gồm các nội dung trọng tâm:',
      'Một là, tăng cường sự lãnh đạo.',
    ].join('\n');
    const r = read(text);
    expect(r.reported).toBe(true);
    expect(r.identity).toMatchObject({
      typeCode: 'kh',
      number: '44-KH/TU',
      issuerPath: 'kon-tum/tu',
      issuerName: 'Tỉnh ủy Kon Tum',
      province: 'Kon Tum',
      date: null,
      signer: null,
    });
    expect(r.identity.title).toMatch(/^Kế hoạch thực hiện Kết luận số 69-KL\/TW/);
    expect(identityDocumentId(r.identity)).toBe('vn/kon-tum/tu/kh/44');
    expect(r.warnings.join(' ')).toMatch(/report about Kế hoạch 44-KH\/TU/);
  });
});
