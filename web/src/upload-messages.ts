/**
 * What a failed upload means for the person who sent it, in Vietnamese, from the HTTP status and
 * the server's `{ error, code }`. "refused" means the file itself is the problem (sending it again
 * cannot help); "error" means something around it is (token, server, network): it can be retried.
 * The server's own message is kept alongside, verbatim: it names the exact reason (the encoding it
 * recognised, the limit in bytes, …) and the ingest may add reasons this table does not know yet.
 */

export interface UploadFailure {
  kind: 'refused' | 'error';
  /** HTTP status; 0 when no answer came (network, time-out). */
  status: number;
  title: string;
  detail: string;
  /** The server's `error` message, when it sent one. */
  reason: string | null;
  /** The server's `code` (422: empty, binary, encoding, unparseable, …). */
  code: string | null;
  /** Seconds, from Retry-After (503). */
  retryAfter: number | null;
}

/** 422 codes the ingest sends (ingest/read-source.ts); any other code falls back to a general sentence plus the server's reason. */
const REFUSAL_DETAIL: Record<string, string> = {
  empty: 'Tệp trống: không có chữ nào để đọc.',
  binary: 'Máy chủ không đọc được nội dung tệp (tệp nhị phân, không thuộc định dạng nào máy chủ đọc được).',
  'unsupported-format': 'Định dạng tệp không được hỗ trợ. Máy chủ đọc .txt, .md, .pdf (có lớp chữ hoặc bản quét), .docx, .html.',
  encoding: 'Tệp không ở bảng mã UTF-8. Hãy lưu lại tệp dưới dạng UTF-8 rồi tải lên lại.',
  encrypted: 'Tệp có mật khẩu bảo vệ. Hãy bỏ mật khẩu (hoặc in ra một tệp PDF mới) rồi tải lên lại.',
  corrupt: 'Tệp bị hỏng hoặc không đầy đủ nên không đọc được.',
  'no-text': 'Không tìm thấy chữ nào đọc được trong tệp (trang trắng, hoặc ảnh quét không nhận dạng được).',
  'zip-bomb': 'Tệp DOCX khi giải nén lớn bất thường so với dung lượng của nó nên bị từ chối vì an toàn.',
  unparseable: 'Không nhận ra cấu trúc của một văn bản chính sách (loại văn bản, số hiệu, các mục được đánh số).',
  'too-large': 'Tệp vượt giới hạn dung lượng của máy chủ.',
};

export function describeUploadFailure(
  status: number,
  body: { error?: unknown; code?: unknown } | null,
  opts: { tokenGiven: boolean; retryAfter: number | null; timedOut?: boolean },
): UploadFailure {
  const reason = typeof body?.error === 'string' ? body.error.slice(0, 600) : null;
  const code = typeof body?.code === 'string' ? body.code : null;
  const base = { status, reason, code, retryAfter: opts.retryAfter };
  switch (status) {
    case 0:
      return opts.timedOut
        ? { ...base, kind: 'error', title: 'Máy chủ xử lý quá lâu', detail: 'Không nhận được kết quả trong thời gian chờ. Tệp có thể vẫn đang được xử lý; hãy kiểm tra lại sau hoặc thử lại.' }
        : { ...base, kind: 'error', title: 'Không kết nối được tới máy chủ', detail: 'Kiểm tra mạng hoặc máy chủ có đang chạy không, rồi thử lại.' };
    case 400:
      return { ...base, kind: 'refused', title: 'Yêu cầu không hợp lệ', detail: 'Tên tệp không hợp lệ (tối đa 255 ký tự, không chứa đường dẫn thư mục). Hãy đổi tên tệp rồi tải lên lại.' };
    case 401:
      return opts.tokenGiven
        ? { ...base, kind: 'error', title: 'Mã truy cập không đúng', detail: 'Kiểm tra lại mã truy cập (API_TOKEN của máy chủ) ở ô phía trên, rồi bấm “Thử lại”.' }
        : { ...base, kind: 'error', title: 'Chưa nhập mã truy cập', detail: 'Nhập mã truy cập (API_TOKEN của máy chủ) ở ô phía trên, rồi bấm “Thử lại”.' };
    case 403:
      return {
        ...base,
        kind: 'error',
        title: 'Máy chủ chưa bật quyền ghi (API_TOKEN)',
        detail: 'Máy chủ được khởi động không có biến môi trường API_TOKEN nên từ chối mọi thao tác ghi. Người quản trị cần khởi động lại máy chủ với API_TOKEN.',
      };
    case 413:
      return { ...base, kind: 'refused', title: 'Tệp quá lớn', detail: 'Tệp vượt giới hạn dung lượng của máy chủ (MAX_UPLOAD_BYTES).' };
    case 415:
      return { ...base, kind: 'refused', title: 'Kiểu nội dung không được chấp nhận', detail: 'Máy chủ chỉ nhận tệp gửi nguyên dạng (application/octet-stream hoặc text/plain).' };
    case 422:
      return {
        ...base,
        kind: 'refused',
        title: 'Máy chủ từ chối tệp',
        detail: (code && REFUSAL_DETAIL[code]) || 'Máy chủ không đọc được tệp này thành một văn bản.',
      };
    case 503:
      return {
        ...base,
        kind: 'error',
        title: 'Cơ sở dữ liệu tạm thời không truy cập được',
        detail: 'Máy chủ không kết nối được tới Neo4j; tệp chưa được ghi. Sẽ thử lại khi cơ sở dữ liệu hoạt động trở lại.',
      };
    default:
      return {
        ...base,
        kind: status >= 400 && status < 500 ? 'refused' : 'error',
        title: `Lỗi máy chủ (${status})`,
        detail: 'Máy chủ gặp lỗi khi xử lý tệp; chi tiết nằm trong nhật ký của máy chủ.',
      };
  }
}
