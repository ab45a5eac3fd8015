/**
 * Drawing the lineage view from its state: the graph (lineage-draw.ts), the find highlight, the
 * counter, the notice of bounded expansions, the outline, and the framing of what changed.
 */
import { refreshGraphEdges } from '../details.js';
import { measurePaint, timed } from '../perf-marks.js';
import type { LineageCtx } from './lineage-context.js';
import { drawGraph } from './lineage-draw.js';
import { frameGraph } from './lineage-frame.js';
import { outlineTitle, renderNotice, renderOutline } from './lineage-outline.js';
import { computeShown, currentMatch } from './lineage-state.js';

/** Push the model's state into Cytoscape, lay it out, and frame `focus`. */
export function render(c: LineageCtx, focus?: string | string[]): void {
  const { s, cy, ui } = c;
  const shown = timed('shown', () => computeShown(s));
  s.shown = shown;
  timed('draw', () => drawGraph(cy, shown, s.model));
  timed('style', () => {
    c.refreshDetail();
    highlight(c);
  });
  const target = currentMatch(s) ?? focus;
  setTimeout(() => !c.destroyed && frameGraph(cy, target, s.roots), cy.nodes().length < 400 ? 270 : 0);
  const hiddenText = shown.hidden > 0 ? ` · ${shown.hidden.toLocaleString('vi-VN')} nút trong tỉnh đang thu gọn hoặc đã lọc` : '';
  ui.tb.counter.textContent = `${shown.nodes.length} nút · ${shown.edges.length} cạnh${hiddenText}`;
  timed('outline', () => {
    renderNotice(ui.notice, s.model);
    // The list is built while it is open, else when it is opened (wireOutline).
    if (ui.outline.open) renderOutline(ui.outlineList, ui.outlineSummary, shown, s.model, c.activate);
    else ui.outlineSummary.textContent = outlineTitle(shown);
  });
  refreshGraphEdges();
  measurePaint('paint');
}

/** Find's matches stand out, the rest fades; the count says where the user is among them. */
export function highlight(c: LineageCtx): void {
  const { s, cy } = c;
  const on = s.findText.trim().length > 0;
  const hit = new Set(s.matches);
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      n.toggleClass('match', hit.has(n.id()));
      n.toggleClass('faded', on && !hit.has(n.id()) && !n.isParent());
    });
    cy.edges().toggleClass('faded', on);
  });
  c.ui.tb.findCount.textContent = on ? (s.matches.length ? `${Math.min(s.matchAt, s.matches.length - 1) + 1}/${s.matches.length} kết quả` : 'Không thấy') : '';
}

/**
 * The outline lists every node drawn (hundreds on a national graph), and is mostly closed: it is
 * built when the user opens it, in the click itself, so it is there when the list shows.
 */
export function wireOutline(c: LineageCtx): void {
  const { ui, s } = c;
  ui.outlineSummary.addEventListener('click', () => {
    if (!ui.outline.open && s.shown) renderOutline(ui.outlineList, ui.outlineSummary, s.shown, s.model, c.activate);
  });
}
