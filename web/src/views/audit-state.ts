/**
 * The audit view's state, read from its URL, and which parts a change of it loads again: pure
 * functions, no DOM.
 */
import { KL69 } from './default-doc.js';

export type ListName = 'unimplemented' | 'collective' | 'without-lead' | 'unresolved';

export interface AuditState {
  doc: string;
  /** 'current': the 34 units of 2025, the provinces merged into them rolled up; '' as documents name them. */
  era: string;
  sort: string;
  /** The open cell: its directive item and province. */
  cell: string;
  province: string;
  list: ListName;
  /** The lists' province filter. */
  lp: string;
}

/** Before the first URL is read: every part differs from it. */
export const NO_AUDIT_STATE: AuditState = { doc: '', era: '', sort: '', cell: '', province: '', list: 'unimplemented', lp: '' };

export function auditStateOf(params: URLSearchParams): AuditState {
  return {
    doc: params.get('doc') ?? KL69,
    era: params.get('era') === 'current' ? 'current' : '',
    sort: params.get('sort') ?? '',
    cell: params.get('cell') ?? '',
    province: params.get('province') ?? '',
    list: (params.get('list') ?? 'unimplemented') as ListName,
    lp: params.get('lp') ?? '',
  };
}

/** The `provinces` parameter every audit request carries: how province names are read. */
export const eraParam = (s: AuditState): 'current' | undefined => (s.era === 'current' ? 'current' : undefined);

/** What going from `prev` to `next` asks for: answers loaded again, or only the heatmap drawn again. */
export interface AuditReloads {
  provinces: boolean;
  heatmap: boolean;
  queue: boolean;
  redrawHeatmap: boolean;
  cell: boolean;
  list: boolean;
}

export function auditReloads(prev: AuditState, next: AuditState): AuditReloads {
  const first = prev.doc === '';
  const eraChanged = prev.era !== next.era;
  const docChanged = prev.doc !== next.doc;
  const cellChanged = prev.cell !== next.cell || prev.province !== next.province;
  return {
    provinces: first || eraChanged,
    heatmap: first || eraChanged || docChanged,
    queue: first || docChanged,
    redrawHeatmap: !(first || docChanged) && (prev.sort !== next.sort || cellChanged),
    cell: first || eraChanged || cellChanged,
    list: first || eraChanged || prev.list !== next.list || prev.lp !== next.lp || (next.list === 'unimplemented' && docChanged),
  };
}
