/**
 * Two provinces side by side against the same directive items of a central document: for each
 * item, the tasks of each province that carry it out, so a gap on one side and the wording on
 * the other are seen together. URL: `#/compare?doc=…&a=…&b=…&era=current&diff=1`.
 */
import { getJson } from '../api.js';
import { csvLink } from '../csv-link.js';
import { eraPicker } from '../era-select.js';
import { nodeLink } from '../node-links.js';
import { h, replace } from '../dom.js';
import { updateParams } from '../router.js';
import { emptyBox, loadInto } from '../status.js';
import { docName, plural, provinceOption, section, truncate } from '../text.js';
import type { DocumentPage, ProvinceComparison, Provinces } from '../types.js';
import { KL69 } from './default-doc.js';
import type { View } from './view.js';

type Evidence = ProvinceComparison['rows'][number]['tasks'][0][number];

const taskLine = (t: Evidence) =>
  h(
    'li',
    { class: 'compare-task', 'data-item-id': t.task.id },
    nodeLink(t.task.id, `${docName(t.document, 30)} ${section(t.task.sectionPath)}`, 'node-link'),
    h('p', { class: 'hit-text clamp small' }, t.task.text),
    h('p', { class: 'muted small' }, 'Chủ trì: ', t.leads.length ? t.leads.map((a) => a.name).join(', ') : h('span', { class: 'warn' }, 'không có')),
  );

const sideCell = (tasks: Evidence[]) =>
  h('td', { class: `compare-side${tasks.length ? '' : ' gap'}`, 'data-count': tasks.length }, tasks.length ? h('ol', { class: 'plain' }, tasks.map(taskLine)) : h('span', { class: 'warn' }, 'Chưa có nhiệm vụ'));

export function compareView(el: HTMLElement, initial: URLSearchParams): View {
  const controls = compareControls();
  const { docSelect, eraSelect, aSelect, bSelect, diffBox } = controls;
  const csv = h('span');
  const body = h('div', { id: 'compare-body', class: 'compare-body' });
  replace(el, comparePage(controls, csv, body));

  let state = { doc: '', era: '', a: '', b: '', diff: '' };
  let cancel: (() => void) | undefined;
  let data: ProvinceComparison | null = null;
  const era = () => (state.era === 'current' ? 'current' : undefined);

  docSelect.addEventListener('change', () => updateParams({ doc: docSelect.value === KL69 ? null : docSelect.value }));
  eraSelect.addEventListener('change', () => updateParams({ era: eraSelect.value || null, a: null, b: null }));
  aSelect.addEventListener('change', () => updateParams({ a: aSelect.value || null }));
  bSelect.addEventListener('change', () => updateParams({ b: bSelect.value || null }));
  diffBox.addEventListener('change', () => updateParams({ diff: diffBox.checked ? '1' : null }, true));
  loadDocumentOptions(docSelect, () => state.doc);

  const loadProvinces = () =>
    getJson<Provinces>('/api/provinces', { provinces: era() })
      .then((list) => {
        for (const sel of [aSelect, bSelect]) replace(sel, h('option', { value: '' }, '— chọn tỉnh —'), list.map((p) => h('option', { value: p.province }, provinceOption(p))));
        aSelect.value = state.a;
        bSelect.value = state.b;
      })
      .catch(() => {});

  const render = () => {
    if (data) replace(body, ...comparison(data, !!state.diff));
  };

  const load = () => {
    cancel?.();
    data = null;
    if (!state.a || !state.b) {
      replace(csv);
      replace(body, emptyBox('Chọn hai tỉnh để so sánh', 'Mỗi mục chỉ đạo được đặt cạnh các nhiệm vụ của từng tỉnh thực hiện nó.'));
      return;
    }
    const params = { documentId: state.doc, a: state.a, b: state.b, provinces: era() };
    replace(csv, csvLink('/api/audit/compare', params));
    cancel = loadInto(body, (signal) => getJson<ProvinceComparison>('/api/audit/compare', params, signal), (cmp) => ((data = cmp), render()), 'Đang so sánh…');
  };

  const update = (params: URLSearchParams) => {
    const next = { doc: params.get('doc') ?? KL69, era: params.get('era') === 'current' ? 'current' : '', a: params.get('a') ?? '', b: params.get('b') ?? '', diff: params.get('diff') ?? '' };
    const prev = state;
    state = next;
    docSelect.value = next.doc;
    eraSelect.value = next.era;
    aSelect.value = next.a;
    bSelect.value = next.b;
    diffBox.checked = !!next.diff;
    if (prev.doc === '' || prev.era !== next.era) void loadProvinces();
    if (prev.doc !== next.doc || prev.era !== next.era || prev.a !== next.a || prev.b !== next.b) load();
    else if (prev.diff !== next.diff) render();
  };
  update(initial);
  return { update, unmount: () => cancel?.() };
}

interface CompareControls {
  docSelect: HTMLSelectElement;
  eraSelect: HTMLSelectElement;
  aSelect: HTMLSelectElement;
  bSelect: HTMLSelectElement;
  diffBox: HTMLInputElement;
}

function compareControls(): CompareControls {
  return {
    docSelect: h('select', { id: 'compare-doc', 'aria-label': 'Văn bản chỉ đạo' }, h('option', { value: KL69 }, '69-KL/TW')),
    eraSelect: eraPicker('compare-era'),
    aSelect: h('select', { id: 'compare-a', 'aria-label': 'Tỉnh thứ nhất' }),
    bSelect: h('select', { id: 'compare-b', 'aria-label': 'Tỉnh thứ hai' }),
    diffBox: h('input', { type: 'checkbox', id: 'compare-diff' }),
  };
}

function comparePage(controls: CompareControls, csv: HTMLElement, body: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: 'view view-compare', 'aria-labelledby': 'compare-title' },
    h(
      'div',
      { class: 'toolbar' },
      h('h1', { id: 'compare-title', class: 'view-title' }, 'So sánh hai tỉnh'),
      h('label', { class: 'field' }, h('span', null, 'Văn bản chỉ đạo'), controls.docSelect),
      h('label', { class: 'field' }, h('span', null, 'Tỉnh theo'), controls.eraSelect),
      h('label', { class: 'field' }, h('span', null, 'Tỉnh thứ nhất'), controls.aSelect),
      h('label', { class: 'field' }, h('span', null, 'Tỉnh thứ hai'), controls.bSelect),
      h('label', { class: 'check' }, controls.diffBox, ' Chỉ các mục có khác biệt'),
      h('div', { class: 'toolbar-actions' }, csv),
    ),
    h('section', { class: 'card' }, body),
  );
}

/** The central documents with directive items, as options; the one in the URL (`selected()` when they arrive) chosen. */
function loadDocumentOptions(docSelect: HTMLSelectElement, selected: () => string): void {
  getJson<DocumentPage>('/api/documents', { level: 'central', stub: false, limit: 50 })
    .then((page) => {
      replace(docSelect, page.items.filter((d) => d.directives > 0).map((d) => h('option', { value: d.id }, `${docName(d, 50)} (${d.directives} mục)`)));
      docSelect.value = selected();
    })
    .catch(() => {});
}

/** How many items each province covers, and a row per directive item (only those covered by one side, with `diffOnly`). */
function comparison(data: ProvinceComparison, diffOnly: boolean): [HTMLElement, HTMLElement] {
  const [a, b] = data.provinces;
  const covered = (k: 0 | 1) => data.rows.filter((r) => r.tasks[k].length > 0).length;
  const rows = diffOnly ? data.rows.filter((r) => (r.tasks[0].length > 0) !== (r.tasks[1].length > 0)) : data.rows;
  return [
    h('p', { class: 'summary', role: 'status' }, `${a}: có nhiệm vụ cho ${covered(0)}/${data.rows.length} mục · ${b}: ${covered(1)}/${data.rows.length} mục`),
    rows.length === 0
      ? emptyBox('Không có mục nào khác biệt.', 'Hai tỉnh cùng có (hoặc cùng thiếu) nhiệm vụ cho mọi mục chỉ đạo.')
      : h(
          'table',
          { class: 'compare-table' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, `Mục chỉ đạo của ${docName(data.document, 30)}`), h('th', { scope: 'col', 'data-side': 'a' }, a), h('th', { scope: 'col', 'data-side': 'b' }, b))),
          h(
            'tbody',
            null,
            rows.map((r) =>
              h(
                'tr',
                { 'data-directive-id': r.directive.id },
                h('th', { scope: 'row' }, h('span', { class: 'sec' }, section(r.directive.sectionPath)), ' ', nodeLink(r.directive.id, truncate(r.directive.text, 160))),
                sideCell(r.tasks[0]),
                sideCell(r.tasks[1]),
              ),
            ),
          ),
        ),
  ];
}
