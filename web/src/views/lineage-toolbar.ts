/**
 * The lineage view's controls: where it starts, which way it reads (down: what carries it out;
 * up: what it carries out), a province filter (a 2025 unit holds the provinces merged into it),
 * find in the graph, directive items, framing, and the exports of what is shown; and how they
 * follow the view's state.
 */
import { matchKey } from '../../../core/vn-text.js';
import { h } from '../dom.js';
import { provinceOption } from '../text.js';
import type { Provinces } from '../types.js';
import type { LineageState } from './lineage-state.js';

export interface Toolbar {
  root: HTMLElement;
  rootSelect: HTMLSelectElement;
  waySelect: HTMLSelectElement;
  provinceSelect: HTMLSelectElement;
  findInput: HTMLInputElement;
  findCount: HTMLElement;
  findNext: HTMLButtonElement;
  directivesBox: HTMLInputElement;
  fitButton: HTMLButtonElement;
  resetButton: HTMLButtonElement;
  pngButton: HTMLButtonElement;
  exportButtons: { graphml: HTMLButtonElement; csvNodes: HTMLButtonElement; csvEdges: HTMLButtonElement };
  counter: HTMLElement;
}

export function lineageToolbar(): Toolbar {
  const rootSelect = h('select', { id: 'lineage-root', 'aria-label': 'Văn bản xuất phát' }, h('option', { value: '' }, 'Văn bản trung ương (mặc định)'));
  const waySelect = h(
    'select',
    { id: 'lineage-way', 'aria-label': 'Hướng' },
    h('option', { value: '' }, 'Xuống: văn bản nào thực hiện nó'),
    h('option', { value: 'up' }, 'Lên: nó thực hiện văn bản nào'),
  );
  const provinceSelect = h('select', { id: 'lineage-province', 'aria-label': 'Lọc theo tỉnh' }, h('option', { value: '' }, 'Mọi tỉnh'));
  const findInput = h('input', { type: 'search', id: 'lineage-find', placeholder: 'số hiệu, tỉnh, nội dung…', 'aria-label': 'Tìm trong đồ thị', autocomplete: 'off' });
  const findCount = h('span', { class: 'muted small find-count', 'aria-live': 'polite' });
  const findNext = h('button', { type: 'button', class: 'btn btn-ghost btn-small', id: 'lineage-find-next', title: 'Kết quả tiếp theo' }, 'Tiếp');
  const directivesBox = h('input', { type: 'checkbox', id: 'lineage-directives' });
  const fitButton = h('button', { type: 'button', class: 'btn btn-ghost', title: 'Thu phóng để thấy toàn bộ đồ thị' }, 'Vừa khung');
  const resetButton = h('button', { type: 'button', class: 'btn btn-ghost', title: 'Quay về văn bản trung ương' }, 'Đặt lại');
  const pngButton = h('button', { type: 'button', class: 'btn', id: 'export-png', title: 'Tải ảnh PNG của đồ thị đang hiện' }, 'Xuất PNG');
  const exportButton = (id: string, label: string, title: string) => h('button', { type: 'button', class: 'btn btn-ghost', id, title }, label);
  const exportButtons = {
    graphml: exportButton('export-graphml', 'GraphML', 'Tải GraphML của đúng những gì đang hiện'),
    csvNodes: exportButton('export-csv-nodes', 'CSV nút', 'Tải CSV các nút đang hiện'),
    csvEdges: exportButton('export-csv-edges', 'CSV cạnh', 'Tải CSV các cạnh đang hiện'),
  };
  const counter = h('span', { class: 'muted small counter', 'aria-live': 'polite' });
  const root = h(
    'div',
    { class: 'toolbar' },
    h('h1', { id: 'lineage-title', class: 'view-title' }, 'Phả hệ văn bản'),
    h('label', { class: 'field' }, h('span', null, 'Xuất phát từ'), rootSelect),
    h('label', { class: 'field' }, h('span', null, 'Hướng'), waySelect),
    h('label', { class: 'field' }, h('span', null, 'Tỉnh'), provinceSelect),
    h('label', { class: 'field find-field' }, h('span', null, 'Tìm trong đồ thị'), h('span', { class: 'find-row' }, findInput, findNext, findCount)),
    h('label', { class: 'check', title: 'Khi mở rộng văn bản, hiện cả các mục chỉ đạo (không chỉ nhiệm vụ)' }, directivesBox, 'Hiện mục chỉ đạo'),
    h('div', { class: 'toolbar-actions' }, fitButton, resetButton, pngButton, h('span', { class: 'export-group', role: 'group', 'aria-label': 'Tải phần đang hiện' }, 'Tải phần đang hiện:', exportButtons.graphml, exportButtons.csvNodes, exportButtons.csvEdges)),
    counter,
  );
  return { root, rootSelect, waySelect, provinceSelect, findInput, findCount, findNext, directivesBox, fitButton, resetButton, pngButton, exportButtons, counter };
}

/**
 * The filter's choices from the provinces as documents name them (each with its 2025 unit): today's
 * units first, each with the provinces merged into it, then the names documents use that are no
 * unit now. One value per name: a 2025 unit's name keeps its predecessors.
 */
export function fillProvinces(select: HTMLSelectElement, historical: Provinces): void {
  const byUnit = new Map<string, Provinces>();
  for (const p of historical) {
    const unit = p.currentProvince ?? p.province;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), p]);
  }
  const units = [...byUnit]
    .sort(([a], [b]) => a.localeCompare(b, 'vi'))
    .map(([unit, ps]) => {
      const predecessors = ps.map((p) => p.province).sort((a, b) => a.localeCompare(b, 'vi'));
      const entry = { province: unit, documents: 0, tasks: 0, currentProvince: unit, mergedOn: null, predecessors };
      return h('option', { value: unit }, provinceOption(entry));
    });
  const old = historical
    .filter((p) => !byUnit.has(p.province))
    .sort((a, b) => a.province.localeCompare(b.province, 'vi'))
    .map((p) => h('option', { value: p.province }, provinceOption(p)));
  select.append(h('optgroup', { label: 'Tỉnh, thành từ 1/7/2025' }, units), ...(old.length ? [h('optgroup', { label: 'Tên trong văn bản (trước sáp nhập)' }, old)] : []));
}

/** The controls say what the state says (after a URL change or once their options arrived). */
export function syncToolbar(tb: Toolbar, s: LineageState): void {
  tb.rootSelect.value = !s.isDefault && s.roots.length === 1 ? s.roots[0]! : '';
  tb.waySelect.value = s.model.direction === 'up' ? 'up' : '';
  tb.directivesBox.checked = s.model.showDirectives;
  // A filter typed in the URL ("binh thuan") selects its option when there is one of that name.
  const option = Array.from(tb.provinceSelect.options).find((o) => o.value && s.province && matchKey(o.value) === matchKey(s.province));
  tb.provinceSelect.value = option ? option.value : '';
  if (document.activeElement !== tb.findInput) tb.findInput.value = s.findText;
}
