/**
 * Lineage (home): the national documents at the top, what implements them below, layered
 * central → province → plan → task → agency; or upward, what a document carries out. The
 * documents under a central document are grouped by province (the 2025 unit), each group a box
 * that collapses into a summary node with its counts (collapsed from the start past a dozen
 * documents); a province filter, find-in-graph, and the export of what is shown.
 * A click selects a node (details on the side) and expands it one level, or collapses it; a click
 * on a group opens or closes it. The URL holds it all:
 * `#/lineage?root=…&open=…&node=…&way=up&prov=…&grp=…&q=…&dir=1`.
 * `#/lineage?trace=<id>` opens the way from the top down to a document or an item.
 */
import cytoscape, { type Core } from 'cytoscape';
import { matchKey } from '../../../core/vn-text.js';
import { getJson } from '../api.js';
import { refreshGraphEdges, setGraphEdgeSource } from '../details.js';
import { h, replace } from '../dom.js';
import { GRAPH_STYLE } from '../graph-style.js';
import { exportText, shownSubgraph, type ExportFormat } from '../lineage-export.js';
import { findNodes } from '../lineage-find.js';
import { visibleGraph, withGroupsOpen, type VisibleGraph } from '../lineage-groups.js';
import { display, legend } from '../lineage-label.js';
import { LineageModel, clearCache } from '../lineage-model.js';
import { traceUp } from '../lineage-trace.js';
import { navigate, parseHash, updateParams } from '../router.js';
import { emptyBox, errorBox, loadingBox, toast } from '../status.js';
import { EDGE_LABEL, docName, provinceLabel, truncate } from '../text.js';
import type { DocumentPage, Provinces } from '../types.js';
import { drawGraph, followZoom } from './lineage-draw.js';
import { frameGraph } from './lineage-frame.js';
import { renderNotice, renderOutline } from './lineage-outline.js';
import { fillProvinces, lineageToolbar } from './lineage-toolbar.js';
import type { View } from './view.js';

export const KL69 = 'vn/tw/kl/69/2024';

declare global {
  interface Window {
    /** The graph, for debugging in the console and for the browser tests. */
    __lineage?: { cy: Core; model: LineageModel; settled: () => Promise<void>; shown: () => VisibleGraph | null };
  }
}

/** The central documents with text: 20-NQ/TW and 69-KL/TW on the demo corpus. */
async function defaultRoots(): Promise<string[]> {
  const page = await getJson<DocumentPage>('/api/documents', { level: 'central', stub: false, limit: 20 });
  const ids = page.items.map((d) => d.id);
  // Oldest first: 20-NQ/TW (2012) above 69-KL/TW (2024), which carries it on.
  return ids.sort((a, b) => (page.items.find((d) => d.id === a)?.year ?? 0) - (page.items.find((d) => d.id === b)?.year ?? 0));
}

function download(text: string, type: string, name: string): void {
  saveBlob(new Blob([text], { type }), name);
}

/** Lets the browser save `blob` as `name`. */
function saveBlob(blob: Blob, name: string): void {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}

export function lineageView(el: HTMLElement, initial: URLSearchParams): View {
  const model = new LineageModel();
  let roots: string[] = [];
  let queue: Promise<void> = Promise.resolve();
  let destroyed = false;
  let busy = 0;
  let defaults: Promise<string[]> | null = null;
  /** The 2025 unit of each province as documents name it (from /api/provinces). */
  const currentUnit = new Map<string, string>();
  let shown: VisibleGraph | null = null;
  /** What the view shows beyond the model: groups toggled, the province filter, the find text. */
  let toggled = new Set<string>();
  let province: string | null = null;
  let findText = '';
  let matches: string[] = [];
  let matchAt = 0;

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

  const cy = cytoscape({ container: cyEl, style: GRAPH_STYLE, minZoom: 0.02, maxZoom: 2.5, boxSelectionEnabled: false, selectionType: 'single', autoungrabify: true });
  const refreshDetail = followZoom(cy);
  window.__lineage = { cy, model, settled: () => queue, shown: () => shown };
  // The canvas follows its box (the details panel opening narrows it, not only window resizes).
  const resizer = new ResizeObserver(() => cy.resize());
  resizer.observe(cyEl);

  const setBusy = (delta: number) => {
    busy += delta;
    busyBadge.hidden = busy <= 0;
    cyEl.setAttribute('aria-busy', busy > 0 ? 'true' : 'false');
  };
  const showOverlay = (content: HTMLElement | null) => {
    overlay.hidden = !content;
    if (content) replace(overlay, content);
  };
  const enqueue = (op: () => Promise<void>): Promise<void> => {
    queue = queue.then(op).catch((err) => {
      if (!destroyed) showOverlay(errorBox(err, () => apply(parseHash().params, true)));
    });
    return queue;
  };

  /** What is drawn, from the model and the view's own state; find opens the groups holding its matches. */
  const computeShown = (): VisibleGraph => {
    const opts = { province, currentOf: (p: string) => currentUnit.get(p) ?? p, itemCounts: model.itemCounts, grouping: model.direction === 'down' };
    let v = visibleGraph([...model.nodes.values()], model.edges.values(), { ...opts, toggled });
    const found = findNodes([...model.nodes.values()].map((n) => n.data), findText);
    const closed = new Set(found.flatMap((id) => (v.hiddenIn.has(id) ? [v.hiddenIn.get(id)!] : [])));
    if (closed.size > 0) {
      toggled = withGroupsOpen(v, toggled, closed);
      v = visibleGraph([...model.nodes.values()], model.edges.values(), { ...opts, toggled });
    }
    const drawn = new Set(v.nodes.map((n) => n.id));
    matches = found.filter((id) => drawn.has(id));
    return v;
  };

  /** Push the model's state into Cytoscape, lay it out, and frame `focus`. */
  const render = (focus?: string | string[]) => {
    shown = computeShown();
    drawGraph(cy, shown, model);
    refreshDetail();
    highlight();
    const target = matches.length > 0 && findText ? matches[Math.min(matchAt, matches.length - 1)] : focus;
    setTimeout(() => !destroyed && frameGraph(cy, target, roots), cy.nodes().length < 400 ? 270 : 0);
    const hiddenText = shown.hidden > 0 ? ` · ${shown.hidden.toLocaleString('vi-VN')} nút trong tỉnh đang thu gọn hoặc đã lọc` : '';
    tb.counter.textContent = `${shown.nodes.length} nút · ${shown.edges.length} cạnh${hiddenText}`;
    renderNotice(notice, model);
    renderOutline(outlineList, outlineSummary, shown, model, onNodeActivated);
    refreshGraphEdges();
  };

  const highlight = () => {
    const on = findText.trim().length > 0;
    const hit = new Set(matches);
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        n.toggleClass('match', hit.has(n.id()));
        n.toggleClass('faded', on && !hit.has(n.id()) && !n.isParent());
      });
      cy.edges().toggleClass('faded', on);
    });
    tb.findCount.textContent = on ? (matches.length ? `${Math.min(matchAt, matches.length - 1) + 1}/${matches.length} kết quả` : 'Không thấy') : '';
  };

  let isDefault = true;
  /** The chain a trace just opened, framed once when it is shown. */
  let traced: string[] | null = null;
  const writeUrl = (selected: string | null, replaceHistory = false) => {
    const p = new URLSearchParams();
    // The default view keeps its URL short: no roots, only what is open.
    if (!isDefault) for (const r of roots) p.append('root', r);
    if (model.direction === 'up') p.set('way', 'up');
    if (model.showDirectives) p.set('dir', '1');
    for (const o of model.expanded) p.append('open', o);
    if (province) p.set('prov', province);
    for (const g of toggled) p.append('grp', g);
    if (findText) p.set('q', findText);
    if (selected) p.set('node', selected);
    navigate('lineage', p, replaceHistory);
  };

  const toggleGroup = (id: string) => {
    if (toggled.has(id)) toggled.delete(id);
    else toggled.add(id);
    render(id);
    writeUrl(null);
  };

  const onNodeActivated = (id: string) => {
    void enqueue(async () => {
      if (id.startsWith('group:')) return toggleGroup(id);
      const node = cy.getElementById(id);
      if (model.isExpanded(id)) {
        model.collapse(id);
        render(id);
      } else {
        node.addClass('loading');
        setBusy(1);
        try {
          const r = await model.expand(id);
          if (destroyed) return;
          if (r.children === 0) toast(`Không có gì ${model.direction === 'up' ? 'bên trên' : 'bên dưới'} “${truncate(model.nodes.get(id)?.data.label, 50)}”.`);
          render(id);
        } finally {
          setBusy(-1);
          node.removeClass('loading');
        }
      }
      cy.$(':selected').unselect();
      cy.getElementById(id).select();
      writeUrl(id);
    });
  };

  cy.on('tap', 'node', (evt) => onNodeActivated(evt.target.id()));
  cy.on('tap', 'edge', (evt) => {
    const e = evt.target;
    const name = (id: string) => model.nodes.get(id)?.data.label ?? cy.getElementById(id).data('unit') ?? '';
    toast(`${name(e.data('source'))} — ${EDGE_LABEL[e.data('type')] ?? e.data('type')} → ${name(e.data('target'))}`);
  });

  wireControls();

  function wireControls() {
    tb.fitButton.addEventListener('click', () => cy.animate({ fit: { eles: cy.elements(), padding: 30 }, duration: 250 }));
    tb.resetButton.addEventListener('click', () => {
      clearCache();
      defaults = null;
      if (location.hash === '#/lineage' || location.hash === '') void apply(new URLSearchParams(), true);
      else navigate('lineage', {});
    });
    tb.pngButton.addEventListener('click', () => {
      if (cy.nodes().empty()) return toast('Đồ thị đang trống.');
      const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 12000, maxHeight: 12000 }) as unknown as Blob;
      saveBlob(blob, `${fileStem()}.png`);
    });
    const exportShown = (format: ExportFormat) => {
      if (!shown || shown.nodes.length === 0) return toast('Đồ thị đang trống.');
      const out = exportText(shownSubgraph(shown, roots[0] ?? '', model.direction), format);
      download(out.text, out.type, `${fileStem()}.${out.ext}`);
    };
    tb.exportButtons.graphml.addEventListener('click', () => exportShown('graphml'));
    tb.exportButtons.csvNodes.addEventListener('click', () => exportShown('csv-nodes'));
    tb.exportButtons.csvEdges.addEventListener('click', () => exportShown('csv-edges'));
    tb.directivesBox.addEventListener('change', () => updateParams({ dir: tb.directivesBox.checked ? '1' : null }));
    tb.waySelect.addEventListener('change', () => updateParams({ way: tb.waySelect.value || null, open: null, grp: null }));
    tb.provinceSelect.addEventListener('change', () => updateParams({ prov: tb.provinceSelect.value || null }));
    let typing: ReturnType<typeof setTimeout> | undefined;
    tb.findInput.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => updateParams({ q: tb.findInput.value.trim() || null }, true), 250);
    });
    const next = () => {
      if (matches.length === 0) return;
      matchAt = (matchAt + 1) % matches.length;
      highlight();
      frameGraph(cy, matches[matchAt], roots);
    };
    tb.findInput.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      clearTimeout(typing);
      if (tb.findInput.value.trim() !== findText) updateParams({ q: tb.findInput.value.trim() || null }, true);
      else next();
    });
    tb.findNext.addEventListener('click', next);
    tb.rootSelect.addEventListener('change', () => {
      const id = tb.rootSelect.value;
      const way = model.direction === 'up' ? 'up' : null;
      navigate('lineage', id ? { root: id, open: id, way } : { way });
    });
  }

  const fileStem = () => {
    const first = model.nodes.get(roots[0] ?? '')?.data;
    const way = model.direction === 'up' ? '-len' : '';
    const prov = province ? `-${province}` : '';
    return `pha-he-${(first ? docName(first) : 'do-thi') + way + prov}`.replace(/[^\p{L}\p{N}]+/gu, '-');
  };

  setGraphEdgeSource((id) =>
    model.has(id)
      ? model.edgesOf(id).map(({ edge, other, outgoing }) => ({
          type: edge.type,
          outgoing,
          otherId: other.data.id,
          otherLabel: display(other.data).replace('\n', ' — '),
          score: edge.score ?? null,
          method: edge.method ?? null,
        }))
      : null,
  );

  // The province filter and the groups' 2025 units: one answer, asked at once.
  const provincesLoaded = getJson<Provinces>('/api/provinces')
    .then((historical) => {
      for (const p of historical) if (p.currentProvince) currentUnit.set(p.province, p.currentProvince);
      fillProvinces(tb.provinceSelect, historical);
      syncControls();
    })
    .catch(() => {
      /* without the 2025 units the filter matches provinces as documents name them */
    });
  // The root picker (every document with text) once the first view is drawn: on a national graph
  // its answer is not small, and the view needs the server first.
  const pickerLoaded = () =>
    getJson<DocumentPage>('/api/documents', { stub: false, limit: 200 })
      .then((page) => {
        for (const d of page.items) tb.rootSelect.appendChild(h('option', { value: d.id }, `${docName(d, 60)} — ${provinceLabel(d.province)}`));
        syncControls();
      })
      .catch(() => {
        /* the picker stays on the default; the graph shows its own error */
      });
  const syncControls = () => {
    tb.rootSelect.value = !isDefault && roots.length === 1 ? roots[0]! : '';
    tb.waySelect.value = model.direction === 'up' ? 'up' : '';
    tb.directivesBox.checked = model.showDirectives;
    // A filter typed in the URL ("binh thuan") selects its option when there is one of that name.
    const option = Array.from(tb.provinceSelect.options).find((o) => o.value && province && matchKey(o.value) === matchKey(province));
    tb.provinceSelect.value = option ? option.value : '';
    if (document.activeElement !== tb.findInput) tb.findInput.value = findText;
  };

  /** Bring the graph to what the URL says: rebuild when the roots or the direction change, else expand/collapse the difference. */
  const apply = (params: URLSearchParams, force = false) =>
    enqueue(async () => {
      const trace = params.get('trace');
      if (trace) return followTrace(trace);
      showOverlay(null);
      const targetRoots = await resolveRoots(params);
      if (targetRoots === null) return;
      const wantOpen = params.has('open') || !isDefault ? params.getAll('open') : targetRoots;
      const wantDirectives = params.get('dir') === '1';
      const wantWay = params.get('way') === 'up' ? 'up' : 'down';
      const rebuilt = force || !sameList(roots, targetRoots) || wantDirectives !== model.showDirectives || wantWay !== model.direction;
      model.showDirectives = wantDirectives;
      model.direction = wantWay;
      model.prefetch(wantOpen.filter((id) => !model.isExpanded(id) || rebuilt));
      const findChanged = (params.get('q') ?? '') !== findText;
      toggled = new Set(params.getAll('grp'));
      province = params.get('prov');
      findText = params.get('q') ?? '';
      if (findChanged) matchAt = 0;
      await provincesLoaded;
      if (rebuilt && !(await rebuild(targetRoots))) return;
      // Collapse what is open but no longer wanted, then expand the rest in order.
      for (const id of [...model.expanded].reverse()) if (!wantOpen.includes(id)) model.collapse(id);
      setBusy(1);
      try {
        for (const id of wantOpen) if (model.has(id) && !model.isExpanded(id)) await model.expand(id);
      } finally {
        setBusy(-1);
      }
      if (destroyed) return;
      syncControls();
      showOverlay(model.nodes.size === 0 ? emptyBox('Không tìm thấy văn bản này trong đồ thị.', 'Có thể văn bản đã bị xoá. Nhấn “Đặt lại” để về trang đầu.') : null);
      const selected = params.get('node');
      render(traced ?? (selected && model.has(selected) ? selected : undefined));
      traced = null;
      cy.$(':selected').unselect();
      if (selected) cy.getElementById(selected).select();
    });

  /** The roots the URL names, or the central documents by default (null when the view was left meanwhile). */
  const resolveRoots = async (params: URLSearchParams): Promise<string[] | null> => {
    const wantRoots = params.getAll('root');
    isDefault = wantRoots.length === 0;
    if (!isDefault) return wantRoots;
    if (model.nodes.size === 0) showOverlay(loadingBox('Đang tải văn bản trung ương…'));
    defaults ??= defaultRoots();
    const ids = await defaults.catch((err) => {
      defaults = null;
      throw err;
    });
    return destroyed ? null : ids;
  };

  const rebuild = async (targetRoots: string[]): Promise<boolean> => {
    model.clear();
    cy.elements().remove();
    roots = targetRoots;
    syncControls();
    if (roots.length === 0) {
      showOverlay(emptyBox('Chưa có văn bản trung ương nào trong đồ thị.', 'Hãy nạp dữ liệu: npm run ingest -- data/corpus'));
      return false;
    }
    showOverlay(loadingBox('Đang tải phả hệ…'));
    setBusy(1);
    try {
      await model.loadRoots(roots);
    } finally {
      setBusy(-1);
    }
    return true;
  };

  /** A trace is resolved into roots and opened documents, then shown like any other lineage URL. */
  const followTrace = async (trace: string) => {
    showOverlay(loadingBox('Đang truy ngược lên văn bản gốc…'));
    setBusy(1);
    const t = await traceUp(trace).finally(() => setBusy(-1));
    if (destroyed) return;
    const p = new URLSearchParams([['root', t.root], ...t.open.map((o) => ['open', o])]);
    if (t.directives) p.set('dir', '1');
    p.set('node', t.node);
    traced = [...t.open, t.node];
    navigate('lineage', p, true);
  };

  void apply(initial).then(() => {
    if (!destroyed) void pickerLoaded();
  });

  return {
    update: (params) => void apply(params),
    unmount: () => {
      destroyed = true;
      resizer.disconnect();
      setGraphEdgeSource(null);
      refreshGraphEdges();
      cy.destroy();
      if (window.__lineage?.cy === cy) delete window.__lineage;
    },
  };
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
