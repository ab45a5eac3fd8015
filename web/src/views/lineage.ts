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
 *
 * This file puts the parts together: state (lineage-state.ts), page and queue
 * (lineage-context.ts), applying the URL (lineage-apply.ts), drawing (lineage-render.ts), the
 * user's actions (lineage-events.ts) and the other answers it needs (lineage-sources.ts).
 */
import type { Core } from 'cytoscape';
import { refreshGraphEdges, setGraphEdgeSource } from '../details.js';
import type { VisibleGraph } from '../lineage-groups.js';
import type { LineageModel } from '../lineage-model.js';
import { parseHash } from '../router.js';
import { applyParams } from './lineage-apply.js';
import { lineageContext, lineagePage } from './lineage-context.js';
import { activateNode, wireControls, wireGraph } from './lineage-events.js';
import { wireOutline } from './lineage-render.js';
import { loadPicker, loadProvinces, provideGraphEdges } from './lineage-sources.js';
import { newLineageState } from './lineage-state.js';
import type { View } from './view.js';

export { KL69 } from './default-doc.js';

declare global {
  interface Window {
    /** The graph, for debugging in the console and for the browser tests. */
    __lineage?: { cy: Core; model: LineageModel; settled: () => Promise<void>; shown: () => VisibleGraph | null };
  }
}

export function lineageView(el: HTMLElement, initial: URLSearchParams): View {
  const c = lineageContext(newLineageState(), lineagePage(el));
  const { cy } = c;
  c.activate = (id) => activateNode(c, id);
  c.retry = () => void applyParams(c, parseHash().params, true);
  window.__lineage = { cy, model: c.s.model, settled: () => c.queue, shown: () => c.s.shown };
  // The canvas follows its box (the details panel opening narrows it, not only window resizes).
  const resizer = new ResizeObserver(() => cy.resize());
  resizer.observe(c.ui.cyEl);
  wireGraph(c);
  wireOutline(c);
  wireControls(c);
  provideGraphEdges(c);
  c.provincesLoaded = loadProvinces(c);
  void applyParams(c, initial).then(() => {
    if (!c.destroyed) void loadPicker(c);
  });

  return {
    update: (params) => void applyParams(c, params),
    unmount: () => {
      c.destroyed = true;
      resizer.disconnect();
      setGraphEdgeSource(null);
      refreshGraphEdges();
      cy.destroy();
      if (window.__lineage?.cy === cy) delete window.__lineage;
    },
  };
}
