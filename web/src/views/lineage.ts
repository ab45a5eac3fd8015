/**
 * Lineage (home): the national documents at the top, what implements them below, layered
 * central → province → plan → task → agency. A click selects a node (details on the side) and
 * expands it one level, or collapses it when it is already expanded. The URL holds the roots, the
 * expanded nodes (in order) and the selection: `#/lineage?root=…&open=…&open=…&node=…`.
 * `#/lineage?trace=<id>` opens the way from the top down to a document or an item.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { apiUrl, getJson } from '../api.js';
import { refreshGraphEdges, setGraphEdgeSource } from '../details.js';
import { h, replace } from '../dom.js';
import { EDGE_COLOR, GRAPH_STYLE, KIND_COLOR, NODE_SIZE } from '../graph-style.js';
import { treeLayout } from '../layout.js';
import { itemCountText } from '../lineage-bounds.js';
import { LineageModel, clearCache, type ShownNode } from '../lineage-model.js';
import { traceUp } from '../lineage-trace.js';
import { navigate, parseHash } from '../router.js';
import { emptyBox, errorBox, loadingBox, toast } from '../status.js';
import { EDGE_LABEL, KIND_LABEL, docName, provinceLabel, section, truncate, visualKind, type VisualKind } from '../text.js';
import type { DocumentPage, GraphNode } from '../types.js';
import type { View } from './view.js';

export const KL69 = 'vn/tw/kl/69/2024';

declare global {
  interface Window {
    /** The graph, for debugging in the console and for the browser tests. */
    __lineage?: { cy: Core; model: LineageModel; settled: () => Promise<void> };
  }
}

/** A node's label; a document says how many items it has when an answer counted them. */
function display(n: GraphNode, items?: number): string {
  switch (n.kind) {
    case 'document': {
      const year = n.date ? ` · ${n.date.slice(0, 4)}` : '';
      const count = items === undefined ? '' : `\n${itemCountText(items)}`;
      return `${docName(n, 44)}\n${provinceLabel(n.province)}${year}${count}`;
    }
    case 'task':
    case 'directive':
      return `${section(n.sectionPath)}  ${truncate(n.text ?? n.label, 74)}`;
    case 'agency':
      return truncate(n.label, 48);
  }
}

/** The central documents with text: 20-NQ/TW and 69-KL/TW on the demo corpus. */
async function defaultRoots(): Promise<string[]> {
  const page = await getJson<DocumentPage>('/api/documents', { level: 'central', stub: false, limit: 20 });
  const ids = page.items.map((d) => d.id);
  // Oldest first: 20-NQ/TW (2012) above 69-KL/TW (2024), which carries it on.
  return ids.sort((a, b) => (page.items.find((d) => d.id === a)?.year ?? 0) - (page.items.find((d) => d.id === b)?.year ?? 0));
}

function legend(): HTMLElement {
  const kinds: VisualKind[] = ['document', 'stub', 'directive', 'task', 'agency', 'collective'];
  const swatch = (k: VisualKind) =>
    h('span', {
      class: `swatch swatch-${k}`,
      style: { background: KIND_COLOR[k].fill, borderColor: KIND_COLOR[k].border },
      'aria-hidden': 'true',
    });
  const line = (color: string, style: string, label: string) =>
    h('li', null, h('span', { class: 'line', style: { borderTopColor: color, borderTopStyle: style }, 'aria-hidden': 'true' }), label);
  return h(
    'details',
    { class: 'legend', open: window.innerWidth > 640 },
    h('summary', null, 'Chú giải'),
    h('ul', null, kinds.map((k) => h('li', null, swatch(k), KIND_LABEL[k]))),
    h(
      'ul',
      null,
      line(EDGE_COLOR.IMPLEMENTS, 'solid', 'thực hiện (văn bản)'),
      line(EDGE_COLOR.ITEM_IMPLEMENTS, 'dashed', 'thực hiện (mục)'),
      line(EDGE_COLOR.CONTAINS, 'solid', 'gồm'),
      line(EDGE_COLOR.LEADS, 'solid', 'chủ trì'),
      line(EDGE_COLOR.COORDINATES, 'dashed', 'phối hợp'),
    ),
    h('span', { class: 'muted' }, 'Viền đậm: đã mở rộng · dưới số hiệu: tỉnh'),
  );
}

export function lineageView(el: HTMLElement, initial: URLSearchParams): View {
  const model = new LineageModel();
  let roots: string[] = [];
  let queue: Promise<void> = Promise.resolve();
  let destroyed = false;
  let busy = 0;
  let defaults: Promise<string[]> | null = null;

  const rootSelect = h('select', { id: 'lineage-root', 'aria-label': 'Văn bản xuất phát' }, h('option', { value: '' }, 'Văn bản trung ương (mặc định)'));
  const exportLink = h('a', { class: 'btn btn-ghost', href: '#', download: '' }, 'Tải GraphML');
  const pngButton = h('button', { type: 'button', class: 'btn', id: 'export-png', title: 'Tải ảnh PNG của đồ thị đang hiện' }, 'Xuất PNG');
  const fitButton = h('button', { type: 'button', class: 'btn btn-ghost', title: 'Thu phóng để thấy toàn bộ đồ thị' }, 'Vừa khung');
  const resetButton = h('button', { type: 'button', class: 'btn btn-ghost', title: 'Quay về văn bản trung ương' }, 'Đặt lại');
  const directivesBox = h('input', { type: 'checkbox', id: 'lineage-directives' });
  const counter = h('span', { class: 'muted small counter', 'aria-live': 'polite' });
  const notice = h('div', { class: 'lineage-notice', role: 'status', hidden: true });
  const overlay = h('div', { class: 'graph-overlay', hidden: true });
  const busyBadge = h('div', { class: 'graph-busy', hidden: true, role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Đang tải…');
  const cyEl = h('div', { id: 'cy', class: 'cy', role: 'img', 'aria-label': 'Đồ thị phả hệ văn bản' });
  const outlineList = h('ul', { class: 'outline-list' });
  const outline = h('details', { class: 'outline' }, h('summary', null, 'Dạng danh sách'), outlineList);

  replace(
    el,
    h(
      'section',
      { class: 'view view-lineage', 'aria-labelledby': 'lineage-title' },
      h(
        'div',
        { class: 'toolbar' },
        h('h1', { id: 'lineage-title', class: 'view-title' }, 'Phả hệ văn bản'),
        h('label', { class: 'field' }, h('span', null, 'Xuất phát từ'), rootSelect),
        h('label', { class: 'check', title: 'Khi mở rộng văn bản, hiện cả các mục chỉ đạo (không chỉ nhiệm vụ)' }, directivesBox, 'Hiện mục chỉ đạo'),
        h('div', { class: 'toolbar-actions' }, fitButton, resetButton, pngButton, exportLink),
        counter,
      ),
      h('p', { class: 'hint' }, 'Nhấn vào một nút để mở rộng cấp dưới (văn bản thực hiện → nhiệm vụ → cơ quan); nhấn lần nữa để thu gọn. Chi tiết hiện ở khung bên.'),
      notice,
      h('div', { class: 'graph-wrap' }, cyEl, busyBadge, overlay),
      legend(),
      outline,
    ),
  );

  const cy = cytoscape({
    container: cyEl,
    style: GRAPH_STYLE,
    minZoom: 0.05,
    maxZoom: 2.5,
    boxSelectionEnabled: false,
    selectionType: 'single',
    autoungrabify: true,
  });
  window.__lineage = { cy, model, settled: () => queue };
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

  /**
   * Push the model's state into Cytoscape, lay it out, and frame `focus`: a node with its
   * neighbours, several nodes (a traced chain), or everything.
   */
  const render = (focus?: string | string[]) => {
    const shown = [...model.nodes.values()].sort((a, b) => a.seq - b.seq);
    const ids = new Set(shown.map((n) => n.data.id));
    const positions = treeLayout(
      shown.map((n) => {
        const size = NODE_SIZE[visualKind(n.data)];
        return { id: n.data.id, parent: n.parent, width: size.w, height: size.h };
      }),
      shown.map((n) => n.data.id),
    );
    const elements: ElementDefinition[] = [];
    cy.batch(() => {
      cy.edges().forEach((e) => {
        if (!model.edges.has(e.id())) e.remove();
      });
      cy.nodes().forEach((n) => {
        if (!ids.has(n.id())) n.remove();
      });
      for (const n of shown) {
        const vk = visualKind(n.data);
        const data = { ...n.data, id: n.data.id, vk, display: display(n.data, model.itemCounts.get(n.data.id)), level: n.data.level ?? '' };
        const existing = cy.getElementById(n.data.id);
        // New nodes appear where they belong; those already shown slide there.
        if (existing.nonempty()) existing.data(data);
        else elements.push({ group: 'nodes', data, position: { ...(positions.get(n.data.id) ?? { x: 0, y: 0 }) } });
      }
      for (const e of model.edges.values()) {
        if (cy.getElementById(e.id).nonempty()) continue;
        const s = model.nodes.get(e.source);
        const t = model.nodes.get(e.target);
        const tree = s?.parent === e.target || t?.parent === e.source;
        const kind = s?.data.kind === 'document' && t?.data.kind === 'document' ? 'document' : 'item';
        elements.push({ group: 'edges', data: { ...e, kind }, classes: tree ? 'tree' : 'cross' });
      }
      cy.add(elements);
      cy.nodes().forEach((n) => {
        n.toggleClass('expanded', model.isExpanded(n.id()));
      });
    });
    cy.layout({
      name: 'preset',
      positions: Object.fromEntries(positions),
      animate: cy.nodes().length < 400,
      animationDuration: 250,
      fit: false,
    }).run();
    const frame = () => {
      // The view may have been left (another tab) before this delayed framing runs.
      if (destroyed) return;
      const several = Array.isArray(focus) ? cy.nodes().filter((n) => focus.includes(n.id())) : null;
      if (several?.nonempty()) {
        cy.fit(several, 40);
        if (cy.zoom() > 1.2) cy.zoom(1.2);
        cy.center(several);
      } else if (typeof focus === 'string' && cy.getElementById(focus).nonempty()) {
        const target = cy.getElementById(focus);
        const eles = target.union(target.outgoers()).union(target.incomers()).filter((e) => e.isNode());
        cy.fit(eles, 40);
        // Readable, whatever the neighbourhood's extent: between 0.6 and 1.2, centred on the node.
        const z = Math.min(1.2, Math.max(0.6, cy.zoom()));
        if (z !== cy.zoom()) {
          cy.zoom(z);
          cy.center(target);
        }
      } else {
        cy.fit(undefined, 30);
        if (cy.zoom() > 1.3) {
          cy.zoom(1.3);
          cy.center();
        } else if (cy.zoom() < 0.45) {
          // Too small to read (a narrow window): readable size, top of the graph, centred on the roots.
          const bb = cy.elements().boundingBox({});
          const rootX = roots.map((r) => cy.getElementById(r)).find((n) => n.nonempty())?.position().x ?? (bb.x1 + bb.x2) / 2;
          cy.zoom(0.45);
          cy.pan({ x: cy.width() / 2 - rootX * 0.45, y: 20 - bb.y1 * 0.45 });
        }
      }
    };
    setTimeout(frame, cy.nodes().length < 400 ? 270 : 0);
    counter.textContent = `${model.nodes.size} nút · ${model.edges.size} cạnh`;
    renderNotice();
    renderOutline();
    refreshGraphEdges();
  };

  /** Each expansion the API bounded: how much of it is shown, and the download of the full set. */
  const renderNotice = () => {
    const lines = [...model.shortfalls].flatMap(([id, s]) => {
      const n = model.nodes.get(id);
      if (!n) return [];
      return [h('p', null, h('strong', null, display(n.data).split('\n')[0]!), `: ${s.text} — `, h('a', { href: s.download, download: '' }, 'tải xuống toàn bộ'))];
    });
    notice.hidden = lines.length === 0;
    replace(notice, lines);
  };

  const renderOutline = () => {
    const kids = new Map<string | null, ShownNode[]>();
    for (const n of [...model.nodes.values()].sort((a, b) => a.seq - b.seq)) {
      const p = n.parent && model.nodes.has(n.parent) ? n.parent : null;
      kids.set(p, [...(kids.get(p) ?? []), n]);
    }
    const item = (n: ShownNode, depth: number): HTMLElement => {
      const sub = kids.get(n.data.id) ?? [];
      const vk = visualKind(n.data);
      return h(
        'li',
        { 'data-id': n.data.id },
        h(
          'button',
          {
            type: 'button',
            class: `outline-node kind-${vk}`,
            'aria-expanded': model.isExpanded(n.data.id) ? 'true' : 'false',
            'data-node-id': n.data.id,
            onclick: () => onNodeActivated(n.data.id),
          },
          h('span', { class: 'badge', style: { background: KIND_COLOR[vk].fill, borderColor: KIND_COLOR[vk].border } }, KIND_LABEL[vk]),
          ' ',
          display(n.data, model.itemCounts.get(n.data.id)).replaceAll('\n', ' — '),
        ),
        sub.length && depth < 8 ? h('ul', null, sub.map((s) => item(s, depth + 1))) : null,
      );
    };
    replace(outlineList, (kids.get(null) ?? []).map((n) => item(n, 0)));
    (outline.querySelector('summary') as HTMLElement).textContent = `Dạng danh sách (${model.nodes.size} nút)`;
  };

  let isDefault = true;
  /** The chain a trace just opened, framed once when it is shown. */
  let traced: string[] | null = null;
  const writeUrl = (selected: string | null, replaceHistory = false) => {
    const p = new URLSearchParams();
    // The default view keeps its URL short: no roots, only what is open.
    if (!isDefault) for (const r of roots) p.append('root', r);
    if (model.showDirectives) p.set('dir', '1');
    for (const o of model.expanded) p.append('open', o);
    if (selected) p.set('node', selected);
    navigate('lineage', p, replaceHistory);
  };

  const onNodeActivated = (id: string) => {
    void enqueue(async () => {
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
          if (r.children === 0) toast(`Không có gì bên dưới “${truncate(model.nodes.get(id)?.data.label, 50)}”.`);
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
    toast(`${model.nodes.get(e.data('source'))?.data.label ?? ''} — ${EDGE_LABEL[e.data('type')] ?? e.data('type')} → ${model.nodes.get(e.data('target'))?.data.label ?? ''}`);
  });

  fitButton.addEventListener('click', () => cy.animate({ fit: { eles: cy.elements(), padding: 30 }, duration: 250 }));
  resetButton.addEventListener('click', () => {
    clearCache();
    defaults = null;
    if (location.hash === '#/lineage' || location.hash === '') void apply(new URLSearchParams(), true);
    else navigate('lineage', {});
  });
  pngButton.addEventListener('click', () => {
    if (cy.nodes().empty()) return toast('Đồ thị đang trống.');
    const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 12000, maxHeight: 12000 }) as unknown as Blob;
    const first = model.nodes.get(roots[0] ?? '')?.data;
    const name = `pha-he-${(first ? docName(first) : 'do-thi').replace(/[^\p{L}\p{N}]+/gu, '-')}.png`;
    const a = h('a', { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  });
  directivesBox.addEventListener('change', () => {
    const { params } = parseHash();
    if (directivesBox.checked) params.set('dir', '1');
    else params.delete('dir');
    navigate('lineage', params);
  });
  rootSelect.addEventListener('change', () => {
    const id = rootSelect.value;
    navigate('lineage', id ? { root: id, open: id } : {});
  });

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

  // The root picker: every document with text.
  getJson<DocumentPage>('/api/documents', { stub: false, limit: 200 })
    .then((page) => {
      for (const d of page.items) {
        rootSelect.appendChild(h('option', { value: d.id }, `${docName(d, 60)} — ${provinceLabel(d.province)}`));
      }
      syncRootSelect();
    })
    .catch(() => {
      /* the picker stays on the default; the graph shows its own error */
    });
  const syncRootSelect = () => {
    rootSelect.value = !isDefault && roots.length === 1 ? roots[0]! : '';
  };

  const updateExportLink = () => {
    const r = roots[roots.length - 1];
    exportLink.hidden = !r;
    if (r) exportLink.href = apiUrl('/api/export', { id: r, direction: 'down', depth: 6, include: 'agencies', format: 'graphml' });
  };

  /** Bring the graph to what the URL says: rebuild when the roots change, else expand/collapse the difference. */
  const apply = (params: URLSearchParams, force = false) =>
    enqueue(async () => {
      const trace = params.get('trace');
      if (trace) {
        // Resolved into roots and opened documents, then shown like any other lineage URL.
        showOverlay(loadingBox('Đang truy ngược lên văn bản gốc…'));
        setBusy(1);
        const t = await traceUp(trace).finally(() => setBusy(-1));
        if (destroyed) return;
        const p = new URLSearchParams([['root', t.root], ...t.open.map((o) => ['open', o])]);
        if (t.directives) p.set('dir', '1');
        p.set('node', t.node);
        traced = [...t.open, t.node];
        navigate('lineage', p, true);
        return;
      }
      showOverlay(null);
      const wantRoots = params.getAll('root');
      const wantOpen = params.getAll('open');
      const selected = params.get('node');
      let targetRoots = wantRoots;
      let targetOpen = wantOpen;
      if (wantRoots.length === 0) {
        isDefault = true;
        if (model.nodes.size === 0) showOverlay(loadingBox('Đang tải văn bản trung ương…'));
        defaults ??= defaultRoots();
        targetRoots = await defaults.catch((err) => {
          defaults = null;
          throw err;
        });
        if (!params.has('open')) targetOpen = targetRoots;
      } else {
        isDefault = false;
      }
      const wantDirectives = params.get('dir') === '1';
      directivesBox.checked = wantDirectives;
      const rebuilt = force || !sameList(roots, targetRoots) || wantDirectives !== model.showDirectives;
      model.showDirectives = wantDirectives;
      if (rebuilt) {
        model.clear();
        cy.elements().remove();
        roots = targetRoots;
        updateExportLink();
        syncRootSelect();
        if (roots.length === 0) {
          showOverlay(emptyBox('Chưa có văn bản trung ương nào trong đồ thị.', 'Hãy nạp dữ liệu: npm run ingest -- data/corpus'));
          return;
        }
        showOverlay(loadingBox('Đang tải phả hệ…'));
        setBusy(1);
        try {
          await model.loadRoots(roots);
        } finally {
          setBusy(-1);
        }
      }
      // Collapse what is open but no longer wanted, then expand the rest in order.
      for (const id of [...model.expanded].reverse()) if (!targetOpen.includes(id)) model.collapse(id);
      setBusy(1);
      try {
        for (const id of targetOpen) if (model.has(id) && !model.isExpanded(id)) await model.expand(id);
      } finally {
        setBusy(-1);
      }
      if (destroyed) return;
      showOverlay(model.nodes.size === 0 ? emptyBox('Không tìm thấy văn bản này trong đồ thị.', 'Có thể văn bản đã bị xoá. Nhấn “Đặt lại” để về trang đầu.') : null);
      render(traced ?? (selected && model.has(selected) ? selected : undefined));
      traced = null;
      cy.$(':selected').unselect();
      if (selected) cy.getElementById(selected).select();
    });

  void apply(initial);

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
