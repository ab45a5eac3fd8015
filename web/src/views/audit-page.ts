/**
 * The audit view's page: the toolbar (document, province era, sort), the heatmap with its cell's
 * evidence beside it, the review queue, and the auditors' lists with their tabs and filter.
 */
import { h, replace } from '../dom.js';
import { eraPicker } from '../era-select.js';
import { hrefFor } from '../router.js';
import { KL69 } from './default-doc.js';

export interface AuditUi {
  docSelect: HTMLSelectElement;
  sortSelect: HTMLSelectElement;
  eraSelect: HTMLSelectElement;
  heatCsv: HTMLElement;
  compareLink: HTMLAnchorElement;
  heatmapEl: HTMLElement;
  cellEl: HTMLElement;
  queueEl: HTMLElement;
  queueCsv: HTMLElement;
  tabs: HTMLElement;
  listProvince: HTMLSelectElement;
  listCsv: HTMLElement;
  listHint: HTMLElement;
  listEl: HTMLElement;
  listsCard: HTMLElement;
}

function listsSection(ui: Pick<AuditUi, 'tabs' | 'listProvince' | 'listCsv' | 'listHint' | 'listEl'>): HTMLElement {
  return h(
    'section',
    { class: 'card lists-card', id: 'audit-lists', 'aria-label': 'Danh sách kiểm tra' },
    ui.tabs,
    h('div', { class: 'list-toolbar' }, h('label', { class: 'field' }, h('span', null, 'Tỉnh'), ui.listProvince), ui.listCsv),
    ui.listHint,
    ui.listEl,
  );
}

function controls(initial: URLSearchParams) {
  const doc = initial.get('doc');
  // The document named in the URL until the list of documents arrives.
  const docSelect = h('select', { id: 'audit-doc', 'aria-label': 'Văn bản chỉ đạo' }, h('option', { value: doc ?? KL69 }, doc && doc !== KL69 ? doc : '69-KL/TW'));
  const sortSelect = h(
    'select',
    { id: 'audit-sort', 'aria-label': 'Sắp xếp mục chỉ đạo' },
    h('option', { value: '' }, 'Ít tỉnh thực hiện nhất trước'),
    h('option', { value: 'order' }, 'Theo thứ tự trong văn bản'),
  );
  const compareLink = h('a', { class: 'btn btn-small btn-ghost', id: 'audit-compare', href: hrefFor('compare') }, 'So sánh hai tỉnh');
  return { docSelect, sortSelect, eraSelect: eraPicker('audit-era'), heatCsv: h('span'), compareLink };
}

export function auditPage(el: HTMLElement, initial: URLSearchParams): AuditUi {
  const c = controls(initial);
  const parts = {
    heatmapEl: h('div', { class: 'heatmap-scroll', id: 'heatmap' }),
    cellEl: h('aside', { class: 'cell-evidence', id: 'cell-evidence', 'aria-live': 'polite' }),
    queueEl: h('div', { class: 'review-queue', id: 'review-queue' }),
    queueCsv: h('span'),
    tabs: h('div', { class: 'subtabs', role: 'tablist', 'aria-label': 'Danh sách kiểm tra' }),
    listProvince: h('select', { id: 'audit-list-province', 'aria-label': 'Lọc theo tỉnh' }, h('option', { value: '' }, 'Mọi tỉnh')),
    listCsv: h('span'),
    listHint: h('p', { class: 'hint' }),
    listEl: h('div', { class: 'audit-list', id: 'audit-list', role: 'tabpanel' }),
  };
  const listsCard = listsSection(parts);
  replace(
    el,
    h(
      'section',
      { class: 'view view-audit', 'aria-labelledby': 'audit-title' },
      h(
        'div',
        { class: 'toolbar' },
        h('h1', { id: 'audit-title', class: 'view-title' }, 'Kiểm tra thực hiện'),
        h('label', { class: 'field' }, h('span', null, 'Văn bản chỉ đạo'), c.docSelect),
        h('label', { class: 'field' }, h('span', null, 'Tỉnh'), c.eraSelect),
        h('label', { class: 'field' }, h('span', null, 'Sắp xếp'), c.sortSelect),
        h('div', { class: 'toolbar-actions' }, c.heatCsv, c.compareLink, h('a', { class: 'btn btn-small btn-ghost', href: '#audit-lists', onclick: (e: Event) => (e.preventDefault(), listsCard.scrollIntoView({ behavior: 'smooth' })) }, 'Danh sách kiểm tra ↓')),
      ),
      h(
        'section',
        { class: 'card heatmap-card', 'aria-labelledby': 'heatmap-title' },
        h('h2', { id: 'heatmap-title' }, 'Mục chỉ đạo × tỉnh: số nhiệm vụ thực hiện'),
        h('p', { class: 'hint' }, 'Mỗi ô là số nhiệm vụ của tỉnh thực hiện mục chỉ đạo đó. Nhấn một ô để xem các nhiệm vụ và bằng chứng liên kết.'),
        h('div', { class: 'heatmap-layout' }, parts.heatmapEl, parts.cellEl),
      ),
      h(
        'section',
        { class: 'card queue-card', 'aria-labelledby': 'queue-title' },
        h('div', { class: 'queue-toolbar' }, h('h2', { id: 'queue-title' }, 'Cần duyệt trước'), parts.queueCsv),
        h('p', { class: 'hint' }, 'Liên kết có điểm sát ngưỡng, ô chỉ dựa vào một liên kết yếu, nhiệm vụ chưa có liên kết — quyết định nào làm bản đồ nhiệt thay đổi nhiều nhất được xếp trước. Mở một nhiệm vụ để xác nhận, bác bỏ hay thêm liên kết.'),
        parts.queueEl,
      ),
      listsCard,
    ),
  );
  return { ...c, ...parts, listsCard };
}
