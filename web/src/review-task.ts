/**
 * A task's links in its details panel, for review: every directive item it is linked to with the
 * link's status (proposed, confirmed, added, rejected), the decisions each allows, and a searchable
 * picker of the directive items its document may carry out, to add a link the linker missed.
 */
import { getJson } from './api.js';
import { nodeLink } from './node-links.js';
import { h, replace } from './dom.js';
import { REVIEWS_CHANGED } from './review-client.js';
import { decide, decisionButtons, picker, reviewForm, statusBadge } from './review-ui.js';
import { loadInto } from './status.js';
import { methodLabel, num, section, truncate } from './text.js';
import type { TaskLinks } from './types.js';

const directiveLabel = (d: TaskLinks['candidates'][number]) => `${d.documentNumber ?? d.documentId} ${section(d.sectionPath)}`;

export function taskReviewSection(taskId: string): HTMLElement {
  const form = reviewForm('task-review');
  const body = h('div', { class: 'task-review-body' });
  const el = h('section', { class: 'panel-section task-review', id: 'task-review', 'data-task-id': taskId }, h('h3', null, 'Thực hiện mục chỉ đạo'), form.el, body);

  const render = (d: TaskLinks) => {
    const counted = d.links.filter((l) => l.status !== 'rejected').length;
    replace(
      body,
      h('p', { class: 'muted small' }, `${counted} liên kết được tính trên bản đồ nhiệt${d.links.length > counted ? `, ${d.links.length - counted} đã bác bỏ` : ''}.`),
      d.links.length
        ? h(
            'ul',
            { class: 'link-list review-links' },
            d.links.map((l) =>
              h(
                'li',
                { class: `review-link status-${l.status}`, 'data-directive-id': l.directive.id, 'data-status': l.status },
                nodeLink(l.directive.id, directiveLabel(l.directive)),
                h('span', { class: 'muted small' }, l.score != null ? ` · điểm ${num(l.score)} · ${methodLabel(l.method)}` : ''),
                h('div', { class: 'small' }, truncate(l.directive.text, 200)),
                statusBadge(l.status, l.review),
                decisionButtons(form, taskId, l.directive.id, l.status),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'Nhiệm vụ này chưa được liên kết với mục chỉ đạo nào.'),
      h('h4', null, 'Thêm liên kết với mục chỉ đạo'),
      d.candidates.length
        ? picker({
            id: 'task-review-picker',
            placeholder: 'Tìm mục chỉ đạo (số mục hoặc từ trong nội dung)',
            items: d.candidates,
            key: (c) => c.id,
            text: (c) => `${directiveLabel(c)} ${c.text}`,
            render: (c) => h('span', null, h('strong', null, directiveLabel(c)), ' ', truncate(c.text, 160)),
            onPick: (c, button) => void decide(button, form, taskId, c.id, 'add'),
            empty: 'Không có mục chỉ đạo nào khớp.',
          })
        : h('p', { class: 'muted small' }, 'Văn bản của nhiệm vụ không thực hiện văn bản nào có mục chỉ đạo trong đồ thị.'),
    );
  };

  let cancel = () => {};
  const load = () => {
    cancel();
    cancel = loadInto(body, (signal) => getJson<TaskLinks>('/api/reviews/task', { taskId }, signal), render, 'Đang tải liên kết…');
  };
  const onChange = () => {
    if (!el.isConnected) {
      window.removeEventListener(REVIEWS_CHANGED, onChange);
      return;
    }
    load();
  };
  window.addEventListener(REVIEWS_CHANGED, onChange);
  load();
  return el;
}
