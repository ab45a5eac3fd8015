/** The ingest's warnings as the UI shows them: in Vietnamese, with their values; unknown ones as written. */
import { describe, expect, it } from 'vitest';
import { warningText } from '../../web/src/warning-text.js';

describe('warnings in Vietnamese', () => {
  it.each([
    ['page 3: low OCR confidence (0.61)', 'Trang 3: độ tin cậy OCR thấp (61 %), hãy đối chiếu với bản gốc'],
    ['no issue date found', 'Không tìm thấy ngày ban hành'],
    ['number 190/CĐ-TTg: its serial is taken from the file name (unreadable in the text)', 'Số hiệu 190/CĐ-TTg: số thứ tự lấy từ tên tệp (không đọc được trong văn bản)'],
    [
      "issue date 2025-10-10: completed from the e-signature stamp (the header's day or month is unreadable)",
      'Ngày ban hành 10/10/2025: phần không đọc được lấy theo dấu chữ ký số',
    ],
    ['province Nghệ An inferred from the body text', 'Tỉnh, thành phố Nghệ An suy ra từ nội dung văn bản'],
    ['line 73: section path 1.a.1 repeats; item stored as 1.a.1-dup2', 'Dòng 73: mục 1.a.1 trùng số, được lưu là 1.a.1-dup2'],
    [
      'page 1: handwritten number/day read by a second, digits-only OCR pass (190, 07)',
      'Trang 1: số/ngày viết tay được đọc lại chỉ với chữ số (190, 07)',
    ],
  ])('%s', (warning, shown) => {
    expect(warningText(warning)).toBe(shown);
  });

  it('shows a warning of a form it does not know as written', () => {
    expect(warningText('something new happened')).toBe('something new happened');
  });
});
