/**
 * The heatmap of a central document's directive items × provinces: each cell the number of tasks
 * implementing the item in the province, a button opening its evidence; fewest provinces first,
 * or in the document's order; a colour scale under it.
 */
import { h } from '../dom.js';
import { updateParams } from '../router.js';
import { emptyBox } from '../status.js';
import { docName, plural, section, truncate } from '../text.js';
import type { Heatmap, HeatmapRow } from '../types.js';
import type { AuditState } from './audit-state.js';

/** 0 stands out (nobody implements it); more tasks, deeper green. */
export function cellColor(count: number, max: number): { bg: string; fg: string } {
  if (count <= 0) return { bg: '#fdecea', fg: '#a3221b' };
  const t = max <= 1 ? 1 : Math.log1p(count) / Math.log1p(max);
  const light = 88 - t * 58; // 88% → 30%
  return { bg: `hsl(150 55% ${light}%)`, fg: light < 55 ? '#ffffff' : '#0d3a24' };
}

/** What reviewers did in a cell, for its title: nothing when nobody reviewed it. */
export function reviewNote(reviewed: number, rejected: number): string {
  const parts = [reviewed ? `${reviewed} đã duyệt` : '', rejected ? `${rejected} bị bác bỏ` : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Why a province's column is empty: its plans are known only from citations, or hold no task. */
const noTasksNote = (p: string) =>
  `${p}: chưa có nhiệm vụ nào để đối chiếu — văn bản thực hiện của tỉnh chỉ được biết qua trích dẫn hoặc không có nhiệm vụ`;

/** A cell of a province with no task to read: a dash, not a 0, since nothing could be counted. */
function noTasksCell(r: HeatmapRow, p: string): HTMLElement {
  return h(
    'td',
    { class: 'cell-td' },
    h('span', { class: 'cell no-tasks', 'data-province': p, role: 'img', 'aria-label': `${section(r.directive.sectionPath)} × ${noTasksNote(p)}`, title: noTasksNote(p) }, '–'),
  );
}

/** One cell: its count, coloured, pressed when its evidence is open. */
function cellButton(r: HeatmapRow, p: string, max: number, s: AuditState): HTMLElement {
  const d = r.directive;
  const n = r.cells[p] ?? 0;
  const reviewed = r.reviewed[p] ?? 0;
  const rejected = r.rejected[p] ?? 0;
  const c = cellColor(n, max);
  const active = s.cell === d.id && s.province === p;
  return h(
    'td',
    { class: 'cell-td' },
    h(
      'button',
      {
        type: 'button',
        class: `cell${active ? ' active' : ''}${reviewed || rejected ? ' reviewed' : ''}`,
        style: { background: c.bg, color: c.fg },
        'data-province': p,
        'data-count': n,
        'data-reviewed': reviewed,
        'data-rejected': rejected,
        'aria-pressed': active ? 'true' : 'false',
        'aria-label': `${section(d.sectionPath)} × ${p}: ${n} nhiệm vụ${reviewNote(reviewed, rejected)}`,
        title: `${p}: ${n} nhiệm vụ thực hiện ${section(d.sectionPath)}${reviewNote(reviewed, rejected)}`,
        onclick: () => updateParams({ cell: d.id, province: p }),
      },
      String(n),
    ),
  );
}

function heatmapRow(r: HeatmapRow, map: Heatmap, max: number, s: AuditState): HTMLElement {
  const d = r.directive;
  const withTasks = map.provinces.length - map.provincesWithoutTasks.length;
  return h(
    'tr',
    { 'data-directive-id': d.id, class: r.provincesImplementing === 0 ? 'none' : '' },
    h(
      'th',
      { scope: 'row', class: 'directive-col', title: d.text },
      h('span', { class: 'sec' }, section(d.sectionPath)),
      ' ',
      h('span', { class: 'dtext' }, truncate(d.text, 120)),
      d.sectionTitles.length ? h('span', { class: 'muted small stitle' }, truncate(d.sectionTitles[d.sectionTitles.length - 1], 90)) : null,
    ),
    map.provinces.map((p) => (map.provincesWithoutTasks.includes(p) ? noTasksCell(r, p) : cellButton(r, p, max, s))),
    h(
      'td',
      { class: 'num-col' },
      h('span', { class: 'ratio' }, `${r.provincesImplementing}/${withTasks}`),
      h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: { width: `${withTasks ? (100 * r.provincesImplementing) / withTasks : 0}%` } })),
    ),
  );
}

function colorScale(map: Heatmap, max: number): HTMLElement {
  const scale = [0, 1, Math.max(2, Math.round(max / 2)), max].filter((v, i, a) => a.indexOf(v) === i);
  return h(
    'div',
    { class: 'scale', 'aria-label': 'Thang màu' },
    h('span', { class: 'muted small' }, 'Số nhiệm vụ: '),
    scale.map((v) => {
      const c = cellColor(v, max);
      return h('span', { class: 'scale-chip', style: { background: c.bg, color: c.fg } }, String(v));
    }),
    h('span', { class: 'muted small' }, ` · ${plural(map.rows.length, 'mục')} · ${plural(map.provinces.length, 'tỉnh')}`),
    map.provincesWithoutTasks.length
      ? h(
          'span',
          { class: 'muted small no-tasks-legend' },
          ` · – : ${map.provincesWithoutTasks.join(', ')} chưa có kế hoạch nào có nhiệm vụ trong dữ liệu (chỉ biết qua trích dẫn), nên không tính vào số tỉnh`,
        )
      : null,
  );
}

/** The heatmap's table and scale, or what is missing for there to be one. */
export function heatmapContent(map: Heatmap, s: AuditState): HTMLElement[] {
  if (map.rows.length === 0) return [emptyBox('Văn bản này không có mục chỉ đạo nào.')];
  if (map.provinces.length === 0) return [emptyBox('Chưa có tỉnh nào ban hành kế hoạch thực hiện văn bản này.')];
  const rows: HeatmapRow[] = s.sort === 'order' ? [...map.rows].sort((a, b) => a.directive.ordinal - b.directive.ordinal) : map.rows;
  const max = Math.max(1, ...map.rows.flatMap((r) => Object.values(r.cells)));
  const rotate = map.provinces.length > 6;
  const table = h(
    'table',
    { class: `heatmap${rotate ? ' rotate' : ''}`, 'aria-describedby': 'heatmap-title' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col', class: 'directive-col' }, `Mục chỉ đạo của ${map.document.number ?? docName(map.document)}`),
        map.provinces.map((p) =>
          map.provincesWithoutTasks.includes(p)
            ? h('th', { scope: 'col', class: 'province-col no-tasks', title: noTasksNote(p) }, h('span', null, `${p} –`))
            : h('th', { scope: 'col', class: 'province-col' }, h('span', null, p)),
        ),
        h('th', { scope: 'col', class: 'num-col', title: 'Số tỉnh có nhiệm vụ thực hiện / số tỉnh có kế hoạch với nhiệm vụ' }, 'Số tỉnh'),
      ),
    ),
    h('tbody', null, rows.map((r) => heatmapRow(r, map, max, s))),
  );
  return [table, colorScale(map, max)];
}
