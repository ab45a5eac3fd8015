/**
 * The review queue in the audit view: links and tasks whose review would change the heatmap most,
 * each opening the task's details, where the decisions are made (review-task.ts).
 */
import { nodeLink } from '../node-links.js';
import { h } from '../dom.js';
import { emptyBox } from '../status.js';
import { docName, num, section, truncate } from '../text.js';
import type { ReviewQueue } from '../types.js';

const KIND_LABEL: Record<ReviewQueue['items'][number]['kind'], string> = {
  'single-weak-link': 'Ô chỉ dựa vào một liên kết yếu',
  'near-threshold': 'Liên kết sát ngưỡng',
  unlinked: 'Nhiệm vụ chưa có liên kết',
};

export function queueList(queue: ReviewQueue): HTMLElement {
  if (queue.items.length === 0) return emptyBox('Không còn gì cần duyệt trước.', 'Mọi liên kết sát ngưỡng và nhiệm vụ chưa liên kết đã được xem.');
  return h(
    'div',
    null,
    h('p', { class: 'summary', role: 'status' }, `${queue.items.length} / ${queue.total} mục cần duyệt, quan trọng nhất trước`),
    h(
      'ol',
      { class: 'plain queue-list' },
      queue.items.map((e) =>
        h(
          'li',
          { class: `audit-item queue-item kind-${e.kind}`, 'data-item-id': e.task.id, 'data-kind': e.kind, 'data-directive-id': e.directive?.id ?? '' },
          h(
            'div',
            { class: 'hit-head' },
            h('span', { class: `tag queue-kind` }, KIND_LABEL[e.kind]),
            ' ',
            nodeLink(e.task.id, `${docName(e.document, 30)} ${section(e.task.sectionPath)}`, 'node-link hit-title'),
            h('span', { class: 'muted small' }, ` · ${e.province} · ưu tiên ${num(e.priority, 2)}`),
          ),
          h('p', { class: 'hit-text clamp' }, truncate(e.task.text, 220)),
          e.directive
            ? h(
                'p',
                { class: 'small' },
                '→ ',
                nodeLink(e.directive.id, `${queue.document.number ?? ''} ${section(e.directive.sectionPath)}`),
                ` · điểm ${num(e.score)} (ngưỡng ${num(queue.threshold, 2)})`,
                e.cellTasks != null ? ` · ô có ${e.cellTasks} nhiệm vụ` : '',
              )
            : null,
        ),
      ),
    ),
  );
}
