/**
 * A heatmap cell's evidence: the province's tasks implementing the directive item, each with its
 * score, how it was linked (through which items when rolled up), its lead and deadline, and the
 * reviewer's decision buttons; the links reviewers rejected; and a picker to add a task.
 */
import { getJson } from '../api.js';
import { csvLink } from '../csv-link.js';
import { nodeLink } from '../node-links.js';
import { h, replace } from '../dom.js';
import { decide, decisionButtons, picker, reviewForm, statusBadge, type ReviewForm } from '../review-ui.js';
import { updateParams } from '../router.js';
import { emptyBox, loadInto } from '../status.js';
import { docName, lines, methodLabel, num, plural, section, truncate } from '../text.js';
import type { CellCandidates, HeatmapCell } from '../types.js';

type Evidence = HeatmapCell['tasks'][number];

/** Rolled up: the task carries out these items, which carry out the cell's (roll-up.ts). */
function viaRow(t: Evidence): HTMLElement | null {
  if (!t.via?.length) return null;
  const links = t.via.flatMap((v, k) => {
    const link = nodeLink(v.id, `${docName({ id: v.documentId, number: v.documentNumber })} ${section(v.sectionPath)}`, 'node-link');
    return k === 0 ? [link] : [' → ', link];
  });
  return h('div', { class: 'wide via' }, h('dt', null, 'Thông qua'), h('dd', null, ...links));
}

function evidenceItem(t: Evidence, form: ReviewForm, directiveId: string): HTMLElement {
  return h(
    'li',
    { class: `evidence-item status-${t.status}`, 'data-item-id': t.task.id, 'data-status': t.status },
    h(
      'div',
      { class: 'hit-head' },
      nodeLink(t.task.id, `${docName(t.document, 40)} ${section(t.task.sectionPath)}`, 'node-link hit-title'),
      h('span', { class: 'muted small' }, ` · ${lines(t.task.lineStart, t.task.lineEnd)}`),
    ),
    h('p', { class: 'hit-text clamp' }, t.task.text),
    h(
      'dl',
      { class: 'explain' },
      h('div', null, h('dt', null, 'Độ khớp'), h('dd', null, num(t.score))),
      h('div', { class: 'wide' }, h('dt', null, 'Cách liên kết'), h('dd', null, methodLabel(t.method))),
      viaRow(t),
      h('div', { class: 'wide' }, h('dt', null, 'Chủ trì'), h('dd', null, t.leads.length ? t.leads.map((a) => a.name).join(', ') : h('span', { class: 'warn' }, 'không có'))),
      t.task.timelineRaw ? h('div', null, h('dt', null, 'Thời hạn'), h('dd', null, t.task.timelineRaw)) : null,
    ),
    statusBadge(t.status, t.review),
    decisionButtons(form, t.task.id, directiveId, t.status),
  );
}

/** Fills `cellEl` with the cell's evidence; returns the cancel of the candidates' request. */
export function renderCell(cellEl: HTMLElement, cell: HeatmapCell, era: 'current' | undefined): () => void {
  const form = reviewForm('cell-review');
  const addEl = h('div', { class: 'cell-add-body' });
  const item = (t: Evidence) => evidenceItem(t, form, cell.directive.id);
  replace(
    cellEl,
    h(
      'header',
      { class: 'cell-head' },
      h('h3', null, `${section(cell.directive.sectionPath)} × ${cell.province}`, h('span', { class: 'count' }, plural(cell.tasks.length, 'nhiệm vụ'))),
      h('button', { type: 'button', class: 'panel-close', 'aria-label': 'Đóng bằng chứng', onclick: () => updateParams({ cell: null, province: null }) }, '×'),
    ),
    h('p', { class: 'small directive-text' }, nodeLink(cell.directive.id, 'Mục chỉ đạo'), ': ', cell.directive.text),
    h('div', { class: 'panel-actions' }, csvLink('/api/audit/cell', { directiveId: cell.directive.id, province: cell.province, provinces: era })),
    form.el,
    cell.tasks.length ? h('ol', { class: 'evidence-list' }, cell.tasks.map(item)) : emptyBox(`${cell.province} chưa có nhiệm vụ nào thực hiện mục này.`, 'Đây là một khoảng trống cần kiểm tra.'),
    cell.rejected.length
      ? h('section', { class: 'rejected-links' }, h('h4', null, `Liên kết đã bác bỏ (${cell.rejected.length})`), h('ol', { class: 'evidence-list', id: 'cell-rejected' }, cell.rejected.map(item)))
      : null,
    h('section', { class: 'cell-add' }, h('h4', null, `Thêm nhiệm vụ của ${cell.province} thực hiện mục này`), addEl),
  );
  return loadInto(
    addEl,
    (signal) => getJson<CellCandidates>('/api/reviews/cell-candidates', { directiveId: cell.directive.id, province: cell.province, provinces: era }, signal),
    (list) =>
      replace(
        addEl,
        picker({
          id: 'cell-add-picker',
          placeholder: 'Tìm nhiệm vụ (số mục hoặc từ trong nội dung)',
          items: list.items,
          key: (c) => c.task.id,
          text: (c) => `${section(c.task.sectionPath)} ${c.task.text}`,
          render: (c) => h('span', null, h('strong', null, `${docName(c.document, 30)} ${section(c.task.sectionPath)}`), ' ', truncate(c.task.text, 160)),
          onPick: (c, button) => void decide(button, form, c.task.id, cell.directive.id, 'add'),
          empty: 'Không có nhiệm vụ nào khớp.',
        }),
      ),
    'Đang tải nhiệm vụ…',
  );
}
