/**
 * Audit: the heatmap of a central document's directive items × provinces (cells = implementing
 * tasks), fewest provinces first; a cell's evidence; and the auditors' lists (directive items a
 * province has no task for, tasks without a lead, collective-led tasks, unresolved citations),
 * each downloadable as CSV. Provinces are those the documents name, or (`era=current`) the 34 units
 * of 2025 with the provinces merged into them rolled up.
 * URL: `#/audit?doc=…&era=current&cell=<directive id>&province=…&list=…&lp=…&sort=…`.
 */
import { getJson } from '../api.js';
import { nodeLink } from '../details.js';
import { h, replace } from '../dom.js';
import { hrefFor, updateParams } from '../router.js';
import { emptyBox, loadInto } from '../status.js';
import { docName, lines, methodLabel, num, plural, provinceLabel, provinceOption, section, truncate } from '../text.js';
import type { CellCandidates, DocumentPage, Heatmap, HeatmapCell, HeatmapRow, Provinces, ReviewQueue, TaskList, UnimplementedList, UnresolvedList } from '../types.js';
import { REVIEWS_CHANGED } from '../review-client.js';
import { decide, decisionButtons, picker, reviewForm, statusBadge, type ReviewForm } from '../review-ui.js';
import { queueList } from './review-queue.js';
import { csvLink } from '../csv-link.js';
import { eraPicker } from '../era-select.js';
import { taskCard } from '../task-card.js';
import { KL69 } from './lineage.js';
import type { View } from './view.js';

type ListName = 'unimplemented' | 'collective' | 'without-lead' | 'unresolved';
const LISTS: { name: ListName; label: string; path: string; hint: string }[] = [
  { name: 'unimplemented', label: 'Mục chỉ đạo chưa được giao', path: '/api/audit/unimplemented', hint: 'Mục chỉ đạo của văn bản này mà một tỉnh đã ban hành kế hoạch thực hiện nhưng không có nhiệm vụ nào tương ứng.' },
  { name: 'collective', label: 'Nhiệm vụ do tập thể chủ trì', path: '/api/audit/collective-led', hint: 'Nhiệm vụ giao cho cả nhóm (“Các sở, ban, ngành…”) thay vì một cơ quan đầu mối — trong mọi kế hoạch.' },
  { name: 'without-lead', label: 'Nhiệm vụ không có chủ trì', path: '/api/audit/tasks-without-lead', hint: 'Nhiệm vụ không ghi cơ quan chủ trì — trong mọi kế hoạch.' },
  { name: 'unresolved', label: 'Văn bản được dẫn nhưng chưa có', path: '/api/audit/unresolved-citations', hint: 'Văn bản được trích dẫn nhưng chưa nạp toàn văn vào đồ thị.' },
];

/** 0 stands out (nobody implements it); more tasks, deeper green. */
export function cellColor(count: number, max: number): { bg: string; fg: string } {
  if (count <= 0) return { bg: '#fdecea', fg: '#a3221b' };
  const t = max <= 1 ? 1 : Math.log1p(count) / Math.log1p(max);
  const light = 88 - t * 58; // 88% → 30%
  return { bg: `hsl(150 55% ${light}%)`, fg: light < 55 ? '#ffffff' : '#0d3a24' };
}

/** What reviewers did in a cell, for its title: nothing when nobody reviewed it. */
export function reviewNote(reviewed: number, rejected: number): string {
  const parts = [reviewed ? `${reviewed} đã duyệt` : '', rejected ? `${rejected} bị bác bỏ` : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export function auditView(el: HTMLElement, initial: URLSearchParams): View {
  const docSelect = h('select', { id: 'audit-doc', 'aria-label': 'Văn bản chỉ đạo' }, h('option', { value: initial.get('doc') ?? KL69 }, initial.get('doc') && initial.get('doc') !== KL69 ? initial.get('doc')! : '69-KL/TW'));
  const sortSelect = h(
    'select',
    { id: 'audit-sort', 'aria-label': 'Sắp xếp mục chỉ đạo' },
    h('option', { value: '' }, 'Ít tỉnh thực hiện nhất trước'),
    h('option', { value: 'order' }, 'Theo thứ tự trong văn bản'),
  );
  const eraSelect = eraPicker('audit-era');
  const heatCsv = h('span');
  const compareLink = h('a', { class: 'btn btn-small btn-ghost', id: 'audit-compare', href: hrefFor('compare') }, 'So sánh hai tỉnh');
  const heatmapEl = h('div', { class: 'heatmap-scroll', id: 'heatmap' });
  const cellEl = h('aside', { class: 'cell-evidence', id: 'cell-evidence', 'aria-live': 'polite' });
  const queueEl = h('div', { class: 'review-queue', id: 'review-queue' });
  const queueCsv = h('span');
  const tabs = h('div', { class: 'subtabs', role: 'tablist', 'aria-label': 'Danh sách kiểm tra' });
  const listProvince = h('select', { id: 'audit-list-province', 'aria-label': 'Lọc theo tỉnh' }, h('option', { value: '' }, 'Mọi tỉnh'));
  const listCsv = h('span');
  const listHint = h('p', { class: 'hint' });
  const listEl = h('div', { class: 'audit-list', id: 'audit-list', role: 'tabpanel' });
  const listsCard = h(
    'section',
    { class: 'card lists-card', id: 'audit-lists', 'aria-label': 'Danh sách kiểm tra' },
    tabs,
    h('div', { class: 'list-toolbar' }, h('label', { class: 'field' }, h('span', null, 'Tỉnh'), listProvince), listCsv),
    listHint,
    listEl,
  );

  replace(
    el,
    h(
      'section',
      { class: 'view view-audit', 'aria-labelledby': 'audit-title' },
      h(
        'div',
        { class: 'toolbar' },
        h('h1', { id: 'audit-title', class: 'view-title' }, 'Kiểm tra thực hiện'),
        h('label', { class: 'field' }, h('span', null, 'Văn bản chỉ đạo'), docSelect),
        h('label', { class: 'field' }, h('span', null, 'Tỉnh'), eraSelect),
        h('label', { class: 'field' }, h('span', null, 'Sắp xếp'), sortSelect),
        h('div', { class: 'toolbar-actions' }, heatCsv, compareLink, h('a', { class: 'btn btn-small btn-ghost', href: '#audit-lists', onclick: (e: Event) => (e.preventDefault(), listsCard.scrollIntoView({ behavior: 'smooth' })) }, 'Danh sách kiểm tra ↓')),
      ),
      h(
        'section',
        { class: 'card heatmap-card', 'aria-labelledby': 'heatmap-title' },
        h('h2', { id: 'heatmap-title' }, 'Mục chỉ đạo × tỉnh: số nhiệm vụ thực hiện'),
        h('p', { class: 'hint' }, 'Mỗi ô là số nhiệm vụ của tỉnh thực hiện mục chỉ đạo đó. Nhấn một ô để xem các nhiệm vụ và bằng chứng liên kết.'),
        h('div', { class: 'heatmap-layout' }, heatmapEl, cellEl),
      ),
      h(
        'section',
        { class: 'card queue-card', 'aria-labelledby': 'queue-title' },
        h('div', { class: 'queue-toolbar' }, h('h2', { id: 'queue-title' }, 'Cần duyệt trước'), queueCsv),
        h('p', { class: 'hint' }, 'Liên kết có điểm sát ngưỡng, ô chỉ dựa vào một liên kết yếu, nhiệm vụ chưa có liên kết — quyết định nào làm bản đồ nhiệt thay đổi nhiều nhất được xếp trước. Mở một nhiệm vụ để xác nhận, bác bỏ hay thêm liên kết.'),
        queueEl,
      ),
      listsCard,
    ),
  );

  let state = { doc: '', era: '', sort: '', cell: '', province: '', list: '' as ListName, lp: '' };
  /** The `provinces` parameter every audit request carries: how province names are read. */
  const era = () => (state.era === 'current' ? 'current' : undefined);
  let heatmap: Heatmap | null = null;
  const cancels: Record<string, (() => void) | undefined> = {};

  docSelect.addEventListener('change', () => updateParams({ doc: docSelect.value === KL69 ? null : docSelect.value, cell: null, province: null }));
  sortSelect.addEventListener('change', () => updateParams({ sort: sortSelect.value || null }, true));
  // Columns and the province filter change meaning: an open cell or filter would name another unit.
  eraSelect.addEventListener('change', () => updateParams({ era: eraSelect.value || null, cell: null, province: null, lp: null }));
  listProvince.addEventListener('change', () => updateParams({ lp: listProvince.value || null }, true));

  getJson<DocumentPage>('/api/documents', { level: 'central', stub: false, limit: 50 })
    .then((page) => {
      const withDirectives = page.items.filter((d) => d.directives > 0);
      replace(docSelect, withDirectives.map((d) => h('option', { value: d.id }, `${docName(d, 50)} (${d.directives} mục)`)));
      docSelect.value = state.doc;
    })
    .catch(() => {
      /* keep the placeholder option; the heatmap shows the error */
    });
  const loadProvinceOptions = () =>
    getJson<Provinces>('/api/provinces', { provinces: era() })
      .then((list) => {
        replace(listProvince, h('option', { value: '' }, 'Mọi tỉnh'), list.map((p) => h('option', { value: p.province }, provinceOption(p))));
        listProvince.value = state.lp;
      })
      .catch(() => {});

  const renderHeatmap = () => {
    if (!heatmap) return;
    const map = heatmap;
    if (map.rows.length === 0) {
      replace(heatmapEl, emptyBox('Văn bản này không có mục chỉ đạo nào.'));
      return;
    }
    if (map.provinces.length === 0) {
      replace(heatmapEl, emptyBox('Chưa có tỉnh nào ban hành kế hoạch thực hiện văn bản này.'));
      return;
    }
    const rows: HeatmapRow[] = state.sort === 'order' ? [...map.rows].sort((a, b) => a.directive.ordinal - b.directive.ordinal) : map.rows;
    const max = Math.max(1, ...map.rows.flatMap((r) => Object.values(r.cells)));
    const rotate = map.provinces.length > 6;
    const table = h(
      'table',
      { class: `heatmap${rotate ? ' rotate' : ''}`, 'aria-describedby': 'heatmap-title' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col', class: 'directive-col' }, `Mục chỉ đạo của ${map.document.number ?? docName(map.document)}`),
          map.provinces.map((p) => h('th', { scope: 'col', class: 'province-col' }, h('span', null, p))),
          h('th', { scope: 'col', class: 'num-col', title: 'Số tỉnh có nhiệm vụ thực hiện' }, 'Số tỉnh'),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) => {
          const d = r.directive;
          return h(
            'tr',
            { 'data-directive-id': d.id, class: r.provincesImplementing === 0 ? 'none' : '' },
            h(
              'th',
              { scope: 'row', class: 'directive-col', title: d.text },
              h('span', { class: 'sec' }, section(d.sectionPath)),
              ' ',
              h('span', { class: 'dtext' }, truncate(d.text, 120)),
              d.sectionTitles.length ? h('span', { class: 'muted small stitle' }, truncate(d.sectionTitles[d.sectionTitles.length - 1], 90)) : null,
            ),
            map.provinces.map((p) => {
              const n = r.cells[p] ?? 0;
              const reviewed = r.reviewed[p] ?? 0;
              const rejected = r.rejected[p] ?? 0;
              const c = cellColor(n, max);
              const active = state.cell === d.id && state.province === p;
              return h(
                'td',
                { class: 'cell-td' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: `cell${active ? ' active' : ''}${reviewed || rejected ? ' reviewed' : ''}`,
                    style: { background: c.bg, color: c.fg },
                    'data-province': p,
                    'data-count': n,
                    'data-reviewed': reviewed,
                    'data-rejected': rejected,
                    'aria-pressed': active ? 'true' : 'false',
                    'aria-label': `${section(d.sectionPath)} × ${p}: ${n} nhiệm vụ${reviewNote(reviewed, rejected)}`,
                    title: `${p}: ${n} nhiệm vụ thực hiện ${section(d.sectionPath)}${reviewNote(reviewed, rejected)}`,
                    onclick: () => updateParams({ cell: d.id, province: p }),
                  },
                  String(n),
                ),
              );
            }),
            h(
              'td',
              { class: 'num-col' },
              h('span', { class: 'ratio' }, `${r.provincesImplementing}/${map.provinces.length}`),
              h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: { width: `${(100 * r.provincesImplementing) / map.provinces.length}%` } })),
            ),
          );
        }),
      ),
    );
    const scale = [0, 1, Math.max(2, Math.round(max / 2)), max].filter((v, i, a) => a.indexOf(v) === i);
    replace(
      heatmapEl,
      table,
      h(
        'div',
        { class: 'scale', 'aria-label': 'Thang màu' },
        h('span', { class: 'muted small' }, 'Số nhiệm vụ: '),
        scale.map((v) => {
          const c = cellColor(v, max);
          return h('span', { class: 'scale-chip', style: { background: c.bg, color: c.fg } }, String(v));
        }),
        h('span', { class: 'muted small' }, ` · ${plural(map.rows.length, 'mục')} · ${plural(map.provinces.length, 'tỉnh')}`),
      ),
    );
  };

  const loadHeatmap = () => {
    cancels.heat?.();
    heatmap = null;
    replace(heatCsv, csvLink('/api/audit/heatmap', { documentId: state.doc, provinces: era() }, 'Tải CSV bản đồ nhiệt'));
    cancels.heat = loadInto(
      heatmapEl,
      (signal) => getJson<Heatmap>('/api/audit/heatmap', { documentId: state.doc, provinces: era() }, signal),
      (map) => {
        heatmap = map;
        renderHeatmap();
      },
      'Đang tải bản đồ nhiệt…',
    );
  };

  const evidenceItem = (t: HeatmapCell['tasks'][number], form: ReviewForm, directiveId: string) =>
    h(
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
        // Rolled up: the task carries out these items, which carry out the cell's (roll-up.ts).
        t.via?.length
          ? h(
              'div',
              { class: 'wide via' },
              h('dt', null, 'Thông qua'),
              h(
                'dd',
                null,
                ...t.via.flatMap((v, k) => {
                  const link = nodeLink(v.id, `${docName({ id: v.documentId, number: v.documentNumber })} ${section(v.sectionPath)}`, 'node-link');
                  return k === 0 ? [link] : [' → ', link];
                }),
              ),
            )
          : null,
        h('div', { class: 'wide' }, h('dt', null, 'Chủ trì'), h('dd', null, t.leads.length ? t.leads.map((a) => a.name).join(', ') : h('span', { class: 'warn' }, 'không có'))),
        t.task.timelineRaw ? h('div', null, h('dt', null, 'Thời hạn'), h('dd', null, t.task.timelineRaw)) : null,
      ),
      statusBadge(t.status, t.review),
      decisionButtons(form, t.task.id, directiveId, t.status),
    );

  const loadCell = () => {
    cancels.cell?.();
    if (!state.cell || !state.province) {
      replace(cellEl, emptyBox('Chọn một ô của bản đồ nhiệt', 'để xem nhiệm vụ nào của tỉnh thực hiện mục chỉ đạo đó, cùng điểm và cách liên kết.'));
      cellEl.classList.remove('open');
      return;
    }
    cellEl.classList.add('open');
    cancels.cell = loadInto(
      cellEl,
      (signal) => getJson<HeatmapCell>('/api/audit/cell', { directiveId: state.cell, province: state.province, provinces: era() }, signal),
      (cell) => {
        const form = reviewForm('cell-review');
        const addEl = h('div', { class: 'cell-add-body' });
        cancels.cellAdd?.();
        replace(
          cellEl,
          h(
            'header',
            { class: 'cell-head' },
            h('h3', null, `${section(cell.directive.sectionPath)} × ${cell.province}`, h('span', { class: 'count' }, plural(cell.tasks.length, 'nhiệm vụ'))),
            h('button', { type: 'button', class: 'panel-close', 'aria-label': 'Đóng bằng chứng', onclick: () => updateParams({ cell: null, province: null }) }, '×'),
          ),
          h('p', { class: 'small directive-text' }, nodeLink(cell.directive.id, 'Mục chỉ đạo'), ': ', cell.directive.text),
          h('div', { class: 'panel-actions' }, csvLink('/api/audit/cell', { directiveId: cell.directive.id, province: cell.province, provinces: era() })),
          form.el,
          cell.tasks.length
            ? h('ol', { class: 'evidence-list' }, cell.tasks.map((t) => evidenceItem(t, form, cell.directive.id)))
            : emptyBox(`${cell.province} chưa có nhiệm vụ nào thực hiện mục này.`, 'Đây là một khoảng trống cần kiểm tra.'),
          cell.rejected.length
            ? h('section', { class: 'rejected-links' }, h('h4', null, `Liên kết đã bác bỏ (${cell.rejected.length})`), h('ol', { class: 'evidence-list', id: 'cell-rejected' }, cell.rejected.map((t) => evidenceItem(t, form, cell.directive.id))))
            : null,
          h('section', { class: 'cell-add' }, h('h4', null, `Thêm nhiệm vụ của ${cell.province} thực hiện mục này`), addEl),
        );
        cancels.cellAdd = loadInto(
          addEl,
          (signal) => getJson<CellCandidates>('/api/reviews/cell-candidates', { directiveId: cell.directive.id, province: cell.province, provinces: era() }, signal),
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
        if (window.innerWidth < 1100) cellEl.scrollIntoView({ block: 'nearest' });
      },
      'Đang tải bằng chứng…',
    );
  };

  const loadQueue = () => {
    cancels.queue?.();
    replace(queueCsv, csvLink('/api/reviews/queue', { documentId: state.doc, limit: '500' }, 'Tải CSV hàng đợi'));
    cancels.queue = loadInto(
      queueEl,
      (signal) => getJson<ReviewQueue>('/api/reviews/queue', { documentId: state.doc, limit: 15 }, signal),
      (queue) => replace(queueEl, queueList(queue)),
      'Đang tải hàng đợi duyệt…',
    );
  };

  // A decision written anywhere (this panel, a task's details) changes the counts: load them again.
  const onReviewed = () => {
    loadHeatmap();
    loadCell();
    loadQueue();
    if (state.list === 'unimplemented') loadList();
  };
  window.addEventListener(REVIEWS_CHANGED, onReviewed);

  const loadList = () => {
    cancels.list?.();
    const def = LISTS.find((l) => l.name === state.list) ?? LISTS[0]!;
    replace(
      tabs,
      LISTS.map((l) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            id: `tab-${l.name}`,
            class: `subtab${l.name === def.name ? ' active' : ''}`,
            'aria-selected': l.name === def.name ? 'true' : 'false',
            onclick: () => updateParams({ list: l.name === 'unimplemented' ? null : l.name }, true),
          },
          l.label,
        ),
      ),
    );
    listEl.setAttribute('aria-labelledby', `tab-${def.name}`);
    listHint.textContent = def.hint;
    const params: Record<string, string | undefined> = { province: state.lp || undefined, provinces: era() };
    if (def.name === 'unimplemented') params.documentId = state.doc;
    listProvince.disabled = def.name === 'unresolved';
    if (def.name === 'unresolved') {
      delete params.province;
      delete params.provinces;
    }
    replace(listCsv, csvLink(def.path, params));
    cancels.list = loadInto(
      listEl,
      (signal) => getJson<unknown>(def.path, params, signal),
      (data) => {
        const total = (data as { total: number }).total;
        const head = h('p', { class: 'summary', role: 'status' }, plural(total, def.name === 'unimplemented' ? 'mục' : def.name === 'unresolved' ? 'văn bản' : 'nhiệm vụ'));
        if (total === 0) {
          replace(listEl, emptyBox('Không có mục nào trong danh sách này.', def.name === 'unimplemented' ? 'Mọi tỉnh đều có nhiệm vụ cho mọi mục chỉ đạo.' : undefined));
          return;
        }
        if (def.name === 'unimplemented') {
          const rows = (data as UnimplementedList).items;
          const byProvince = new Map<string, typeof rows>();
          for (const r of rows) byProvince.set(r.province, [...(byProvince.get(r.province) ?? []), r]);
          replace(
            listEl,
            head,
            [...byProvince].map(([p, list]) =>
              h(
                'section',
                { class: 'group', 'data-province': p },
                h('h3', { class: 'group-title' }, p, h('span', { class: 'count' }, plural(list.length, 'mục'))),
                h(
                  'ol',
                  { class: 'plain' },
                  list.map((r) =>
                    h(
                      'li',
                      { class: 'audit-item', 'data-item-id': r.directive.id },
                      h('div', { class: 'hit-head' }, nodeLink(r.directive.id, `${docName(r.document, 30)} ${section(r.directive.sectionPath)}`, 'node-link hit-title'), h('span', { class: 'muted small' }, ` · ${lines(r.directive.lineStart, r.directive.lineEnd)}`)),
                      h('p', { class: 'hit-text clamp' }, r.directive.text),
                    ),
                  ),
                ),
              ),
            ),
          );
        } else if (def.name === 'unresolved') {
          const rows = (data as UnresolvedList).items;
          replace(
            listEl,
            head,
            h(
              'ol',
              { class: 'plain' },
              rows.map((r) =>
                h(
                  'li',
                  { class: 'audit-item' },
                  h('div', { class: 'hit-head' }, nodeLink(r.document.id, r.document.number ?? r.document.id, 'node-link hit-title'), h('span', { class: 'muted small' }, ` · ${provinceLabel(r.document.province)} · được dẫn bởi ${plural(r.citedBy.length, 'văn bản')}`)),
                  h(
                    'ul',
                    { class: 'small' },
                    r.citedBy.slice(0, 5).map((c) => h('li', null, nodeLink(c.id, c.number ?? truncate(c.id, 40)), ` (${provinceLabel(c.province)}): `, h('q', null, truncate(c.evidence ?? c.raw, 160)))),
                  ),
                ),
              ),
            ),
          );
        } else {
          replace(listEl, head, h('ol', { class: 'plain' }, (data as TaskList).items.map((r) => taskCard(r, { showLeadRaw: def.name === 'collective' }))));
        }
      },
      'Đang tải danh sách…',
    );
  };

  const update = (params: URLSearchParams) => {
    const next = {
      doc: params.get('doc') ?? KL69,
      era: params.get('era') === 'current' ? 'current' : '',
      sort: params.get('sort') ?? '',
      cell: params.get('cell') ?? '',
      province: params.get('province') ?? '',
      list: (params.get('list') ?? 'unimplemented') as ListName,
      lp: params.get('lp') ?? '',
    };
    const prev = state;
    state = next;
    docSelect.value = next.doc;
    eraSelect.value = next.era;
    sortSelect.value = next.sort;
    listProvince.value = next.lp;
    compareLink.href = hrefFor('compare', { doc: next.doc === KL69 ? null : next.doc, era: next.era || null });
    const first = prev.doc === '';
    const eraChanged = prev.era !== next.era;
    if (first || eraChanged) void loadProvinceOptions();
    if (first || eraChanged || prev.doc !== next.doc) loadHeatmap();
    if (first || prev.doc !== next.doc) loadQueue();
    else if (prev.sort !== next.sort || prev.cell !== next.cell || prev.province !== next.province) renderHeatmap();
    if (first || eraChanged || prev.cell !== next.cell || prev.province !== next.province) loadCell();
    if (first || eraChanged || prev.list !== next.list || prev.lp !== next.lp || (next.list === 'unimplemented' && prev.doc !== next.doc)) loadList();
  };
  update(initial);
  // A shared link to a list opens on it.
  if (initial.has('list') || initial.has('lp')) setTimeout(() => listsCard.scrollIntoView(), 0);

  return {
    update,
    unmount: () => {
      window.removeEventListener(REVIEWS_CHANGED, onReviewed);
      Object.values(cancels).forEach((c) => c?.());
    },
  };
}
