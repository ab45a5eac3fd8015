/**
 * What the lineage view asks besides the graph: the provinces' 2025 units (for the groups and the
 * filter, asked at once), the root picker's documents (once the first view is drawn), and the
 * edges the details panel lists for a node shown.
 */
import { getJson } from '../api.js';
import { setGraphEdgeSource } from '../details.js';
import { h } from '../dom.js';
import { display } from '../lineage-label.js';
import { docName, provinceLabel } from '../text.js';
import type { DocumentPage, Provinces } from '../types.js';
import type { LineageCtx } from './lineage-context.js';
import { fillProvinces, syncToolbar } from './lineage-toolbar.js';

/** The province filter and the groups' 2025 units: one answer. */
export function loadProvinces(c: LineageCtx): Promise<void> {
  return getJson<Provinces>('/api/provinces')
    .then((historical) => {
      for (const p of historical) if (p.currentProvince) c.s.currentUnit.set(p.province, p.currentProvince);
      fillProvinces(c.ui.tb.provinceSelect, historical);
      syncToolbar(c.ui.tb, c.s);
    })
    .catch(() => {
      /* without the 2025 units the filter matches provinces as documents name them */
    });
}

/**
 * The root picker (every document with text), asked once the first view is drawn: on a national
 * graph its answer is not small, and the view needs the server first.
 */
export function loadPicker(c: LineageCtx): Promise<void> {
  return getJson<DocumentPage>('/api/documents', { stub: false, limit: 200 })
    .then((page) => {
      for (const d of page.items) c.ui.tb.rootSelect.appendChild(h('option', { value: d.id }, `${docName(d, 60)} — ${provinceLabel(d.province)}`));
      syncToolbar(c.ui.tb, c.s);
    })
    .catch(() => {
      /* the picker stays on the default; the graph shows its own error */
    });
}

/** The details panel lists a shown node's edges from the model (the API's otherwise). */
export function provideGraphEdges(c: LineageCtx): void {
  const { model } = c.s;
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
}
