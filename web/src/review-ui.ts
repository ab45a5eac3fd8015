/**
 * The pieces of link review the audit cell panel and a task's details share: who reviews (name,
 * write token, a comment), a link's status as words, the decision buttons, and a searchable picker.
 */
import { readApiToken, saveApiToken } from './api-token.js';
import { ApiError } from './api.js';
import { h, replace } from './dom.js';
import { errorDetail } from './error-text.js';
import { readReviewer, saveReviewer, sendReview, type Decision } from './review-client.js';
import type { TaskEvidence } from './types.js';

type Status = TaskEvidence['status'];
type Review = TaskEvidence['review'];

export const STATUS_LABEL: Record<Status, string> = {
  proposed: 'Đề xuất tự động, chưa duyệt',
  confirmed: 'Đã xác nhận',
  added: 'Người duyệt thêm',
  rejected: 'Đã bác bỏ',
};

const DECISION_LABEL: Record<Decision, string> = { confirm: 'Xác nhận', reject: 'Bác bỏ', add: 'Thêm', clear: 'Bỏ quyết định' };

/** The decisions offered for a link in each status. */
export const DECISIONS: Record<Status, Decision[]> = {
  proposed: ['confirm', 'reject'],
  confirmed: ['reject', 'clear'],
  added: ['clear'],
  rejected: ['confirm', 'clear'],
};

export function statusBadge(status: Status, review: Review): HTMLElement {
  const who = review ? ` · ${review.reviewer}, ${new Date(review.at).toLocaleDateString('vi-VN')}` : '';
  return h(
    'span',
    { class: 'link-status-wrap' },
    h('span', { class: `link-status status-${status}`, 'data-status': status, title: review?.comment ?? '' }, STATUS_LABEL[status], who),
    review?.stale ? h('span', { class: 'tag tag-stale', title: 'Nội dung nhiệm vụ đã thay đổi sau khi duyệt: quyết định vẫn áp dụng, nên xem lại.' }, 'cần xem lại') : null,
    review?.comment ? h('span', { class: 'muted small review-comment' }, ` “${review.comment}”`) : null,
  );
}

export interface ReviewForm {
  el: HTMLElement;
  /** The reviewer's name and comment, or null (with the reason shown) when the name is missing. */
  values(): { reviewer: string; comment: string } | null;
  showError(err: unknown): void;
  clearMessage(): void;
}

/** Name, token and comment fields; the name and token are kept for the session. */
export function reviewForm(idPrefix: string): ReviewForm {
  const reviewer = h('input', { type: 'text', id: `${idPrefix}-reviewer`, autocomplete: 'name', maxlength: 200, placeholder: 'Họ tên' });
  reviewer.value = readReviewer();
  reviewer.addEventListener('input', () => saveReviewer(reviewer.value.trim()));
  const token = h('input', { type: 'password', id: `${idPrefix}-token`, autocomplete: 'off', placeholder: 'API_TOKEN' });
  token.value = readApiToken();
  token.addEventListener('input', () => saveApiToken(token.value.trim()));
  const comment = h('input', { type: 'text', id: `${idPrefix}-comment`, maxlength: 2000, placeholder: 'Lý do (không bắt buộc)' });
  const message = h('p', { class: 'review-message', role: 'alert', id: `${idPrefix}-message` });
  const el = h(
    'fieldset',
    { class: 'review-form', id: `${idPrefix}-form` },
    h('legend', null, 'Duyệt liên kết'),
    h('label', { class: 'field' }, h('span', null, 'Người duyệt'), reviewer),
    h('label', { class: 'field' }, h('span', null, 'Mã truy cập'), token),
    h('label', { class: 'field wide' }, h('span', null, 'Ghi chú'), comment),
    message,
  );
  return {
    el,
    values: () => {
      const name = reviewer.value.trim();
      if (!name) {
        message.textContent = 'Cần nhập tên người duyệt trước khi ghi quyết định.';
        reviewer.focus();
        return null;
      }
      return { reviewer: name, comment: comment.value.trim() };
    },
    showError: (err) => {
      const text = err instanceof ApiError ? errorDetail(err.message) : String(err);
      message.textContent = `Không ghi được quyết định: ${text}`;
      if (err instanceof ApiError && err.status === 401) token.focus();
    },
    clearMessage: () => {
      message.textContent = '';
      comment.value = '';
    },
  };
}

/** Sends a decision from a button: the button says it is saving, the form shows any error. */
export async function decide(button: HTMLButtonElement, form: ReviewForm, taskId: string, directiveId: string, decision: Decision): Promise<void> {
  const v = form.values();
  if (!v) return;
  const label = button.textContent;
  button.disabled = true;
  button.textContent = 'Đang lưu…';
  try {
    await sendReview({ taskId, directiveId, decision, ...v });
    form.clearMessage();
  } catch (err) {
    form.showError(err);
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

export function decisionButtons(form: ReviewForm, taskId: string, directiveId: string, status: Status): HTMLElement {
  return h(
    'div',
    { class: 'review-actions' },
    DECISIONS[status].map((d) => {
      const b: HTMLButtonElement = h('button', { type: 'button', class: `btn btn-small review-${d}`, 'data-decision': d }, DECISION_LABEL[d]);
      b.addEventListener('click', () => void decide(b, form, taskId, directiveId, d));
      return b;
    }),
  );
}

/** Lower case, tones and đ folded: "hoi nhap" finds "Hội nhập". */
export const fold = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();

export interface PickerOptions<T> {
  id: string;
  placeholder: string;
  items: T[];
  key: (x: T) => string;
  text: (x: T) => string;
  render: (x: T) => Node;
  onPick: (x: T, button: HTMLButtonElement) => void;
  empty: string;
}

/** A search box over `items`, each with a "Thêm" button; at most 30 shown. */
export function picker<T>(o: PickerOptions<T>): HTMLElement {
  const input = h('input', { type: 'search', id: o.id, placeholder: o.placeholder, 'aria-label': o.placeholder });
  const list = h('ul', { class: 'picker-list', id: `${o.id}-list` });
  const draw = () => {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    const hits = o.items.filter((x) => words.every((w) => fold(o.text(x)).includes(w)));
    replace(
      list,
      hits.length === 0 ? h('li', { class: 'muted small' }, o.empty) : null,
      hits.slice(0, 30).map((x) => {
        const b: HTMLButtonElement = h('button', { type: 'button', class: 'btn btn-small picker-add' }, 'Thêm');
        b.addEventListener('click', () => o.onPick(x, b));
        return h('li', { class: 'picker-item', 'data-key': o.key(x) }, h('div', { class: 'picker-text' }, o.render(x)), b);
      }),
      hits.length > 30 ? h('li', { class: 'muted small' }, `… và ${hits.length - 30} mục khác: gõ thêm từ để lọc.`) : null,
    );
  };
  input.addEventListener('input', draw);
  draw();
  return h('div', { class: 'picker' }, input, list);
}
