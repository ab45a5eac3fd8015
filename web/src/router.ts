/**
 * The view lives in the URL hash, `#/<view>?<params>`, so any view can be bookmarked or shared:
 * `#/lineage?root=…&open=…&node=…`, `#/search?q=…&province=…&similar=…`, `#/audit?doc=…&cell=…&list=…`,
 * `#/compare?doc=…&a=…&b=…`, `#/deadlines?asOf=…&province=…&year=…`, `#/upload`.
 * `node` (the details panel) works in every view.
 */

export type ViewName = 'lineage' | 'search' | 'audit' | 'compare' | 'deadlines' | 'upload';
export const VIEWS: ViewName[] = ['lineage', 'search', 'audit', 'compare', 'deadlines', 'upload'];

export interface Route {
  view: ViewName;
  params: URLSearchParams;
}

export function parseHash(hash: string = location.hash): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const name = (q >= 0 ? raw.slice(0, q) : raw) as ViewName;
  const params = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  return { view: VIEWS.includes(name) ? name : 'lineage', params };
}

export function hrefFor(view: ViewName, params: Record<string, string | null | undefined> | URLSearchParams = {}): string {
  const p = params instanceof URLSearchParams ? new URLSearchParams(params) : new URLSearchParams();
  if (!(params instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, v);
  }
  const s = p.toString();
  return `#/${view}${s ? `?${s}` : ''}`;
}

/** Go to a view. `replace` keeps the browser history short for incremental changes. */
export function navigate(view: ViewName, params: Record<string, string | null | undefined> | URLSearchParams = {}, replace = false): void {
  const href = hrefFor(view, params);
  if (href === location.hash) return;
  if (replace) {
    history.replaceState(null, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = href;
  }
}

/** Change some parameters of the current view (null removes one). */
export function updateParams(patch: Record<string, string | null | undefined>, replace = false): void {
  const { view, params } = parseHash();
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === '') params.delete(k);
    else params.set(k, v);
  }
  navigate(view, params, replace);
}
