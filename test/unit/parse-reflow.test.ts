/**
 * The reflow stage on the shapes real portal copies and scans take (data/wild): hard-wrapped
 * paragraphs, table cells one per line between pipes, the portal's metadata block, banner and
 * footer. Expected lines written from reading the inputs below.
 */
import { describe, expect, it } from 'vitest';
import { reflow } from '../../ingest/parse/reflow/index.js';
import { toSourceLines } from '../../ingest/parse/text/lines.js';

const run = (text: string) => reflow(toSourceLines(text));
const texts = (text: string) => run(text).map((l) => l.text);

/** Enough wrapped prose (each line ~80 characters, the next starting in lower case) to be read as hard-wrapped. */
const WRAPPED_BODY = Array.from(
  { length: 10 },
  (_, k) => `Nội dung số ${k} được trình bày trên nhiều dòng của bản sao từ cổng thông tin và phải\nđược nối lại thành một đoạn văn duy nhất khi đọc.`,
).join('\n');

/** A portal copy of a table written one cell per line between pipes, after wrapped prose; its rebuilt rows. */
function tableOf(cells: string[]): { text: string; rows: ReturnType<typeof run> } {
  const text = `${WRAPPED_BODY}\n|\n${cells.map((c) => `${c}\n|`).join('\n')}\nKết thúc.`;
  return { text, rows: run(text).filter((l) => l.text.includes('\t')) };
}

describe('reflow of portal copies', () => {
  it('leaves a text written a paragraph per line as it is', () => {
    const text = 'KẾ HOẠCH\nThực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 20-NQ/TW, một đoạn dài hơn một trăm mười ký tự để không bị coi là văn bản bị ngắt dòng.\n1. Nhiệm vụ';
    expect(run(text)).toEqual(toSourceLines(text));
  });

  it('drops the banner, reads the metadata block as "label: value" lines and drops the footer', () => {
    const text = [
      '|',
      'Bản dịch này thuộc quyền sở hữu của **',
      'THƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép là vi phạm pháp luật.',
      'Đang tải văn bản...',
      '**Số hiệu:**',
      '|',
      '980/KH-UBND',
      '|',
      '|',
      '**Ngày ban hành:**',
      '|',
      '18/11/2025',
      '|',
      '|',
      WRAPPED_BODY,
      'Kế hoạch 980/KH-UBND năm 2025 thực hiện Quyết định 1899/QĐ-TTg',
      'Văn bản này chưa cập nhật nội dung Tiếng Anh',
      'Ban hành: 04/09/2025',
    ].join('\n');
    const out = texts(text);
    expect(out[0]).toBe('Số hiệu: 980/KH-UBND');
    expect(out[1]).toBe('Ngày ban hành: 18/11/2025');
    expect(out.join('\n')).not.toMatch(/THƯ VIỆN PHÁP LUẬT|Đang tải|Tiếng Anh|04\/09\/2025|năm 2025 thực hiện Quyết định 1899/);
  });

  it("drops a news page's download links and the invitation to ask that ends it", () => {
    // thuvienphapluat's page on 126/QĐ-BCĐCP (tnt305__9a715fb32fa2cc03.md) and on 188/KH-UBND of Hồ Chí Minh City (tnt305__35e18cbe8c38a39b.md).
    const text = [
      '**TẢI VỀ Toàn văn Quyết định 126/QĐ-BCĐCP năm 2025**',
      '',
      '- Chủ động, kịp thời báo cáo kết quả thực hiện các nhiệm vụ về Bộ Khoa học và Công nghệ.',
      '',
      '**TẢI VỀ Toàn văn Nghị quyết 71-NQ/TW năm 2025 về đột phá phát triển giáo dục và đào tạo.**',
      '',
      '- Thực hiện quy định của cơ sở giáo dục mầm non độc lập và các quy định khác của pháp luật.',
      '',
      'Quý khách cần hỏi thêm thông tin về có thể đặt câu hỏi tại đây.',
    ].join('\n');
    expect(texts(text).filter((t) => t.trim())).toEqual([
      '- Chủ động, kịp thời báo cáo kết quả thực hiện các nhiệm vụ về Bộ Khoa học và Công nghệ.',
      '- Thực hiện quy định của cơ sở giáo dục mầm non độc lập và các quy định khác của pháp luật.',
    ]);
  });

  it('joins wrapped paragraphs and keeps the span of original lines', () => {
    const text = `${WRAPPED_BODY}\n**I. MỤC ĐÍCH,\nYÊU CẦU**\n1. Kiện toàn Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã; ban hành quy chế\nhoạt động của Ban Chỉ huy.\n2. Diễn tập phòng thủ dân sự.`;
    const out = run(text);
    expect(out[0]).toMatchObject({ n: 1, end: 2 });
    expect(out[0]!.text).toMatch(/phải được nối lại/);
    const heading = out.find((l) => l.text.includes('MỤC ĐÍCH'))!;
    expect(heading.text).toBe('**I. MỤC ĐÍCH, YÊU CẦU**');
    const item = out.find((l) => l.text.startsWith('1. Kiện toàn'))!;
    expect(item.text).toMatch(/ban hành quy chế hoạt động của Ban Chỉ huy\.$/);
    expect(item.end! - item.n).toBe(1);
    expect(out.some((l) => l.text === '2. Diễn tập phòng thủ dân sự.')).toBe(true);
  });

  it('joins a number the wrap cut from the word it follows, though it looks like a list item', () => {
    // 0129/KH-UBND of Đắk Lắk: "… ưu tiên các địa bàn cấp độ" / "1. Cấp ngay mì tôm …"; 33/2025/NQ-HĐND of Huế: "… khoản" / "4; điểm a …".
    const text = `${WRAPPED_BODY}\n- Giai đoạn khẩn cấp: Tổ chức lực lượng, phương tiện tiếp cận ngay các vùng ngập sâu, ưu tiên các địa bàn cấp độ\n1. Cấp ngay mì tôm, lương khô, nước uống, thuốc men thiết yếu cho Nhân dân.\nÁp dụng theo quy định tại khoản 1, khoản 2, khoản 3 và khoản\n4; điểm a khoản 2 Điều 13.\n**II. MỤC TIÊU CHUNG VÀ CÁC NHÓM**\n1. Tổ chức lực lượng.`;
    const out = texts(text);
    expect(out).toContain('- Giai đoạn khẩn cấp: Tổ chức lực lượng, phương tiện tiếp cận ngay các vùng ngập sâu, ưu tiên các địa bàn cấp độ 1. Cấp ngay mì tôm, lương khô, nước uống, thuốc men thiết yếu cho Nhân dân.');
    expect(out).toContain('Áp dụng theo quy định tại khoản 1, khoản 2, khoản 3 và khoản 4; điểm a khoản 2 Điều 13.');
    // A heading in capitals that ends with such a word still ends before the list.
    expect(out).toContain('1. Tổ chức lực lượng.');
  });

  it('keeps "Số:" with the number on the next line, a date split over lines, and a number cut by the wrap', () => {
    const text = `${WRAPPED_BODY}\n|\nSố:\n2609/QĐ-UBND\n|\n*Cần\nThơ, ngày 24 tháng 11 năm 2025*\n|\nThực hiện Thông tri số\n02-TT/TU ngày 03 tháng 10 năm 2025 của Thành ủy về lãnh đạo tiếp tục thực hiện.`;
    const out = texts(text);
    expect(out).toContain('Số: 2609/QĐ-UBND');
    expect(out).toContain('*Cần Thơ, ngày 24 tháng 11 năm 2025*');
    expect(out.some((l) => l.startsWith('Thực hiện Thông tri số 02-TT/TU ngày 03'))).toBe(true);
  });

  it('rebuilds a task table written one cell per line, group rows and empty cells included', () => {
    const cells = [
      '**TT**', '**Nội dung thực\nhiện**', '**Cơ quan chủ trì**', '**Cơ quan phối hợp**', '**Thời gian hoàn\nthành**', '**Sản phẩm dự kiến**', '',
      '**I**', '**KIỆN TOÀN VÀ HOÀN THIỆN\nCƠ CHẾ CHỈ ĐẠO**', '',
      '1', 'Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh,\ncấp xã', 'Bộ CHQS tỉnh; UBND\ncấp xã', 'Văn phòng Ban Chỉ\nhuy', 'Trước ngày\n30/11/2025', 'Quyết định', '',
      '2', 'Triển khai thực hiện một số nội dung chi', 'Sở Tài chính', 'Cơ quan, địa\nphương liên quan', '2025', '', '',
    ];
    const { text, rows } = tableOf(cells);
    expect(rows.map((r) => r.text.split('\t').length)).toEqual([6, 2, 6, 6]);
    expect(rows[2]!.text.split('\t')).toEqual([
      '1', 'Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã', 'Bộ CHQS tỉnh; UBND cấp xã', 'Văn phòng Ban Chỉ huy', 'Trước ngày 30/11/2025', 'Quyết định',
    ]);
    expect(rows[3]!.text.split('\t')[5]).toBe('');
    const firstLine = text.split('\n').indexOf('1') + 1;
    expect(rows[2]!.n).toBe(firstLine);
  });

  it('rebuilds a table of targets ("TT | Chỉ tiêu | Chủ trì") rather than reading each cell as a paragraph', () => {
    // 144/KH-UBND of Bắc Ninh (data/wild), its appendix: an agency's cell was read as an item of its own.
    const cells = [
      '**TT**', '**Chỉ tiêu**', '**Chủ trì**', '', '',
      '**I. Kinh\ntế số**', '', '',
      '1', 'Kinh tế số chiếm 45% GRDP tỉnh.', 'Sở Tài chính', '',
      '2', 'Kinh phí chi cho nghiên cứu\nphát triển\n(R&D)/GRDP tối thiểu 2%.', 'Sở Tài chính', '',
    ];
    const { rows } = tableOf(cells);
    expect(rows.map((r) => r.text)).toEqual([
      '**TT**\t**Chỉ tiêu**\t**Chủ trì**',
      '**I. Kinh tế số**\t',
      '1\tKinh tế số chiếm 45% GRDP tỉnh.\tSở Tài chính',
      '2\tKinh phí chi cho nghiên cứu phát triển (R&D)/GRDP tối thiểu 2%.\tSở Tài chính',
    ]);
  });

  it('keeps a group row that spans the table (one cell) a table line, and does not end the table at it', () => {
    const cells = [
      '**STT**', '**Tên nhiệm vụ**', '**Cơ quan chủ trì**', '**Cơ quan phối hợp**', '**Thời gian hoàn\nthành**', '',
      '**I.\nNÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY**', '',
      '1', 'Triển khai nền tảng đào tạo trực tuyến mở đại trà', 'Sở KH&CN', 'Các sở, ban, ngành', 'Thường xuyên', '',
    ];
    const { rows } = tableOf(cells);
    expect(rows.map((r) => r.text)).toEqual([
      '**STT**\t**Tên nhiệm vụ**\t**Cơ quan chủ trì**\t**Cơ quan phối hợp**\t**Thời gian hoàn thành**',
      '**I. NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY**\t',
      '1\tTriển khai nền tảng đào tạo trực tuyến mở đại trà\tSở KH&CN\tCác sở, ban, ngành\tThường xuyên',
    ]);
  });

  it('joins a bold heading that the copy broke over a blank line, but not two headings', () => {
    const text = `${WRAPPED_BODY}\n\n**3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố, Hội Liên hiệp**\n\n**Phụ nữ Thành phố và các tổ\nchức thành viên của Mặt trận**\n\n**II. NHIỆM VỤ**\n\n**1. Về dữ liệu**`;
    const out = texts(text);
    expect(out).toContain('**3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố, Hội Liên hiệp** **Phụ nữ Thành phố và các tổ chức thành viên của Mặt trận**');
    expect(out).toContain('**II. NHIỆM VỤ**');
    expect(out).toContain('**1. Về dữ liệu**');
  });

  it('does not join the header lines of a scan', () => {
    const text = `${WRAPPED_BODY}\n\nCHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 318/NQ-CP Hà Nội, ngày 09 tháng 10 năm 2025\nNGHỊ QUYẾT`;
    const out = texts(text);
    expect(out).toContain('Số: 318/NQ-CP Hà Nội, ngày 09 tháng 10 năm 2025');
    expect(out).toContain('NGHỊ QUYẾT');
  });

  it('joins a bullet the PDF conversion left alone on its line to the words after it', () => {
    // 57-NQ/TW III.1 as published (test/fixtures/links/nq-57-NQTW-2024.md, lines 64-67).
    const text = [
      '\\-   ',
      'Các cấp uỷ, tổ chức đảng, cán bộ, đảng viên cần nhận thức đầy đủ tầm quan trọng.',
      '',
      '\\- Có chương trình tuyên truyền, giáo dục hiệu quả.',
      '-',
      '',
      'Đoạn sau một dòng trống không phải là lời của gạch đầu dòng.',
    ].join('\n');
    const out = run(text);
    expect(out[0]).toMatchObject({ n: 1, end: 2, text: '- Các cấp uỷ, tổ chức đảng, cán bộ, đảng viên cần nhận thức đầy đủ tầm quan trọng.' });
    expect(out.map((l) => l.text)).toEqual([
      '- Các cấp uỷ, tổ chức đảng, cán bộ, đảng viên cần nhận thức đầy đủ tầm quan trọng.',
      '',
      '\\- Có chương trình tuyên truyền, giáo dục hiệu quả.',
      '-',
      '',
      'Đoạn sau một dòng trống không phải là lời của gạch đầu dòng.',
    ]);
  });
});
