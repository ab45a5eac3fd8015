/**
 * Deadlines: per province, how many tasks fall due in each year and how many of them had passed
 * their deadline on a chosen day; recurring and undated tasks apart; a cell opens its tasks,
 * soonest first. Provinces as documents name them or as the 34 units of 2025.
 * URL: `#/deadlines?asOf=YYYY-MM-DD&era=current&issued=2024&province=…&year=…&status=overdue|dated`.
 */
import { getJson } from '../api.js';
import { csvLink } from '../csv-link.js';
import { eraPicker } from '../era-select.js';
import { h, replace } from '../dom.js';
import { updateParams } from '../router.js';
import { emptyBox, loadInto } from '../status.js';
import { taskCard } from '../task-card.js';
import { formatDate, plural } from '../text.js';
import type { DeadlineGrid, TaskList } from '../types.js';
import type { View } from './view.js';

const today = () => new Date().toISOString().slice(0, 10);
/** Years documents in the corpus are issued in: the plans of the 69-KL/TW era and before. */
const ISSUE_YEARS = Array.from({ length: 10 }, (_, k) => String(new Date().getFullYear() - k));

interface State {
  asOf: string;
  era: string;
  issued: string;
  province: string;
  year: string;
  status: string;
}

export function deadlinesView(el: HTMLElement, initial: URLSearchParams): View {
  const controls = deadlineControls();
  const { asOfInput, eraSelect, issuedSelect } = controls;
  const gridCsv = h('span');
  const gridEl = h('div', { class: 'heatmap-scroll', id: 'deadline-grid' });
  const listHead = h('div', { class: 'list-toolbar' });
  const listEl = h('div', { class: 'audit-list', id: 'deadline-tasks' });
  replace(el, deadlinesPage(controls, gridCsv, gridEl, listHead, listEl));

  let state: State = { asOf: '', era: '', issued: '', province: '', year: '', status: '' };
  const cancels: Record<string, (() => void) | undefined> = {};

  asOfInput.addEventListener('change', () => updateParams({ asOf: asOfInput.value && asOfInput.value !== today() ? asOfInput.value : null }, true));
  eraSelect.addEventListener('change', () => updateParams({ era: eraSelect.value || null, province: null, year: null }));
  issuedSelect.addEventListener('change', () => updateParams({ issued: issuedSelect.value || null }, true));

  const loadGrid = () => {
    cancels.grid?.();
    replace(gridCsv, csvLink('/api/deadlines', common(state), 'Tải CSV'));
    cancels.grid = loadInto(gridEl, (signal) => getJson<DeadlineGrid>('/api/deadlines', common(state), signal), (grid) => replace(gridEl, deadlineGrid(grid)), 'Đang tải thời hạn…');
  };
  const loadList = () => {
    cancels.list?.();
    cancels.list = loadTaskList(state, listHead, listEl);
  };

  const update = (params: URLSearchParams) => {
    const next = stateOf(params);
    const prev = state;
    state = next;
    asOfInput.value = next.asOf;
    eraSelect.value = next.era;
    issuedSelect.value = next.issued;
    const filtersChanged = prev.asOf !== next.asOf || prev.era !== next.era || prev.issued !== next.issued;
    if (filtersChanged) loadGrid();
    if (filtersChanged || prev.province !== next.province || prev.year !== next.year || prev.status !== next.status) loadList();
  };
  update(initial);

  return { update, unmount: () => Object.values(cancels).forEach((c) => c?.()) };
}

function stateOf(params: URLSearchParams): State {
  return {
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(params.get('asOf') ?? '') ? params.get('asOf')! : today(),
    era: params.get('era') === 'current' ? 'current' : '',
    issued: params.get('issued') ?? '',
    province: params.get('province') ?? '',
    year: params.get('year') ?? '',
    status: params.get('status') ?? '',
  };
}

/** The filters every request of this view carries. */
function common(state: State) {
  return { asOf: state.asOf, provinces: state.era === 'current' ? 'current' : undefined, issuedIn: state.issued || undefined };
}

interface DeadlineControls {
  asOfInput: HTMLInputElement;
  eraSelect: HTMLSelectElement;
  issuedSelect: HTMLSelectElement;
}

function deadlineControls(): DeadlineControls {
  return {
    asOfInput: h('input', { type: 'date', id: 'deadline-as-of', 'aria-label': 'Tính đến ngày' }),
    eraSelect: eraPicker('deadline-era'),
    issuedSelect: h(
      'select',
      { id: 'deadline-issued', 'aria-label': 'Năm ban hành' },
      h('option', { value: '' }, 'Mọi năm'),
      ISSUE_YEARS.map((y) => h('option', { value: y }, y)),
    ),
  };
}

/** The page: the filters, the grid of tasks by year due, and the list of a chosen cell's tasks. */
function deadlinesPage(controls: DeadlineControls, gridCsv: HTMLElement, gridEl: HTMLElement, listHead: HTMLElement, listEl: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: 'view view-deadlines', 'aria-labelledby': 'deadlines-title' },
    h(
      'div',
      { class: 'toolbar' },
      h('h1', { id: 'deadlines-title', class: 'view-title' }, 'Thời hạn nhiệm vụ'),
      h('label', { class: 'field' }, h('span', null, 'Tính đến ngày'), controls.asOfInput),
      h('label', { class: 'field' }, h('span', null, 'Tỉnh'), controls.eraSelect),
      h('label', { class: 'field' }, h('span', null, 'Năm ban hành'), controls.issuedSelect),
      h('div', { class: 'toolbar-actions' }, gridCsv),
    ),
    h(
      'section',
      { class: 'card heatmap-card', 'aria-labelledby': 'deadline-grid-title' },
      h('h2', { id: 'deadline-grid-title' }, 'Nhiệm vụ theo năm đến hạn'),
      h(
        'p',
        { class: 'hint' },
        'Mỗi ô: số nhiệm vụ có hạn cuối trong năm đó, trong ngoặc số đã quá hạn tính đến ngày đã chọn. “Quá hạn” chỉ có nghĩa là hạn cuối đã qua: đồ thị không biết nhiệm vụ đã hoàn thành hay chưa. Nhấn một ô để xem các nhiệm vụ.',
      ),
      gridEl,
    ),
    h('section', { class: 'card lists-card', id: 'deadline-list', 'aria-label': 'Danh sách nhiệm vụ theo thời hạn' }, listHead, listEl),
  );
}

function cellButton(province: string, label: string, count: number, overdue: number, patch: Record<string, string | null>): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: `cell deadline-cell${overdue > 0 ? ' has-overdue' : ''}${count === 0 ? ' empty' : ''}`,
      'data-province': province,
      'aria-label': `${province}, ${label}: ${count} nhiệm vụ, ${overdue} đã quá hạn`,
      disabled: count === 0 ? true : undefined,
      onclick: () => updateParams({ province, ...patch }),
    },
    String(count),
    // In a year's cell, how many of its tasks are past due; the overdue column is that count itself.
    overdue > 0 && patch.year ? h('span', { class: 'overdue-count' }, ` (${overdue})`) : null,
  );
}

/** A row per province: its tasks due in each year (with how many are overdue), overdue, recurring, undated. */
function deadlineGrid(grid: DeadlineGrid): HTMLElement {
  if (grid.provinces.length === 0) return emptyBox('Chưa có nhiệm vụ nào của tỉnh.', 'Hãy nạp kế hoạch của các tỉnh ở trang Tải lên.');
  return h(
    'table',
    { class: 'heatmap deadline-table', 'aria-describedby': 'deadline-grid-title' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Tỉnh'),
        grid.years.map((y) => h('th', { scope: 'col', class: 'year-col', 'data-year': y }, `Hạn ${y}`)),
        h('th', { scope: 'col' }, 'Quá hạn'),
        h('th', { scope: 'col' }, 'Thường xuyên'),
        h('th', { scope: 'col' }, 'Không rõ hạn'),
      ),
    ),
    h(
      'tbody',
      null,
      grid.provinces.map((p) =>
        h(
          'tr',
          { 'data-province': p.province },
          h('th', { scope: 'row' }, p.province),
          grid.years.map((y) => {
            const c = p.years[y] ?? { due: 0, overdue: 0 };
            return h('td', { class: 'cell-td', 'data-year': y }, cellButton(p.province, `hạn ${y}`, c.due, c.overdue, { year: y, status: 'dated' }));
          }),
          h('td', { class: 'cell-td total-overdue' }, cellButton(p.province, 'quá hạn', p.overdue, p.overdue, { year: null, status: null })),
          h('td', { class: 'muted' }, String(p.recurring)),
          h('td', { class: 'muted' }, String(p.undated)),
        ),
      ),
    ),
  );
}

/** The tasks of the chosen cell, soonest first; a hint when no cell is chosen. Returns how to cancel the load. */
function loadTaskList(state: State, listHead: HTMLElement, listEl: HTMLElement): (() => void) | undefined {
  if (!state.province) {
    replace(listHead);
    replace(listEl, emptyBox('Chọn một ô của bảng', 'để xem các nhiệm vụ đến hạn hoặc đã quá hạn của tỉnh, hạn gần nhất trước.'));
    return undefined;
  }
  const status = state.status === 'dated' ? 'dated' : 'overdue';
  const params = { ...common(state), province: state.province, status, year: state.year || undefined, limit: '200' };
  const title = status === 'overdue' ? `${state.province}: nhiệm vụ đã quá hạn tính đến ${formatDate(state.asOf)}` : `${state.province}: nhiệm vụ có hạn trong năm ${state.year}`;
  replace(listHead, h('h2', { id: 'deadline-list-title' }, title), csvLink('/api/deadlines/tasks', params));
  return loadInto(
    listEl,
    (signal) => getJson<TaskList>('/api/deadlines/tasks', params, signal),
    (page) => {
      if (page.total === 0) {
        replace(listEl, emptyBox('Không có nhiệm vụ nào.'));
        return;
      }
      const shown = page.items.length < page.total ? ` (hiển thị ${page.items.length})` : '';
      replace(
        listEl,
        h('p', { class: 'summary', role: 'status' }, `${plural(page.total, 'nhiệm vụ')}${shown}`),
        h('ol', { class: 'plain' }, page.items.map((r) => taskCard(r, { overdueOn: state.asOf }))),
      );
    },
    'Đang tải nhiệm vụ…',
  );
}
