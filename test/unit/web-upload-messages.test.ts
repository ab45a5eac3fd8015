/** What the upload page says of each answer of POST /api/documents (web/src/upload-messages.ts, reading-notes.ts). */
import { describe, expect, it } from 'vitest';
import { isOcrConfidenceWarning } from '../../web/src/reading-notes.js';
import { describeUploadFailure } from '../../web/src/upload-messages.js';

const given = { tokenGiven: true, retryAfter: null };

describe('describeUploadFailure', () => {
  it('names each refusal in Vietnamese and keeps the server\'s reason verbatim', () => {
    const cases: [number, { error?: string; code?: string } | null, string, 'refused' | 'error'][] = [
      [401, { error: 'wrong API token' }, 'Mã truy cập không đúng', 'error'],
      [403, { error: 'writes are disabled: the server was started without API_TOKEN' }, 'Máy chủ chưa bật quyền ghi (API_TOKEN)', 'error'],
      [413, { error: 'document is 6000000 bytes, over the 5242880-byte limit (MAX_UPLOAD_BYTES)' }, 'Tệp quá lớn', 'refused'],
      [415, { error: 'send the document as the raw body …' }, 'Kiểu nội dung không được chấp nhận', 'refused'],
      [422, { error: 'file is binary, not text', code: 'binary' }, 'Máy chủ từ chối tệp', 'refused'],
      [503, { error: 'the database is unreachable; try again shortly' }, 'Cơ sở dữ liệu tạm thời không truy cập được', 'error'],
      [500, { error: 'internal error' }, 'Lỗi máy chủ (500)', 'error'],
    ];
    for (const [status, body, title, kind] of cases) {
      const f = describeUploadFailure(status, body, given);
      expect([f.status, f.title, f.kind, f.reason]).toEqual([status, title, kind, body?.error ?? null]);
      expect(f.detail.length).toBeGreaterThan(0);
    }
  });

  it('tells a missing token from a wrong one', () => {
    expect(describeUploadFailure(401, { error: 'missing bearer token' }, { tokenGiven: false, retryAfter: null }).title).toBe('Chưa nhập mã truy cập');
  });

  it('explains the ingest\'s codes, and falls back to a general sentence for a code it does not know', () => {
    const encoding = describeUploadFailure(422, { error: 'file is not UTF-8: it looks like TCVN3', code: 'encoding' }, given);
    expect(encoding.detail).toContain('UTF-8');
    expect(encoding.code).toBe('encoding');
    const unknown = describeUploadFailure(422, { error: 'something new', code: 'brand-new-code' }, given);
    expect(unknown.detail).toBe('Máy chủ không đọc được tệp này thành một văn bản.');
    expect(unknown.reason).toBe('something new');
  });

  it('keeps Retry-After of a 503, and never shows a body that is not the server\'s JSON', () => {
    expect(describeUploadFailure(503, null, { tokenGiven: true, retryAfter: 5 }).retryAfter).toBe(5);
    expect(describeUploadFailure(502, null, given).reason).toBeNull();
    expect(describeUploadFailure(0, null, { ...given, timedOut: true }).title).toBe('Máy chủ xử lý quá lâu');
    expect(describeUploadFailure(0, null, given).title).toBe('Không kết nối được tới máy chủ');
  });
});

describe('isOcrConfidenceWarning', () => {
  it('picks the ingest\'s OCR confidence warnings out of the others', () => {
    expect(isOcrConfidenceWarning('page 2: low OCR confidence (0.62)')).toBe(true);
    expect(isOcrConfidenceWarning('no issue date found')).toBe(false);
    expect(isOcrConfidenceWarning('pages 1, 2 of 3 read by OCR (no text layer)')).toBe(false);
  });
});
