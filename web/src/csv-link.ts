import { apiUrl } from './api.js';
import { h } from './dom.js';

/** A download of the same request as CSV (UTF-8 with BOM, for spreadsheets). */
export function csvLink(path: string, params: Record<string, string | undefined>, label = 'Tải CSV'): HTMLAnchorElement {
  return h('a', { class: 'btn btn-small btn-ghost csv', href: apiUrl(path, { ...params, format: 'csv' }), download: '' }, label);
}
