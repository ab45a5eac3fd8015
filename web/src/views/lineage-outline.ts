/**
 * The lineage as text: the accessible outline of what is drawn (province groups included), and
 * the notice of the expansions the API bounded, with the download of the full set.
 */
import { h, replace } from '../dom.js';
import { KIND_COLOR } from '../graph-style.js';
import { groupLabel, type VisibleGraph, type VisibleNode } from '../lineage-groups.js';
import { display } from '../lineage-label.js';
import type { LineageModel } from '../lineage-model.js';
import { KIND_LABEL, visualKind } from '../text.js';

export function renderOutline(list: HTMLElement, summary: HTMLElement, v: VisibleGraph, model: LineageModel, activate: (id: string) => void): void {
  const kids = new Map<string | null, VisibleNode[]>();
  const shown = new Set(v.nodes.map((n) => n.id));
  for (const n of [...v.nodes].sort((a, b) => a.seq - b.seq)) {
    const p = n.layoutParent && shown.has(n.layoutParent) ? n.layoutParent : null;
    kids.set(p, [...(kids.get(p) ?? []), n]);
  }
  const item = (n: VisibleNode, depth: number): HTMLElement => {
    const sub = kids.get(n.id) ?? [];
    const badge = n.group
      ? h('span', { class: 'badge badge-group' }, 'Tỉnh')
      : h('span', { class: 'badge', style: { background: KIND_COLOR[visualKind(n.data!)].fill, borderColor: KIND_COLOR[visualKind(n.data!)].border } }, KIND_LABEL[visualKind(n.data!)]);
    const text = n.group ? groupLabel(n.group) : display(n.data!, model.itemCounts.get(n.id));
    const open = n.group ? n.group.open : model.isExpanded(n.id);
    return h(
      'li',
      { 'data-id': n.id },
      h(
        'button',
        { type: 'button', class: `outline-node ${n.group ? 'kind-group' : `kind-${visualKind(n.data!)}`}`, 'aria-expanded': open ? 'true' : 'false', 'data-node-id': n.id, onclick: () => activate(n.id) },
        badge,
        ' ',
        text.replaceAll('\n', ' — '),
      ),
      sub.length && depth < 8 ? h('ul', null, sub.map((s) => item(s, depth + 1))) : null,
    );
  };
  replace(list, (kids.get(null) ?? []).map((n) => item(n, 0)));
  summary.textContent = outlineTitle(v);
}

export const outlineTitle = (v: VisibleGraph): string => `Dạng danh sách (${v.nodes.length} nút)`;

/** Each expansion the API bounded: how much of it is shown, and the download of the full set. */
export function renderNotice(notice: HTMLElement, model: LineageModel): void {
  const lines = [...model.shortfalls].flatMap(([id, s]) => {
    const n = model.nodes.get(id);
    if (!n) return [];
    return [h('p', null, h('strong', null, display(n.data).split('\n')[0]!), `: ${s.text} — `, h('a', { href: s.download, download: '' }, 'tải xuống toàn bộ'))];
  });
  notice.hidden = lines.length === 0;
  replace(notice, lines);
}
