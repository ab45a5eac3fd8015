/**
 * Audit: the heatmap of a central document's directive items × provinces (cells = implementing
 * tasks), fewest provinces first; a cell's evidence; and the auditors' lists (directive items a
 * province has no task for, tasks without a lead, collective-led tasks, unresolved citations),
 * each downloadable as CSV. Provinces are those the documents name, or (`era=current`) the 34 units
 * of 2025 with the provinces merged into them rolled up.
 * URL: `#/audit?doc=…&era=current&cell=<directive id>&province=…&list=…&lp=…&sort=…`.
 *
 * This file loads the answers into the page (audit-page.ts) and follows the URL (audit-state.ts);
 * the parts are drawn by audit-heatmap.ts, audit-cell.ts and audit-lists.ts.
 */
import { getJson } from '../api.js';
import { csvLink } from '../csv-link.js';
import { h, replace } from '../dom.js';
import { REVIEWS_CHANGED } from '../review-client.js';
import { hrefFor, updateParams } from '../router.js';
import { emptyBox, loadInto } from '../status.js';
import { docName, provinceOption } from '../text.js';
import type { DocumentPage, Heatmap, HeatmapCell, Provinces, ReviewQueue } from '../types.js';
import { renderCell } from './audit-cell.js';
import { heatmapContent } from './audit-heatmap.js';
import { listContent, listDef, listParams, listTabs } from './audit-lists.js';
import { auditPage, type AuditUi } from './audit-page.js';
import { NO_AUDIT_STATE, auditReloads, auditStateOf, eraParam, type AuditState } from './audit-state.js';
import { KL69 } from './default-doc.js';
import { queueList } from './review-queue.js';
import type { View } from './view.js';

export { cellColor, reviewNote } from './audit-heatmap.js';

interface AuditCtx {
  ui: AuditUi;
  state: AuditState;
  heatmap: Heatmap | null;
  /** The requests under way, cancelled when a newer one replaces them or the view is left. */
  cancels: Record<string, (() => void) | undefined>;
}

function wireControls({ ui }: AuditCtx): void {
  ui.docSelect.addEventListener('change', () => updateParams({ doc: ui.docSelect.value === KL69 ? null : ui.docSelect.value, cell: null, province: null }));
  ui.sortSelect.addEventListener('change', () => updateParams({ sort: ui.sortSelect.value || null }, true));
  // Columns and the province filter change meaning: an open cell or filter would name another unit.
  ui.eraSelect.addEventListener('change', () => updateParams({ era: ui.eraSelect.value || null, cell: null, province: null, lp: null }));
  ui.listProvince.addEventListener('change', () => updateParams({ lp: ui.listProvince.value || null }, true));
}

/** The documents with directive items, for the document picker. */
function loadDocuments(c: AuditCtx): void {
  getJson<DocumentPage>('/api/documents', { level: 'central', stub: false, limit: 50 })
    .then((page) => {
      const withDirectives = page.items.filter((d) => d.directives > 0);
      replace(c.ui.docSelect, withDirectives.map((d) => h('option', { value: d.id }, `${docName(d, 50)} (${d.directives} mục)`)));
      c.ui.docSelect.value = c.state.doc;
    })
    .catch(() => {
      /* keep the placeholder option; the heatmap shows the error */
    });
}

function loadProvinceOptions(c: AuditCtx): void {
  getJson<Provinces>('/api/provinces', { provinces: eraParam(c.state) })
    .then((list) => {
      replace(c.ui.listProvince, h('option', { value: '' }, 'Mọi tỉnh'), list.map((p) => h('option', { value: p.province }, provinceOption(p))));
      c.ui.listProvince.value = c.state.lp;
    })
    .catch(() => {});
}

function renderHeatmap(c: AuditCtx): void {
  if (c.heatmap) replace(c.ui.heatmapEl, heatmapContent(c.heatmap, c.state));
}

function loadHeatmap(c: AuditCtx): void {
  c.cancels.heat?.();
  c.heatmap = null;
  const params = { documentId: c.state.doc, provinces: eraParam(c.state) };
  replace(c.ui.heatCsv, csvLink('/api/audit/heatmap', params, 'Tải CSV bản đồ nhiệt'));
  c.cancels.heat = loadInto(
    c.ui.heatmapEl,
    (signal) => getJson<Heatmap>('/api/audit/heatmap', params, signal),
    (map) => {
      c.heatmap = map;
      renderHeatmap(c);
    },
    'Đang tải bản đồ nhiệt…',
  );
}

function loadCell(c: AuditCtx): void {
  const { cellEl } = c.ui;
  const { state } = c;
  c.cancels.cell?.();
  if (!state.cell || !state.province) {
    replace(cellEl, emptyBox('Chọn một ô của bản đồ nhiệt', 'để xem nhiệm vụ nào của tỉnh thực hiện mục chỉ đạo đó, cùng điểm và cách liên kết.'));
    cellEl.classList.remove('open');
    return;
  }
  cellEl.classList.add('open');
  const era = eraParam(state);
  c.cancels.cell = loadInto(
    cellEl,
    (signal) => getJson<HeatmapCell>('/api/audit/cell', { directiveId: state.cell, province: state.province, provinces: era }, signal),
    (cell) => {
      c.cancels.cellAdd?.();
      c.cancels.cellAdd = renderCell(cellEl, cell, era);
      if (window.innerWidth < 1100) cellEl.scrollIntoView({ block: 'nearest' });
    },
    'Đang tải bằng chứng…',
  );
}

function loadQueue(c: AuditCtx): void {
  c.cancels.queue?.();
  replace(c.ui.queueCsv, csvLink('/api/reviews/queue', { documentId: c.state.doc, limit: '500' }, 'Tải CSV hàng đợi'));
  c.cancels.queue = loadInto(
    c.ui.queueEl,
    (signal) => getJson<ReviewQueue>('/api/reviews/queue', { documentId: c.state.doc, limit: 15 }, signal),
    (queue) => replace(c.ui.queueEl, queueList(queue)),
    'Đang tải hàng đợi duyệt…',
  );
}

function loadList(c: AuditCtx): void {
  const { ui } = c;
  c.cancels.list?.();
  const def = listDef(c.state);
  replace(ui.tabs, listTabs(def));
  ui.listEl.setAttribute('aria-labelledby', `tab-${def.name}`);
  ui.listHint.textContent = def.hint;
  ui.listProvince.disabled = def.name === 'unresolved';
  const params = listParams(def, c.state);
  replace(ui.listCsv, csvLink(def.path, params));
  c.cancels.list = loadInto(
    ui.listEl,
    (signal) => getJson<unknown>(def.path, params, signal),
    (data) => replace(ui.listEl, listContent(def, data)),
    'Đang tải danh sách…',
  );
}

/** Follow the URL: the controls show it, and only the parts it changed are loaded again. */
function update(c: AuditCtx, params: URLSearchParams): void {
  const { ui } = c;
  const prev = c.state;
  const next = auditStateOf(params);
  c.state = next;
  ui.docSelect.value = next.doc;
  ui.eraSelect.value = next.era;
  ui.sortSelect.value = next.sort;
  ui.listProvince.value = next.lp;
  ui.compareLink.href = hrefFor('compare', { doc: next.doc === KL69 ? null : next.doc, era: next.era || null });
  const r = auditReloads(prev, next);
  if (r.provinces) loadProvinceOptions(c);
  if (r.heatmap) loadHeatmap(c);
  if (r.queue) loadQueue(c);
  if (r.redrawHeatmap) renderHeatmap(c);
  if (r.cell) loadCell(c);
  if (r.list) loadList(c);
}

export function auditView(el: HTMLElement, initial: URLSearchParams): View {
  const c: AuditCtx = { ui: auditPage(el, initial), state: NO_AUDIT_STATE, heatmap: null, cancels: {} };
  wireControls(c);
  loadDocuments(c);
  // A decision written anywhere (this panel, a task's details) changes the counts: load them again.
  const onReviewed = () => {
    loadHeatmap(c);
    loadCell(c);
    loadQueue(c);
    if (c.state.list === 'unimplemented') loadList(c);
  };
  window.addEventListener(REVIEWS_CHANGED, onReviewed);
  update(c, initial);
  // A shared link to a list opens on it.
  if (initial.has('list') || initial.has('lp')) setTimeout(() => c.ui.listsCard.scrollIntoView(), 0);

  return {
    update: (params) => update(c, params),
    unmount: () => {
      window.removeEventListener(REVIEWS_CHANGED, onReviewed);
      Object.values(c.cancels).forEach((cancel) => cancel?.());
    },
  };
}
