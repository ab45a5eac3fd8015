/**
 * The auditors' lists: directive items a province has no task for, collective-led tasks, tasks
 * without a lead, unresolved citations; their tabs, request parameters and contents.
 */
import { nodeLink } from '../node-links.js';
import { h } from '../dom.js';
import { updateParams } from '../router.js';
import { emptyBox } from '../status.js';
import { taskCard } from '../task-card.js';
import { docName, lines, plural, provinceLabel, section, truncate } from '../text.js';
import type { TaskList, UnimplementedList, UnresolvedList } from '../types.js';
import { eraParam, type AuditState, type ListName } from './audit-state.js';

export interface ListDef {
  name: ListName;
  label: string;
  path: string;
  hint: string;
}

export const LISTS: ListDef[] = [
  { name: 'unimplemented', label: 'Mục chỉ đạo chưa được giao', path: '/api/audit/unimplemented', hint: 'Mục chỉ đạo của văn bản này mà một tỉnh đã ban hành kế hoạch thực hiện nhưng không có nhiệm vụ nào tương ứng.' },
  { name: 'collective', label: 'Nhiệm vụ do tập thể chủ trì', path: '/api/audit/collective-led', hint: 'Nhiệm vụ giao cho cả nhóm (“Các sở, ban, ngành…”) thay vì một cơ quan đầu mối — trong mọi kế hoạch.' },
  { name: 'without-lead', label: 'Nhiệm vụ không có chủ trì', path: '/api/audit/tasks-without-lead', hint: 'Nhiệm vụ không ghi cơ quan chủ trì — trong mọi kế hoạch.' },
  { name: 'unresolved', label: 'Văn bản được dẫn nhưng chưa có', path: '/api/audit/unresolved-citations', hint: 'Văn bản được trích dẫn nhưng chưa nạp toàn văn vào đồ thị.' },
];

export const listDef = (s: AuditState): ListDef => LISTS.find((l) => l.name === s.list) ?? LISTS[0]!;

export function listTabs(current: ListDef): HTMLElement[] {
  return LISTS.map((l) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${l.name}`,
        class: `subtab${l.name === current.name ? ' active' : ''}`,
        'aria-selected': l.name === current.name ? 'true' : 'false',
        onclick: () => updateParams({ list: l.name === 'unimplemented' ? null : l.name }, true),
      },
      l.label,
    ),
  );
}

/** The list's request: its province filter and era, the document for the unimplemented items; the unresolved citations take neither. */
export function listParams(def: ListDef, s: AuditState): Record<string, string | undefined> {
  if (def.name === 'unresolved') return {};
  const params: Record<string, string | undefined> = { province: s.lp || undefined, provinces: eraParam(s) };
  if (def.name === 'unimplemented') params.documentId = s.doc;
  return params;
}

/** The unimplemented directive items, by province. */
function unimplementedBody(rows: UnimplementedList['items']): HTMLElement[] {
  const byProvince = new Map<string, typeof rows>();
  for (const r of rows) byProvince.set(r.province, [...(byProvince.get(r.province) ?? []), r]);
  return [...byProvince].map(([p, list]) =>
    h(
      'section',
      { class: 'group', 'data-province': p },
      h('h3', { class: 'group-title' }, p, h('span', { class: 'count' }, plural(list.length, 'mục'))),
      h(
        'ol',
        { class: 'plain' },
        list.map((r) =>
          h(
            'li',
            { class: 'audit-item', 'data-item-id': r.directive.id },
            h('div', { class: 'hit-head' }, nodeLink(r.directive.id, `${docName(r.document, 30)} ${section(r.directive.sectionPath)}`, 'node-link hit-title'), h('span', { class: 'muted small' }, ` · ${lines(r.directive.lineStart, r.directive.lineEnd)}`)),
            h('p', { class: 'hit-text clamp' }, r.directive.text),
          ),
        ),
      ),
    ),
  );
}

/** The documents cited but not loaded, each with up to five of the documents citing it. */
function unresolvedBody(rows: UnresolvedList['items']): HTMLElement {
  return h(
    'ol',
    { class: 'plain' },
    rows.map((r) =>
      h(
        'li',
        { class: 'audit-item' },
        h('div', { class: 'hit-head' }, nodeLink(r.document.id, r.document.number ?? r.document.id, 'node-link hit-title'), h('span', { class: 'muted small' }, ` · ${provinceLabel(r.document.province)} · được dẫn bởi ${plural(r.citedBy.length, 'văn bản')}`)),
        h(
          'ul',
          { class: 'small' },
          r.citedBy.slice(0, 5).map((c) => h('li', null, nodeLink(c.id, c.number ?? truncate(c.id, 40)), ` (${provinceLabel(c.province)}): `, h('q', null, truncate(c.evidence ?? c.raw, 160)))),
        ),
      ),
    ),
  );
}

/** What the list panel shows for an answer: its count and rows, or that it is empty. */
export function listContent(def: ListDef, data: unknown): HTMLElement[] {
  const total = (data as { total: number }).total;
  if (total === 0) return [emptyBox('Không có mục nào trong danh sách này.', def.name === 'unimplemented' ? 'Mọi tỉnh đều có nhiệm vụ cho mọi mục chỉ đạo.' : undefined)];
  const head = h('p', { class: 'summary', role: 'status' }, plural(total, def.name === 'unimplemented' ? 'mục' : def.name === 'unresolved' ? 'văn bản' : 'nhiệm vụ'));
  if (def.name === 'unimplemented') return [head, ...unimplementedBody((data as UnimplementedList).items)];
  if (def.name === 'unresolved') return [head, unresolvedBody((data as UnresolvedList).items)];
  return [head, h('ol', { class: 'plain' }, (data as TaskList).items.map((r) => taskCard(r, { showLeadRaw: def.name === 'collective' })))];
}
