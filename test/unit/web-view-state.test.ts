/**
 * The pure parts of the lineage and audit views' state (web/src/views/lineage-state.ts,
 * audit-state.ts): the URL the lineage view writes, and what a change of the audit URL loads again.
 * Expected values from the URL forms the views document and what each part of the page shows.
 */
import { describe, expect, it } from 'vitest';
import { NO_AUDIT_STATE, auditReloads, auditStateOf } from '../../web/src/views/audit-state.js';
import { fileStem, lineageParams, newLineageState } from '../../web/src/views/lineage-state.js';

const KL69 = 'vn/tw/kl/69/2024';
const NQ20 = 'vn/tw/nq/20/2012';

describe('lineage URL', () => {
  it('keeps the default view short: what is open, no roots', () => {
    const s = newLineageState();
    s.roots = [NQ20, KL69];
    s.model.expanded.push(NQ20, KL69);
    expect(lineageParams(s, null).toString()).toBe(new URLSearchParams([['open', NQ20], ['open', KL69]]).toString());
  });

  it('names the roots, direction, directives, filter, groups, find text and selection of any other view', () => {
    const s = newLineageState();
    s.isDefault = false;
    s.roots = [KL69];
    s.model.direction = 'up';
    s.model.showDirectives = true;
    s.province = 'Lâm Đồng';
    s.toggled = new Set(['group:x']);
    s.findText = 'binh thuan';
    const p = lineageParams(s, KL69);
    expect(p.getAll('root')).toEqual([KL69]);
    expect(p.get('way')).toBe('up');
    expect(p.get('dir')).toBe('1');
    expect(p.get('prov')).toBe('Lâm Đồng');
    expect(p.getAll('grp')).toEqual(['group:x']);
    expect(p.get('q')).toBe('binh thuan');
    expect(p.get('node')).toBe(KL69);
  });

  it('names an export after the graph, its direction and its province, in letters and dashes only', () => {
    const s = newLineageState();
    s.model.direction = 'up';
    s.province = 'Lâm Đồng';
    expect(fileStem(s)).toBe('pha-he-do-thi-len-Lâm-Đồng');
  });
});

describe('audit URL changes', () => {
  const base = auditStateOf(new URLSearchParams());

  it('reads 69-KL/TW, the provinces as documents name them and the unimplemented items when the URL says nothing', () => {
    expect(base).toEqual({ doc: KL69, era: '', sort: '', cell: '', province: '', list: 'unimplemented', lp: '' });
  });

  it('loads every part the first time', () => {
    expect(auditReloads(NO_AUDIT_STATE, base)).toEqual({ provinces: true, heatmap: true, queue: true, redrawHeatmap: false, cell: true, list: true });
  });

  it('only redraws the heatmap for a new sort, and loads only the cell (marking it in the heatmap) when one is opened', () => {
    expect(auditReloads(base, { ...base, sort: 'order' })).toEqual({ provinces: false, heatmap: false, queue: false, redrawHeatmap: true, cell: false, list: false });
    expect(auditReloads(base, { ...base, cell: `${KL69}#d1`, province: 'Kon Tum' })).toEqual({ provinces: false, heatmap: false, queue: false, redrawHeatmap: true, cell: true, list: false });
  });

  it('reads the provinces, heatmap, cell and list again in the 2025 units, but not the review queue', () => {
    expect(auditReloads(base, auditStateOf(new URLSearchParams('era=current')))).toEqual({ provinces: true, heatmap: true, queue: false, redrawHeatmap: false, cell: true, list: true });
  });

  it('for another document, reads its heatmap, queue and unimplemented items; a list of every plan stays', () => {
    const nq20 = auditStateOf(new URLSearchParams(`doc=${NQ20}`));
    expect(auditReloads(base, nq20)).toMatchObject({ provinces: false, heatmap: true, queue: true, list: true });
    const collective = { ...base, list: 'collective' as const };
    expect(auditReloads(collective, { ...nq20, list: 'collective' }).list).toBe(false);
  });
});
