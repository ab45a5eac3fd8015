/**
 * The API answers errors in English for programs; people read them in Vietnamese. The forms the
 * server writes (server/errors.ts, server/http/validate.ts, server/http/auth.ts) are translated
 * here; anything else is shown as sent, with a Vietnamese title above it.
 */
const WHAT: Record<string, string> = {
  document: 'văn bản',
  item: 'mục',
  task: 'nhiệm vụ',
  agency: 'cơ quan',
  'directive item': 'mục chỉ đạo',
  'document or item': 'văn bản hoặc mục',
};

const RULES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^no (document or item|directive item|document|item|task|agency) with id "(.*)"$/s, (m) => `Không có ${WHAT[m[1]!]} nào có mã “${m[2]}” trong đồ thị. Có thể văn bản đã bị xóa hoặc đường dẫn bị sai.`],
  [/^no such endpoint: (\S+) (\S+)/, (m) => `Máy chủ không có địa chỉ ${m[2]} (${m[1]}).`],
  [/^invalid query: ([\w.]+): (.*)$/s, (m) => `Tham số “${m[1]}” không hợp lệ (${m[2]}).`],
  [/^invalid body: reviewer: /, () => 'Cần nhập tên người duyệt.'],
  [/^invalid (query|body): (.*)$/s, (m) => `Yêu cầu không hợp lệ: ${m[2]}`],
  [/^wrong API token$/, () => 'Mã truy cập (API token) không đúng.'],
  [/^missing bearer token/, () => 'Thao tác này cần mã truy cập (API token).'],
  [/^writes are disabled/, () => 'Máy chủ đang chạy ở chế độ chỉ đọc (không có API_TOKEN): không thể tải lên, xóa hay ghi quyết định duyệt liên kết.'],
];

/** The detail to show for an API error message, in Vietnamese where its form is known. */
export function errorDetail(message: string): string {
  for (const [re, say] of RULES) {
    const m = re.exec(message);
    if (m) return say(m);
  }
  return message;
}
