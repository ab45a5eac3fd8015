/**
 * Upload ("Tải lên"): the write token, a drop zone and a "Chọn tệp" button for several files at
 * once, and the list of files with their state and result (upload-row.ts). The files themselves
 * are queued and sent by upload-queue.ts, which outlives this view. URL: `#/upload`.
 */
import { readApiToken, saveApiToken } from '../api-token.js';
import { h, replace } from '../dom.js';
import { emptyBox } from '../status.js';
import { STATE_LABEL, refreshCountdowns, uploadRow } from '../upload-row.js';
import { uploads, type UploadRow } from '../upload-queue.js';
import type { View } from './view.js';

/** What the picker offers; drops are not filtered: the server says what it cannot read, and why. */
const ACCEPT = '.txt,.md,.pdf,.docx,.html,.htm';

export function uploadView(el: HTMLElement): View {
  const token = tokenInput();
  const input = h('input', { type: 'file', id: 'upload-input', multiple: true, accept: ACCEPT, class: 'visually-hidden', tabindex: '-1' });
  const pick = h('button', { type: 'button', class: 'btn btn-primary', id: 'upload-pick' }, 'Chọn tệp');
  const drop = dropZone(pick, input);
  const list = h('ol', { class: 'upload-list', id: 'upload-list', 'aria-label': 'Các tệp tải lên' });
  // Screen readers hear each change of state once, not every progress event that redraws a row.
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const clear = h('button', { type: 'button', class: 'btn btn-small btn-ghost', id: 'upload-clear' }, 'Xoá các dòng đã xong');
  const empty = emptyBox('Chưa có tệp nào.', 'Các tệp bạn chọn sẽ hiện ở đây, kèm tiến độ và kết quả của từng tệp.');
  replace(el, uploadPage(token, drop, clear, empty, list, announcer));

  const rows = showRows(list, empty, clear, announcer);
  const ticker = setInterval(() => refreshCountdowns(list), 1000);

  const addFiles = (files: FileList | null | undefined) => {
    if (!files || files.length === 0) return;
    const first = uploads.rows.length;
    uploads.add(Array.from(files));
    // New rows go to the end of the list: bring the first of them into view.
    rows.rowEls.get(uploads.rows[first]!.id)?.scrollIntoView({ block: 'nearest' });
    if (!token.value.trim()) token.focus();
  };
  pick.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    addFiles(input.files);
    // Choosing the same file again must fire `change` again.
    input.value = '';
  });
  clear.addEventListener('click', () => uploads.clearFinished());
  const stopDrops = acceptDrops(drop, addFiles);

  return {
    update: () => {},
    unmount: () => {
      rows.unsubscribe();
      clearInterval(ticker);
      stopDrops();
    },
  };
}

/** The write token, kept in the tab's session as it is typed. */
function tokenInput(): HTMLInputElement {
  const token = h('input', {
    type: 'password',
    id: 'upload-token',
    name: 'token',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'API_TOKEN của máy chủ',
    'aria-describedby': 'upload-token-help',
  });
  token.value = readApiToken();
  token.addEventListener('input', () => saveApiToken(token.value.trim()));
  return token;
}

function dropZone(pick: HTMLButtonElement, input: HTMLInputElement): HTMLElement {
  return h(
    'div',
    { class: 'dropzone', id: 'upload-drop' },
    h('p', { class: 'dropzone-title' }, h('strong', null, 'Kéo thả tệp vào đây'), ' hoặc ', pick, input),
    h(
      'p',
      { class: 'muted small' },
      'Định dạng: .txt, .md (UTF-8), .pdf (có lớp chữ hoặc bản quét, đọc bằng OCR), .docx, .html. Chọn được nhiều tệp một lúc; ',
      'các tệp được gửi lần lượt theo thứ tự, tối đa hai tệp cùng lúc. Tệp máy chủ không đọc được sẽ hiện lý do.',
    ),
  );
}

function uploadPage(token: HTMLInputElement, drop: HTMLElement, clear: HTMLElement, empty: HTMLElement, list: HTMLElement, announcer: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: 'view view-upload', 'aria-labelledby': 'upload-title' },
    h('h1', { id: 'upload-title', class: 'view-title' }, 'Tải văn bản lên đồ thị'),
    h('p', { class: 'hint' }, 'Mỗi tệp là một văn bản (kế hoạch, nghị quyết, quyết định…): máy chủ đọc, tách nhiệm vụ, cơ quan, trích dẫn và ghi vào đồ thị.'),
    h(
      'div',
      { class: 'card upload-token' },
      h('label', { class: 'field', for: 'upload-token' }, h('span', null, 'Mã truy cập (API_TOKEN)'), token),
      h(
        'p',
        { class: 'muted small', id: 'upload-token-help' },
        'Ghi vào đồ thị cần mã truy cập mà máy chủ được khởi động cùng (biến môi trường API_TOKEN). ',
        'Mã chỉ được giữ trong thẻ trình duyệt này (sessionStorage) cho tới khi đóng thẻ.',
      ),
    ),
    drop,
    h('div', { class: 'upload-list-head' }, h('h2', null, 'Tệp'), clear),
    empty,
    list,
    announcer,
  );
}

/**
 * The queue's rows in `list`, kept in step with it. One element per row, replaced when that row
 * changes (progress events come often: the rest of the list is left alone).
 */
function showRows(list: HTMLElement, empty: HTMLElement, clear: HTMLElement, announcer: HTMLElement): { rowEls: Map<number, HTMLElement>; unsubscribe: () => void } {
  const rowEls = new Map<number, HTMLElement>();
  const retry = (id: number) => uploads.retry(id);
  const rowEl = (r: UploadRow) => {
    const li = uploadRow(r, retry);
    rowEls.set(r.id, li);
    return li;
  };
  const syncClear = () => (clear.hidden = !uploads.rows.some((r) => r.state === 'done' || r.state === 'refused'));
  const renderAll = () => {
    rowEls.clear();
    replace(list, uploads.rows.map(rowEl));
    empty.hidden = uploads.rows.length > 0;
    syncClear();
  };
  const announced = new Map<number, string>();
  const unsubscribe = uploads.subscribe((row) => {
    const old = row ? rowEls.get(row.id) : undefined;
    if (!row || !old) return renderAll();
    old.replaceWith(rowEl(row));
    syncClear();
    if (announced.get(row.id) !== row.state) {
      announced.set(row.id, row.state);
      announcer.textContent = `${row.file.name}: ${STATE_LABEL[row.state]}`;
    }
  });
  renderAll();
  return { rowEls, unsubscribe };
}

/**
 * The whole page accepts drops, and a file dropped beside the zone is not opened by the browser
 * in place of the app (which would lose the list). Returns how to stop.
 */
function acceptDrops(drop: HTMLElement, addFiles: (files: FileList) => void): () => void {
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    drop.classList.add('dragging');
  };
  const onDragLeave = (e: DragEvent) => {
    if (!e.relatedTarget) drop.classList.remove('dragging');
  };
  const onDrop = (e: DragEvent) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    drop.classList.remove('dragging');
    addFiles(e.dataTransfer.files);
  };
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('dragleave', onDragLeave);
  window.addEventListener('drop', onDrop);
  return () => {
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('dragleave', onDragLeave);
    window.removeEventListener('drop', onDrop);
  };
}
