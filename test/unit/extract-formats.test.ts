import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSource } from '../../ingest/extract/extract-source.js';
import { htmlToText } from '../../ingest/extract/html-text.js';
import { layoutLines } from '../../ingest/extract/layout-lines.js';
import { parseBytes } from '../../ingest/parse-file.js';

const fixtures = join(import.meta.dirname, '../fixtures/formats');
const read = (name: string) => readFileSync(join(fixtures, name));
const MAX = 5 * 1024 * 1024;

describe('DOCX (mammoth → HTML → text)', () => {
  it('reads a plan with a header table, headings, bold and a task table as the parser wants it', async () => {
    // Expected lines written from the document's content (see make-fixtures.ts, makeDocx).
    const { text, source } = await extractSource(read('plan.docx'), 'plan.docx', { maxBytes: MAX });
    expect(source).toEqual({ format: 'docx', pages: [], ocrConfidence: null, warnings: [] });
    expect(text.split('\n')).toEqual([
      'ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 15/KH-UBND\tBình Thuận, ngày 12 tháng 3 năm 2025',
      '# KẾ HOẠCH',
      '**Triển khai Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị**',
      'Căn cứ Quyết định số 709/QĐ-TTg ngày 23/7/2024 của Thủ tướng Chính phủ;',
      '## I. MỤC ĐÍCH, YÊU CẦU',
      'Nâng cao **nhận thức** của cán bộ, công chức về vai trò của khoa học, công nghệ và đổi mới sáng tạo.',
      '## II. NHIỆM VỤ TRỌNG TÂM',
      '**STT**\t**Nhiệm vụ**\t**Cơ quan chủ trì**\t**Cơ quan phối hợp**\t**Thời gian hoàn thành**',
      '1\tXây dựng cơ sở dữ liệu khoa học và công nghệ của tỉnh\tSở Khoa học và Công nghệ\tSở Tài chính; Sở Nội vụ\tNăm 2025',
      '2\tHỗ trợ doanh nghiệp đổi mới công nghệ\tSở Công Thương\tSở Khoa học và Công nghệ\tThường xuyên',
      'Trên đây là Kế hoạch triển khai Kết luận số 69-KL/TW của Ủy ban nhân dân tỉnh./.',
      '**KT. CHỦ TỊCH**',
      '**PHÓ CHỦ TỊCH**',
      'Nguyễn Văn An',
    ]);
  });

  it('goes through the parser with its format recorded', async () => {
    const record = await parseBytes(read('plan.docx'), 'plan.docx', MAX);
    expect(record.document.sourceFormat).toBe('docx');
    expect(record.document.pageCount).toBeNull();
    expect(record.document.contentHash).toMatch(/^v\d+:[0-9a-f]{64}$/);
  });
});

describe('HTML (cheerio)', () => {
  it("keeps a portal page's document and drops its menus, login box, banners, related links and footer", async () => {
    const { text, source } = await extractSource(read('portal-page.html'), 'portal-page.html', { maxBytes: MAX });
    expect(source.format).toBe('html');
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '**ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN**\t**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc**',
      'Số: 156/KH-UBND\tBình Thuận, ngày 20 tháng 5 năm 2024',
      '**KẾ HOẠCH**',
      '**TRIỂN KHAI KẾT LUẬN SỐ 69-KL/TW NGÀY 11/01/2024 CỦA BỘ CHÍNH TRỊ**',
    ]);
    // A paragraph wrapped in the source is one line; entities are decoded.
    expect(lines).toContain('Căn cứ Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 20-NQ/TW;');
    expect(lines).toContain('1. Quán triệt đầy đủ nội dung Kết luận số 69-KL/TW; nâng cao nhận thức về vai trò của khoa học & công nghệ.');
    // One line per table row, cells separated by tabs, a cell's paragraphs joined.
    expect(lines).toContain('**STT**\t**Nhiệm vụ**\t**Cơ quan chủ trì**\t**Cơ quan phối hợp**\t**Thời gian**');
    expect(lines).toContain(
      '1\tRà soát, hoàn thiện cơ chế, chính sách hỗ trợ doanh nghiệp đổi mới công nghệ\tSở Khoa học và Công nghệ\tSở Tài chính; Sở Kế hoạch và Đầu tư\tQuý III/2024',
    );
    expect(lines).toContain('2\tXây dựng sàn giao dịch công nghệ của tỉnh\tSở Công Thương\tCác sở, ban, ngành liên quan\tNăm 2025');
    expect(lines.at(-1)).toBe('**Nơi nhận:** - Bộ Khoa học và Công nghệ; - Lưu: VT, KGVXNV.\t**KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hồng Hải**');
    for (const chrome of ['Đang tải', 'Đăng nhập', 'Mật khẩu', 'Trang chủ', 'Hỏi đáp', 'Tra cứu hơn', 'Văn bản liên quan', 'Bản quyền', 'Nguyễn Gia Thiều', 'gtag', 'Tiếng Anh', '-------']) {
      expect(text, chrome).not.toContain(chrome);
    }
  });

  it('without a known container, takes the element holding most of the text and drops page chrome', () => {
    const html = `<html><body>
      <header><a href="/">Cổng thông tin điện tử tỉnh</a></header>
      <nav><ul><li>Giới thiệu</li><li>Tin tức</li></ul></nav>
      <div class="cookie-banner">Trang này dùng cookie.</div>
      <div class="wrap"><div class="login-box">Đăng nhập để bình luận</div>
        <article>
          <h1>Kế hoạch số 12/KH-UBND</h1>
          <p>Dòng một<br>dòng hai &ndash; có&nbsp;khoảng&nbsp;trắng   thừa.</p>
          <ul><li>Sở Tư pháp chủ trì;</li><li>Sở Nội vụ phối hợp.</li></ul>
          <ol><li>Rà soát văn bản.</li><li>Báo cáo kết quả.</li></ol>
          <p>Đoạn có <strong>chữ đậm</strong> và <b> khoảng </b>trắng.</p>
        </article>
      </div>
      <aside>Tin đọc nhiều</aside>
      <footer>© 2025 Ủy ban nhân dân tỉnh</footer>
    </body></html>`;
    expect(htmlToText(html).split('\n')).toEqual([
      '# Kế hoạch số 12/KH-UBND',
      'Dòng một',
      'dòng hai – có khoảng trắng thừa.',
      '- Sở Tư pháp chủ trì;',
      '- Sở Nội vụ phối hợp.',
      '1. Rà soát văn bản.',
      '2. Báo cáo kết quả.',
      'Đoạn có **chữ đậm** và **khoảng** trắng.',
    ]);
  });

  it('decodes a page saved in a legacy charset it declares', async () => {
    // "Kế hoạch thực hiện" in Windows-1258: ê (EA) + combining acute (EC), a + dot below (F2), ư (FD).
    const body = Buffer.from([
      ...Buffer.from('K'), 0xea, 0xec, ...Buffer.from(' hoa'), 0xf2, ...Buffer.from('ch th'), 0xfd, 0xf2, ...Buffer.from('c hi'), 0xea, 0xf2, ...Buffer.from('n'),
    ]);
    const page = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1258"></head><body><p>'), body, Buffer.from('</p></body></html>')]);
    const { text } = await extractSource(page, 'page.htm', { maxBytes: MAX });
    expect(text).toBe('Kế hoạch thực hiện');
  });
});

describe('PDF with a text layer (pdf.js)', () => {
  it('keeps reading order and lines, puts tabs between columns and cells, and says which lines are on which page', async () => {
    // Expected lines written from the page as printed (see make-fixtures.ts, makeTextPdf).
    const pages: number[] = [];
    const { text, source } = await extractSource(read('text-layer.pdf'), 'text-layer.pdf', { maxBytes: MAX, onPage: (done) => pages.push(done) });
    expect(source).toEqual({
      format: 'pdf',
      pages: [
        { page: 1, lineStart: 1, lineEnd: 10 },
        { page: 2, lineStart: 11, lineEnd: 13 },
      ],
      ocrConfidence: null,
      warnings: [],
    });
    expect(pages).toEqual([1, 2]);
    expect(text.split('\n')).toEqual([
      'ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH BÌNH THUẬN\tĐộc lập - Tự do - Hạnh phúc',
      'Số: 15/KH-UBND\tBình Thuận, ngày 12 tháng 3 năm 2025',
      'KẾ HOẠCH',
      'Triển khai Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị',
      'I. MỤC ĐÍCH, YÊU CẦU',
      'Nâng cao nhận thức của cán bộ, công chức về vai trò của khoa học, công nghệ và đổi',
      'mới sáng tạo.',
      'STT\tNhiệm vụ\tCơ quan chủ trì\tThời gian',
      '1\tXây dựng cơ sở dữ liệu\tSở Khoa học và Công nghệ\tNăm 2025',
      'II. TỔ CHỨC THỰC HIỆN',
      'Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành triển khai Kế hoạch',
      'này./.',
    ]);
  });

  it('gives the parser the page count and each item its pages', async () => {
    const record = await parseBytes(read('text-layer.pdf'), 'text-layer.pdf', MAX);
    expect(record.document.sourceFormat).toBe('pdf');
    expect(record.document.pageCount).toBe(2);
    const onPage2 = record.items.filter((i) => i.lineStart >= 11);
    for (const item of onPage2) expect(item.pageStart).toBe(2);
  });

  it('groups runs into lines by baseline, a raised footnote mark included', () => {
    const run = (str: string, x: number, y: number, width: number, size = 12) => ({ str, x, y, width, size });
    expect(
      layoutLines([
        run('second line', 50, 700, 60),
        run('first', 50, 720, 25),
        run('1', 76, 724, 4, 7),
        run('line', 84, 720.4, 22),
        run('cell two', 300, 700, 40),
      ]),
    ).toEqual(['first1 line', 'second line\tcell two']);
  });
});
