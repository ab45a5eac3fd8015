/** A task as the auditors' lists show it: province, where it is written, its text, who leads it, its time. */
import { nodeLink } from './node-links.js';
import { h } from './dom.js';
import { docName, formatDate, lines, provinceLabel, section } from './text.js';
import type { TaskRow } from './types.js';

export function taskCard(r: TaskRow, opts: { showLeadRaw?: boolean; overdueOn?: string } = {}): HTMLLIElement {
  const overdue = !!opts.overdueOn && !!r.task.deadline && r.task.deadline < opts.overdueOn;
  return h(
    'li',
    { class: `audit-item${overdue ? ' overdue' : ''}`, 'data-item-id': r.task.id, 'data-province': r.task.province ?? '', 'data-deadline': r.task.deadline ?? '' },
    h(
      'div',
      { class: 'hit-head' },
      h('span', { class: 'tag' }, provinceLabel(r.task.province)),
      ' ',
      nodeLink(r.task.id, `${docName(r.document, 40)} ${section(r.task.sectionPath)}`, 'node-link hit-title'),
      h('span', { class: 'muted small' }, ` · ${lines(r.task.lineStart, r.task.lineEnd)}`),
    ),
    h('p', { class: 'hit-text clamp' }, r.task.text),
    h(
      'dl',
      { class: 'explain' },
      h(
        'div',
        { class: 'wide' },
        h('dt', null, 'Chủ trì'),
        h('dd', null, r.leads.length ? r.leads.map((a, i) => [i ? ', ' : '', nodeLink(a.id, a.name)]) : h('span', { class: 'warn' }, 'không có')),
      ),
      opts.showLeadRaw && r.leadRaw && r.leadRaw !== r.leads.map((a) => a.name).join(', ') ? h('div', { class: 'wide' }, h('dt', null, 'Ghi trong văn bản'), h('dd', null, r.leadRaw)) : null,
      r.coordinating.length ? h('div', { class: 'wide' }, h('dt', null, 'Phối hợp'), h('dd', null, r.coordinating.map((a) => a.name).join(', '))) : null,
      r.task.timelineRaw ? h('div', null, h('dt', null, 'Thời hạn'), h('dd', null, r.task.timelineRaw)) : null,
      r.task.deadline && opts.overdueOn !== undefined
        ? h('div', null, h('dt', null, 'Hạn cuối'), h('dd', { class: overdue ? 'warn' : '' }, formatDate(r.task.deadline), overdue ? ' (đã qua)' : ''))
        : null,
    ),
  );
}
