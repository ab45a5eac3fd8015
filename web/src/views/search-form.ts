/**
 * The search form: the words, the four filters and the layout of the hits. `FILTERS` names the
 * filters as they are written in the URL and sent to /api/search.
 */
import { h } from '../dom.js';
import { LEVEL_LABEL } from '../text.js';

export const FILTERS = ['province', 'level', 'hasLead', 'kind'] as const;
export type Filter = (typeof FILTERS)[number];

export interface SearchControls {
  input: HTMLInputElement;
  selects: Record<Filter, HTMLSelectElement>;
  layout: HTMLSelectElement;
}

export function searchControls(): SearchControls {
  const input = h('input', {
    type: 'search',
    name: 'q',
    id: 'search-q',
    placeholder: 'vd: khởi nghiệp đổi mới sáng tạo — gõ có dấu hay không dấu đều được',
    'aria-label': 'Từ khóa tìm kiếm',
    autocomplete: 'off',
    maxlength: 500,
  });
  const province = h('select', { name: 'province', 'aria-label': 'Tỉnh' }, h('option', { value: '' }, 'Mọi tỉnh'));
  const level = h(
    'select',
    { name: 'level', 'aria-label': 'Cấp' },
    h('option', { value: '' }, 'Mọi cấp'),
    Object.entries(LEVEL_LABEL).map(([v, l]) => h('option', { value: v }, l)),
  );
  const hasLead = h(
    'select',
    { name: 'hasLead', 'aria-label': 'Cơ quan chủ trì' },
    h('option', { value: '' }, 'Có hoặc không có chủ trì'),
    h('option', { value: 'true' }, 'Có cơ quan chủ trì'),
    h('option', { value: 'false' }, 'Không có cơ quan chủ trì'),
  );
  const kind = h(
    'select',
    { name: 'kind', 'aria-label': 'Loại mục' },
    h('option', { value: '' }, 'Nhiệm vụ và mục chỉ đạo'),
    h('option', { value: 'task' }, 'Chỉ nhiệm vụ'),
    h('option', { value: 'directive' }, 'Chỉ mục chỉ đạo'),
    h('option', { value: 'all' }, 'Mọi đoạn (cả mục tiêu, quan điểm, thủ tục)'),
  );
  const layout = h(
    'select',
    { name: 'group', 'aria-label': 'Cách xếp kết quả' },
    h('option', { value: '' }, 'Phù hợp nhất trước'),
    h('option', { value: 'province' }, 'Nhóm theo tỉnh'),
  );
  return { input, selects: { province, level, hasLead, kind }, layout };
}

export function searchForm(controls: SearchControls, submit: () => void): HTMLFormElement {
  const { input, selects, layout } = controls;
  return h(
    'form',
    { class: 'search-form', role: 'search', onsubmit: (e: Event) => (e.preventDefault(), submit()) },
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Tìm')),
    h(
      'div',
      { class: 'filters' },
      h('label', { class: 'field' }, h('span', null, 'Tỉnh'), selects.province),
      h('label', { class: 'field' }, h('span', null, 'Cấp'), selects.level),
      h('label', { class: 'field' }, h('span', null, 'Chủ trì'), selects.hasLead),
      h('label', { class: 'field' }, h('span', null, 'Loại'), selects.kind),
      h('label', { class: 'field' }, h('span', null, 'Xếp'), layout),
    ),
  );
}
