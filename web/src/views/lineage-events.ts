/**
 * What the user does in the lineage view: a click on a node expands or collapses it (on a group,
 * opens or closes it) and writes the URL; the toolbar's controls change the URL, which the view
 * applies (lineage-apply.ts); framing, reset, find's next match and the exports act at once.
 */
import { h } from '../dom.js';
import { exportText, shownSubgraph, type ExportFormat } from '../lineage-export.js';
import { clearCache } from '../lineage-model.js';
import { navigate, updateParams } from '../router.js';
import { toast } from '../status.js';
import { EDGE_LABEL, truncate } from '../text.js';
import { applyParams } from './lineage-apply.js';
import { enqueue, setBusy, type LineageCtx } from './lineage-context.js';
import { frameGraph } from './lineage-frame.js';
import { highlight, render } from './lineage-render.js';
import { fileStem, lineageParams } from './lineage-state.js';

const writeUrl = (c: LineageCtx, selected: string | null) => navigate('lineage', lineageParams(c.s, selected), false);

function toggleGroup(c: LineageCtx, id: string): void {
  const { toggled } = c.s;
  if (toggled.has(id)) toggled.delete(id);
  else toggled.add(id);
  render(c, id);
  writeUrl(c, null);
}

/** A click on a node, in the graph or the outline: expand or collapse it, select it. */
export function activateNode(c: LineageCtx, id: string): void {
  void enqueue(c, async () => {
    if (id.startsWith('group:')) return toggleGroup(c, id);
    const { cy, s } = c;
    const { model } = s;
    const node = cy.getElementById(id);
    if (model.isExpanded(id)) {
      model.collapse(id);
      render(c, id);
    } else {
      node.addClass('loading');
      setBusy(c, 1);
      try {
        const r = await model.expand(id);
        if (c.destroyed) return;
        if (r.children === 0) toast(`Không có gì ${model.direction === 'up' ? 'bên trên' : 'bên dưới'} “${truncate(model.nodes.get(id)?.data.label, 50)}”.`);
        render(c, id);
      } finally {
        setBusy(c, -1);
        node.removeClass('loading');
      }
    }
    cy.$(':selected').unselect();
    cy.getElementById(id).select();
    writeUrl(c, id);
  });
}

/** Taps on the canvas: a node is activated, an edge says what it links. */
export function wireGraph(c: LineageCtx): void {
  const { cy, s } = c;
  cy.on('tap', 'node', (evt) => c.activate(evt.target.id()));
  cy.on('tap', 'edge', (evt) => {
    const e = evt.target;
    const name = (id: string) => s.model.nodes.get(id)?.data.label ?? cy.getElementById(id).data('unit') ?? '';
    toast(`${name(e.data('source'))} — ${EDGE_LABEL[e.data('type')] ?? e.data('type')} → ${name(e.data('target'))}`);
  });
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

/** PNG of the whole drawing; GraphML and CSV of exactly what is shown. */
function wireExports(c: LineageCtx): void {
  const { tb } = c.ui;
  tb.pngButton.addEventListener('click', () => {
    if (c.cy.nodes().empty()) return toast('Đồ thị đang trống.');
    const blob = c.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 12000, maxHeight: 12000 }) as unknown as Blob;
    saveBlob(blob, `${fileStem(c.s)}.png`);
  });
  const exportShown = (format: ExportFormat) => {
    const { shown, roots, model } = c.s;
    if (!shown || shown.nodes.length === 0) return toast('Đồ thị đang trống.');
    const out = exportText(shownSubgraph(shown, roots[0] ?? '', model.direction), format);
    saveBlob(new Blob([out.text], { type: out.type }), `${fileStem(c.s)}.${out.ext}`);
  };
  tb.exportButtons.graphml.addEventListener('click', () => exportShown('graphml'));
  tb.exportButtons.csvNodes.addEventListener('click', () => exportShown('csv-nodes'));
  tb.exportButtons.csvEdges.addEventListener('click', () => exportShown('csv-edges'));
}

/** Find: typing searches after a pause, Enter searches at once or goes to the next match. */
function wireFind(c: LineageCtx): void {
  const { tb } = c.ui;
  const { s } = c;
  let typing: ReturnType<typeof setTimeout> | undefined;
  tb.findInput.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => updateParams({ q: tb.findInput.value.trim() || null }, true), 250);
  });
  const next = () => {
    if (s.matches.length === 0) return;
    s.matchAt = (s.matchAt + 1) % s.matches.length;
    highlight(c);
    frameGraph(c.cy, s.matches[s.matchAt], s.roots);
  };
  tb.findInput.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    clearTimeout(typing);
    if (tb.findInput.value.trim() !== s.findText) updateParams({ q: tb.findInput.value.trim() || null }, true);
    else next();
  });
  tb.findNext.addEventListener('click', next);
}

export function wireControls(c: LineageCtx): void {
  const { tb } = c.ui;
  const { cy, s } = c;
  tb.fitButton.addEventListener('click', () => cy.animate({ fit: { eles: cy.elements(), padding: 30 }, duration: 250 }));
  tb.resetButton.addEventListener('click', () => {
    clearCache();
    c.defaults = null;
    if (location.hash === '#/lineage' || location.hash === '') void applyParams(c, new URLSearchParams(), true);
    else navigate('lineage', {});
  });
  wireExports(c);
  wireFind(c);
  tb.directivesBox.addEventListener('change', () => updateParams({ dir: tb.directivesBox.checked ? '1' : null }));
  tb.waySelect.addEventListener('change', () => updateParams({ way: tb.waySelect.value || null, open: null, grp: null }));
  tb.provinceSelect.addEventListener('change', () => updateParams({ prov: tb.provinceSelect.value || null }));
  tb.rootSelect.addEventListener('change', () => {
    const id = tb.rootSelect.value;
    const way = s.model.direction === 'up' ? 'up' : null;
    navigate('lineage', id ? { root: id, open: id, way } : { way });
  });
}
