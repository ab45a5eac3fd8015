/** The API's error forms, as the server writes them, read in Vietnamese in the UI. */
import { describe, expect, it } from 'vitest';
import { errorDetail } from '../../web/src/error-text.js';

describe('errorDetail', () => {
  it('translates the forms the server writes', () => {
    expect(errorDetail('no document or item with id "vn/tw/kl/99/2024"')).toBe(
      'Không có văn bản hoặc mục nào có mã “vn/tw/kl/99/2024” trong đồ thị. Có thể văn bản đã bị xóa hoặc đường dẫn bị sai.',
    );
    expect(errorDetail('no directive item with id "x#1"')).toContain('mục chỉ đạo nào có mã “x#1”');
    expect(errorDetail('invalid query: depth: Too big: expected number to be <=6')).toBe('Tham số “depth” không hợp lệ (Too big: expected number to be <=6).');
    expect(errorDetail('wrong API token')).toBe('Mã truy cập (API token) không đúng.');
    expect(errorDetail('no such endpoint: GET /api/nothing (see /openapi.json)')).toBe('Máy chủ không có địa chỉ /api/nothing (GET).');
  });

  it('keeps a message of another form as sent', () => {
    expect(errorDetail('Tệp không đọc được')).toBe('Tệp không đọc được');
  });
});
