/** Loading, empty and error states, the same everywhere; 503s count down and retry by themselves. */
import { ApiError } from './api.js';
import { h, replace } from './dom.js';
import { errorDetail } from './error-text.js';

export function loadingBox(text = 'Đang tải…'): HTMLElement {
  return h('div', { class: 'state state-loading', role: 'status', 'aria-busy': 'true' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

export function emptyBox(title: string, hint?: string | Node): HTMLElement {
  return h('div', { class: 'state state-empty', role: 'status' }, h('strong', null, title), hint ? h('p', null, hint) : null);
}

export function describeError(err: unknown): { title: string; detail: string } {
  if (err instanceof ApiError) {
    if (err.status === 503 && /search index/i.test(err.message)) {
      return {
        title: 'Chỉ mục tìm kiếm chưa sẵn sàng',
        detail: 'Máy chủ đang xây dựng chỉ mục tìm kiếm (hoặc chưa bật dịch vụ tìm kiếm). Phả hệ và kiểm tra vẫn dùng được.',
      };
    }
    if (err.status === 503) {
      return { title: 'Cơ sở dữ liệu tạm thời không truy cập được', detail: 'Máy chủ không kết nối được tới Neo4j. Trang sẽ tự thử lại khi cơ sở dữ liệu hoạt động trở lại.' };
    }
    if (err.status === 0) return { title: 'Không kết nối được tới máy chủ', detail: 'Kiểm tra mạng hoặc máy chủ có đang chạy không.' };
    if (err.status === 404) return { title: 'Không tìm thấy', detail: errorDetail(err.message) };
    if (err.status === 400) return { title: 'Yêu cầu không hợp lệ', detail: errorDetail(err.message) };
    if (err.status === 401 || err.status === 403) return { title: 'Không có quyền', detail: errorDetail(err.message) };
    if (err.status === 429) return { title: 'Quá nhiều yêu cầu', detail: 'Máy chủ tạm thời từ chối; hãy thử lại sau ít phút.' };
    if (err.status >= 500) return { title: `Lỗi máy chủ (${err.status})`, detail: 'Máy chủ gặp lỗi khi xử lý yêu cầu này. Hãy thử lại; nếu lỗi lặp lại, báo cho quản trị viên.' };
    return { title: `Yêu cầu bị từ chối (${err.status})`, detail: errorDetail(err.message) };
  }
  return { title: 'Đã xảy ra lỗi', detail: (err as Error)?.message ?? String(err) };
}

/**
 * An error with a "Thử lại" button. When the API said 503 + Retry-After (or the network failed),
 * it also counts down and retries by itself, for as long as the box is on the page.
 */
export function errorBox(err: unknown, retry: () => void): HTMLElement {
  const { title, detail } = describeError(err);
  const auto = err instanceof ApiError && (err.status === 503 || err.status === 0) ? (err.retryAfter ?? 5) : null;
  const countdown = h('span', { class: 'countdown' });
  const box = h(
    'div',
    { class: `state state-error${err instanceof ApiError && err.status === 503 ? ' state-unavailable' : ''}`, role: 'alert', 'data-status': err instanceof ApiError ? err.status : '' },
    h('strong', null, title),
    h('p', { title: err instanceof ApiError ? `${err.status}: ${err.message}` : '' }, detail),
    auto !== null ? h('p', { class: 'muted' }, countdown) : null,
    h('button', { type: 'button', class: 'btn', onclick: () => retry() }, 'Thử lại ngay'),
  );
  if (auto !== null) {
    let left = auto;
    const tick = () => {
      if (!box.isConnected && left < auto) return clearInterval(timer);
      if (left <= 0) {
        clearInterval(timer);
        if (box.isConnected) retry();
        return;
      }
      countdown.textContent = `Tự động thử lại sau ${left} giây…`;
      left -= 1;
    };
    const timer = setInterval(tick, 1000);
    tick();
  }
  return box;
}

/**
 * Fill `el` from an async source: spinner, then `render(data)` or an error box that retries.
 * Returns a function that cancels it (a newer load into the same place wins).
 */
export function loadInto<T>(
  el: HTMLElement,
  fetcher: (signal: AbortSignal) => Promise<T>,
  render: (data: T) => void,
  loadingText?: string,
): () => void {
  const ctrl = new AbortController();
  const run = () => {
    if (ctrl.signal.aborted) return;
    replace(el, loadingBox(loadingText));
    fetcher(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) render(data);
      },
      (err) => {
        if (ctrl.signal.aborted || (err as Error).name === 'AbortError') return;
        replace(el, errorBox(err, run));
      },
    );
  };
  run();
  return () => ctrl.abort();
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function toast(message: string, ms = 3500): void {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), ms);
}
