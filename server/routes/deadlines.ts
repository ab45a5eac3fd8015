import type { DeadlineGrid as Grid } from '../../graph-store/deadline-reads.js';
import type { TaskRow } from '../../graph-store/task-rows.js';
import type { AppDeps } from '../deps.js';
import type { Column } from '../../format/csv.js';
import { download, type Api } from '../http/api.js';
import { deadlines, tasksDue } from '../queries/deadlines.js';
import { TaskList } from '../../api-schema/audit.js';
import { DeadlineGrid, DeadlineGridQuery, DeadlineTasksQuery } from '../../api-schema/deadlines.js';

const CSV = ['text/csv'];

type GridRow = Grid['provinces'][number];
const gridColumns = (years: string[]): Column<GridRow>[] => [
  ['province', (r) => r.province],
  ...years.flatMap((y): Column<GridRow>[] => [
    [`due ${y}`, (r) => r.years[y]?.due ?? 0],
    [`overdue ${y}`, (r) => r.years[y]?.overdue ?? 0],
  ]),
  ['overdue', (r) => r.overdue],
  ['recurring', (r) => r.recurring],
  ['undated', (r) => r.undated],
  ['tasks', (r) => r.tasks],
];

const taskColumns: Column<TaskRow>[] = [
  ['deadline', (r) => r.task.deadline],
  ['timeline', (r) => r.task.timelineRaw],
  ['province', (r) => r.task.province],
  ['document', (r) => r.document.number ?? r.document.id],
  ['section', (r) => r.task.sectionPath.join('.')],
  ['taskId', (r) => r.task.id],
  ['text', (r) => r.task.text],
  ['leads', (r) => r.leads.map((a) => a.name)],
];

export function deadlineRoutes(api: Api, { db }: AppDeps): void {
  api.add({
    method: 'get',
    path: '/api/deadlines',
    tags: ['audit'],
    summary: 'Tasks by year of deadline per province, and how many had passed their deadline on a chosen day',
    description:
      'A deadline is the last day a task\'s timeline allows ("Quý III/2025" → 2025-09-30). Recurring and undated tasks are counted apart. ' +
      '"Overdue" only says the deadline had passed on asOf: the graph does not record whether a task was done.',
    query: DeadlineGridQuery,
    responses: { 200: download(DeadlineGrid, 'provinces × years of deadline', CSV) },
    handle: async ({ query, reply }) => {
      const { format, ...q } = query;
      const grid = await deadlines(db, q);
      return reply.list(format, { json: grid, rows: grid.provinces, columns: gridColumns(grid.years), name: `deadlines-${grid.asOf}` });
    },
  });

  api.add({
    method: 'get',
    path: '/api/deadlines/tasks',
    tags: ['audit'],
    summary: 'Tasks with a deadline, soonest first: overdue on asOf, upcoming, or all',
    query: DeadlineTasksQuery,
    responses: { 200: download(TaskList, 'a page of tasks', CSV) },
    handle: async ({ query, reply }) => {
      const { format, ...q } = query;
      const page = await tasksDue(db, q);
      return reply.list(format, { json: page, rows: page.items, columns: taskColumns, name: `tasks-${q.status}${q.asOf ? `-${q.asOf}` : ''}` });
    },
  });
}
