/**
 * What the lineage view's parts share: its state, its page (toolbar, notice, canvas, outline), the
 * Cytoscape instance, and the queue every change goes through one after the other (a click while
 * a URL is being applied waits its turn), with the busy badge and the overlay for errors.
 */
import cytoscape, { type Core } from 'cytoscape';
import { h, replace } from '../dom.js';
import { GRAPH_STYLE } from '../graph-style.js';
import { legend } from '../lineage-label.js';
import { errorBox } from '../status.js';
import { followZoom } from './lineage-draw.js';
import type { LineageState } from './lineage-state.js';
import { lineageToolbar, type Toolbar } from './lineage-toolbar.js';

export interface LineageUi {
  tb: Toolbar;
  notice: HTMLElement;
  overlay: HTMLElement;
  busyBadge: HTMLElement;
  cyEl: HTMLElement;
  outline: HTMLDetailsElement;
  outlineList: HTMLElement;
  outlineSummary: HTMLElement;
}

export interface LineageCtx {
  readonly s: LineageState;
  readonly ui: LineageUi;
  readonly cy: Core;
  /** Re-applies the zoom's level of detail after a redraw. */
  readonly refreshDetail: () => void;
  /** The last change queued: the browser tests wait on it. */
  queue: Promise<void>;
  destroyed: boolean;
  busy: number;
  /** The central documents, asked once per session (null after an error or a reset). */
  defaults: Promise<string[]> | null;
  /** The provinces' 2025 units: the groups need them before the first drawing. */
  provincesLoaded: Promise<void>;
  /** A click on a node (in the graph or the outline); set by the view. */
  activate: (id: string) => void;
  /** Applies the URL again (the error box's button); set by the view. */
  retry: () => void;
}

/** The view's page in `el`. */
export function lineagePage(el: HTMLElement): LineageUi {
  const tb = lineageToolbar();
  const notice = h('div', { class: 'lineage-notice', role: 'status', hidden: true });
  const overlay = h('div', { class: 'graph-overlay', hidden: true });
  const busyBadge = h('div', { class: 'graph-busy', hidden: true, role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Đang tải…');
  const cyEl = h('div', { id: 'cy', class: 'cy', role: 'img', 'aria-label': 'Đồ thị phả hệ văn bản' });
  const outlineList = h('ul', { class: 'outline-list' });
  const outlineSummary = h('summary', null, 'Dạng danh sách');
  const outline = h('details', { class: 'outline' }, outlineSummary, outlineList);
  replace(
    el,
    h(
      'section',
      { class: 'view view-lineage', 'aria-labelledby': 'lineage-title' },
      tb.root,
      h('p', { class: 'hint' }, 'Nhấn vào một nút để mở rộng cấp dưới (văn bản thực hiện → nhiệm vụ → cơ quan); nhấn lần nữa để thu gọn. Nhấn khung một tỉnh để thu gọn hoặc mở nó. Chi tiết hiện ở khung bên.'),
      notice,
      h('div', { class: 'graph-wrap' }, cyEl, busyBadge, overlay),
      legend(),
      outline,
    ),
  );
  return { tb, notice, overlay, busyBadge, cyEl, outline, outlineList, outlineSummary };
}

export function lineageContext(s: LineageState, ui: LineageUi): LineageCtx {
  const cy = cytoscape({ container: ui.cyEl, style: GRAPH_STYLE, minZoom: 0.02, maxZoom: 2.5, boxSelectionEnabled: false, selectionType: 'single', autoungrabify: true });
  const noop = () => {};
  return { s, ui, cy, refreshDetail: followZoom(cy), queue: Promise.resolve(), destroyed: false, busy: 0, defaults: null, provincesLoaded: Promise.resolve(), activate: noop, retry: noop };
}

export function setBusy(c: LineageCtx, delta: number): void {
  c.busy += delta;
  c.ui.busyBadge.hidden = c.busy <= 0;
  c.ui.cyEl.setAttribute('aria-busy', c.busy > 0 ? 'true' : 'false');
}

export function showOverlay(c: LineageCtx, content: HTMLElement | null): void {
  c.ui.overlay.hidden = !content;
  if (content) replace(c.ui.overlay, content);
}

/** Runs `op` after every change queued before it; a failure shows the error with a retry. */
export function enqueue(c: LineageCtx, op: () => Promise<void>): Promise<void> {
  c.queue = c.queue.then(op).catch((err) => {
    if (!c.destroyed) showOverlay(c, errorBox(err, c.retry));
  });
  return c.queue;
}
