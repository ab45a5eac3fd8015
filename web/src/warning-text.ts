/**
 * The ingest writes its warnings in English (they go to logs and the CLI too); the UI shows them
 * in Vietnamese. Each known form is matched and rewritten with its values; a warning of a form
 * not listed here is shown as written, so nothing is hidden.
 */

type Rewrite = [RegExp, (...m: string[]) => string];

const pct = (x: string) => `${Math.round(Number(x) * 100)} %`;

const REWRITES: Rewrite[] = [
  [/^page (\d+): low OCR confidence \(([\d.]+)\)$/, (_, p, c) => `Trang ${p}: độ tin cậy OCR thấp (${pct(c!)}), hãy đối chiếu với bản gốc`],
  [/^pages ([\d, ]+) of (\d+) read by OCR \(no text layer\)$/, (_, p, n) => `Trang ${p} (trên ${n}) được đọc bằng OCR (không có lớp chữ)`],
  [/^number (.+): its serial is taken from the file name \(unreadable in the text\)$/, (_, n) => `Số hiệu ${n}: số thứ tự lấy từ tên tệp (không đọc được trong văn bản)`],
  [/^issue date (\S+): completed from the e-signature stamp.*$/, (_, d) => `Ngày ban hành ${vnDate(d!)}: phần không đọc được lấy theo dấu chữ ký số`],
  [/^issue date (\S+) taken from the e-signature stamp.*$/, (_, d) => `Ngày ban hành ${vnDate(d!)} lấy theo thời gian của dấu chữ ký số (ngày trong văn bản không đọc được)`],
  [/^signature stamp not read: .*$/, () => 'Không đọc được dấu chữ ký số'],
  [/^page (\d+): handwritten (\S+) read by a second, digits-only OCR pass \(([^)]*)\)(?:; printed year (\d{4}) read again as (\d{4}))?$/, (_, p, what, values, y0, y1) =>
    `Trang ${p}: ${handwritten(what!)} viết tay được đọc lại chỉ với chữ số (${values})${y0 ? `; năm in ${y0} được đọc lại là ${y1}` : ''}`],
  [/^page (\d+): printed year (\d{4}) read again as (\d{4})$/, (_, p, y0, y1) => `Trang ${p}: năm in ${y0} được đọc lại là ${y1}`],
  [/^no document number found.*$/, () => 'Không tìm thấy số hiệu văn bản'],
  [/^no issue date found \(year (\d{4}) from the number\)$/, (_, y) => `Không tìm thấy ngày ban hành (năm ${y} theo số hiệu)`],
  [/^no issue date found$/, () => 'Không tìm thấy ngày ban hành'],
  [/^issuer not identified$/, () => 'Không xác định được cơ quan ban hành'],
  [/^province not identified for a local issuer$/, () => 'Không xác định được tỉnh, thành phố của cơ quan ban hành'],
  [/^province (.+) inferred from the body text$/, (_, p) => `Tỉnh, thành phố ${p} suy ra từ nội dung văn bản`],
  [/^province unknown: local agencies are scoped to this document.*$/, () => 'Chưa rõ tỉnh, thành phố: các cơ quan địa phương chỉ gắn với văn bản này'],
  [/^document type not identified$/, () => 'Không xác định được loại văn bản'],
  [/^title not found$/, () => 'Không tìm thấy trích yếu'],
  [/^signer not found$/, () => 'Không tìm thấy người ký'],
  [/^source is a report about (.+), not the document itself.*$/, (_, d) => `Đây là bài viết về ${d}, không phải bản thân văn bản`],
  [/^unresolved reference "(.+)" \(no issuer\): skipped$/, (_, r) => `Bỏ qua trích dẫn "${r}" (không rõ cơ quan ban hành)`],
  [/^a local document was cited .* but the citing document has no province$/, () => 'Văn bản trích dẫn văn bản địa phương nhưng không rõ tỉnh, thành phố của mình'],
  [/^line (\d+): section path (\S+) repeats; item stored as (\S+)$/, (_, l, p, q) => `Dòng ${l}: mục ${p} trùng số, được lưu là ${q}`],
  [/^line (\d+): an item without a section number was skipped$/, (_, l) => `Dòng ${l}: bỏ qua một đoạn không có số mục`],
  [/^table row at line (\d+): (\d+) cells, header has (\d+).*$/, (_, l, c, w) => `Dòng ${l}: hàng bảng có ${c} ô, tiêu đề có ${w}; các ô thừa được gộp vào cột cuối`],
  [/^table row at line (\d+) has no task text$/, (_, l) => `Dòng ${l}: hàng bảng không có nội dung nhiệm vụ`],
  [/^table line (\d+) has no cells.*$/, (_, l) => `Dòng ${l}: dòng bảng không tách được ô`],
];

/** "number/day" → "số/ngày": the fields of a header that are written by hand. */
function handwritten(what: string): string {
  const names: Record<string, string> = { number: 'số', serial: 'số', day: 'ngày', month: 'tháng' };
  return what.split('/').map((w) => names[w] ?? w).join('/');
}

function vnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A warning of the ingest, in Vietnamese when its form is known. */
export function warningText(warning: string): string {
  for (const [re, write] of REWRITES) {
    const m = re.exec(warning);
    if (m) return write(...m);
  }
  return warning;
}
