/**
 * Bringing the lineage view to what its URL says: rebuild when the roots or the direction change,
 * else expand and collapse the difference; a trace is resolved into roots and opened nodes first.
 */
import { getJson } from '../api.js';
import { traceUp } from '../lineage-trace.js';
import { timedAsync } from '../perf-marks.js';
import { navigate } from '../router.js';
import { emptyBox, loadingBox } from '../status.js';
import type { DocumentPage } from '../types.js';
import { enqueue, setBusy, showOverlay, type LineageCtx } from './lineage-context.js';
import { render } from './lineage-render.js';
import { syncToolbar } from './lineage-toolbar.js';

/** The central documents with text: 20-NQ/TW and 69-KL/TW on the demo corpus. */
async function defaultRoots(): Promise<string[]> {
  const page = await getJson<DocumentPage>('/api/documents', { level: 'central', stub: false, limit: 20 });
  const ids = page.items.map((d) => d.id);
  // Oldest first: 20-NQ/TW (2012) above 69-KL/TW (2024), which carries it on.
  return ids.sort((a, b) => (page.items.find((d) => d.id === a)?.year ?? 0) - (page.items.find((d) => d.id === b)?.year ?? 0));
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Bring the graph to what the URL says (queued after any change under way). */
export function applyParams(c: LineageCtx, params: URLSearchParams, force = false): Promise<void> {
  return enqueue(c, async () => {
    const trace = params.get('trace');
    if (trace) return followTrace(c, trace);
    showOverlay(c, null);
    const targetRoots = await timedAsync('roots', () => resolveRoots(c, params));
    if (targetRoots === null) return;
    const { s } = c;
    const { model } = s;
    const wantOpen = params.has('open') || !s.isDefault ? params.getAll('open') : targetRoots;
    const wantDirectives = params.get('dir') === '1';
    const wantWay = params.get('way') === 'up' ? 'up' : 'down';
    const rebuilt = force || !sameList(s.roots, targetRoots) || wantDirectives !== model.showDirectives || wantWay !== model.direction;
    model.showDirectives = wantDirectives;
    model.direction = wantWay;
    model.prefetch(wantOpen.filter((id) => !model.isExpanded(id) || rebuilt));
    readViewParams(c, params);
    await timedAsync('provinces', () => c.provincesLoaded);
    if (rebuilt && !(await timedAsync('load-roots', () => rebuild(c, targetRoots)))) return;
    await timedAsync('expand', () => openAsWanted(c, wantOpen));
    if (c.destroyed) return;
    syncToolbar(c.ui.tb, s);
    showOverlay(c, model.nodes.size === 0 ? emptyBox('Không tìm thấy văn bản này trong đồ thị.', 'Có thể văn bản đã bị xoá. Nhấn “Đặt lại” để về trang đầu.') : null);
    const selected = params.get('node');
    render(c, s.traced ?? (selected && model.has(selected) ? selected : undefined));
    s.traced = null;
    c.cy.$(':selected').unselect();
    if (selected) c.cy.getElementById(selected).select();
  });
}

/** The groups toggled, the province filter and the find text, as the URL says. */
function readViewParams(c: LineageCtx, params: URLSearchParams): void {
  const { s } = c;
  const findChanged = (params.get('q') ?? '') !== s.findText;
  s.toggled = new Set(params.getAll('grp'));
  s.province = params.get('prov');
  s.findText = params.get('q') ?? '';
  if (findChanged) s.matchAt = 0;
}

/** Collapse what is open but no longer wanted, then expand the rest in order. */
async function openAsWanted(c: LineageCtx, wantOpen: string[]): Promise<void> {
  const { model } = c.s;
  for (const id of [...model.expanded].reverse()) if (!wantOpen.includes(id)) model.collapse(id);
  setBusy(c, 1);
  try {
    for (const id of wantOpen) if (model.has(id) && !model.isExpanded(id)) await model.expand(id);
  } finally {
    setBusy(c, -1);
  }
}

/** The roots the URL names, or the central documents by default (null when the view was left meanwhile). */
async function resolveRoots(c: LineageCtx, params: URLSearchParams): Promise<string[] | null> {
  const wantRoots = params.getAll('root');
  c.s.isDefault = wantRoots.length === 0;
  if (!c.s.isDefault) return wantRoots;
  if (c.s.model.nodes.size === 0) showOverlay(c, loadingBox('Đang tải văn bản trung ương…'));
  c.defaults ??= defaultRoots();
  const ids = await c.defaults.catch((err) => {
    c.defaults = null;
    throw err;
  });
  return c.destroyed ? null : ids;
}

/** Start again from `targetRoots`; false when there is nothing to show. */
async function rebuild(c: LineageCtx, targetRoots: string[]): Promise<boolean> {
  const { s } = c;
  s.model.clear();
  c.cy.elements().remove();
  s.roots = targetRoots;
  syncToolbar(c.ui.tb, s);
  if (s.roots.length === 0) {
    showOverlay(c, emptyBox('Chưa có văn bản trung ương nào trong đồ thị.', 'Hãy nạp dữ liệu: npm run ingest -- data/corpus'));
    return false;
  }
  showOverlay(c, loadingBox('Đang tải phả hệ…'));
  setBusy(c, 1);
  try {
    await s.model.loadRoots(s.roots);
  } finally {
    setBusy(c, -1);
  }
  return true;
}

/** A trace is resolved into roots and opened documents, then shown like any other lineage URL. */
async function followTrace(c: LineageCtx, trace: string): Promise<void> {
  showOverlay(c, loadingBox('Đang truy ngược lên văn bản gốc…'));
  setBusy(c, 1);
  const t = await traceUp(trace).finally(() => setBusy(c, -1));
  if (c.destroyed) return;
  const p = new URLSearchParams([['root', t.root], ...t.open.map((o) => ['open', o])]);
  if (t.directives) p.set('dir', '1');
  p.set('node', t.node);
  c.s.traced = [...t.open, t.node];
  navigate('lineage', p, true);
}
