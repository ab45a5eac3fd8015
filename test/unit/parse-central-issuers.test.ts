/**
 * Central Party and state bodies that are not the Government or a ministry: their documents are
 * central (no province), carry their own number (never cited from themselves), and the bold block
 * headings that open each group name the lead of its tasks.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../ingest/parse/parse-document.js';

/** Laid out as the National Assembly Party Delegation's plans are (3260-KH/ĐĐQH15 implements 57-NQ/TW). */
const DDQH = `ĐẢNG ĐOÀN QUỐC HỘI
*
Số 3260-KH/ĐĐQH15

ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 10 tháng 02 năm 2025

KẾ HOẠCH
thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia

Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Đảng đoàn Quốc hội ban hành Kế hoạch thực hiện như sau:

I. NHIỆM VỤ CỤ THỂ
**1. Ủy ban Khoa học, Công nghệ và Môi trường chủ trì, phối hợp với Ủy ban Pháp luật và Tư pháp**
- Nghiên cứu, đề xuất sửa đổi Luật Khoa học và Công nghệ, trình Quốc hội tại Kỳ họp thứ 9.
- Giám sát việc thực hiện chính sách về khoa học, công nghệ.
**2. Văn phòng Quốc hội**
- Xây dựng Quốc hội số, hoàn thành trong năm 2025.

T/M ĐẢNG ĐOÀN
BÍ THƯ
Trần Thanh Mẫn
`;

describe('central issuers', () => {
  const record = parseDocument(DDQH, { fileName: '3260-kh-ddqh15.md' });

  it('reads the Party Delegation of the National Assembly as a central issuer with no province', () => {
    expect(record.document).toMatchObject({
      number: '3260-KH/ĐĐQH15',
      typeCode: 'kh',
      issuerName: 'Đảng đoàn Quốc hội',
      level: 'central',
      province: null,
      date: '2025-02-10',
    });
  });

  it('does not cite itself and implements 57-NQ/TW', () => {
    expect(record.citedDocuments.map((d) => d.number)).toEqual(['57-NQ/TW']);
    expect(record.citations.filter((c) => c.kind === 'IMPLEMENTS').map((c) => c.to)).toEqual(['vn/tw/nq/57/2024']);
  });

  it('gives every task the lead its bold block heading names', () => {
    const tasks = record.items.filter((i) => i.isTask);
    expect(tasks).toHaveLength(3);
    expect(tasks.map((t) => t.leadRaw)).toEqual(['Ủy ban Khoa học, Công nghệ và Môi trường', 'Ủy ban Khoa học, Công nghệ và Môi trường', 'Văn phòng Quốc hội']);
  });

  it('reads a steering committee and a national committee as central', () => {
    const bcd = parseDocument('BAN CHỈ ĐẠO CỦA CHÍNH PHỦ\nSố: 126/QĐ-BCĐCP\nHà Nội, ngày 11 tháng 9 năm 2025\nQUYẾT ĐỊNH\nBan hành Kế hoạch hoạt động năm 2025\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.', {});
    expect(bcd.document).toMatchObject({ number: '126/QĐ-BCĐCP', level: 'central', province: null });
  });
});
