import type { AppDeps } from '../deps.js';
import { json, type Api } from '../http/api.js';
import { getItem, getTask } from '../queries/items.js';
import { similarTasks } from '../queries/search.js';
import { ItemDetail, ItemQuery, SimilarQuery, TaskQuery } from '../../api-schema/items.js';
import { SimilarResult } from '../../api-schema/search.js';

export function itemRoutes(api: Api, deps: AppDeps): void {
  const { db } = deps;
  api.add({
    method: 'get',
    path: '/api/items',
    tags: ['items'],
    summary: 'One item (directive or task) with its source lines and links',
    description: 'The lines lineStart..lineEnd of its document\'s text, its agencies, the directive items it implements and the tasks implementing it.',
    query: ItemQuery,
    notFound: true,
    responses: { 200: json(ItemDetail, 'the item') },
    handle: ({ query }) => getItem(db, query.id),
  });

  api.add({
    method: 'get',
    path: '/api/tasks',
    tags: ['items'],
    summary: 'One task: agencies, timeline, the directive items it implements (score, method), its document',
    query: TaskQuery,
    notFound: true,
    responses: { 200: json(ItemDetail, 'the task') },
    handle: ({ query }) => getTask(db, query.id),
  });

  api.add({
    method: 'get',
    path: '/api/tasks/similar',
    tags: ['items', 'search'],
    summary: 'Tasks like this one in other provinces, most alike first (own document left out, near-identical texts once)',
    query: SimilarQuery,
    notFound: true,
    responses: { 200: json(SimilarResult, 'similar tasks, each with how well it matches') },
    // Read at each request: the search service may be attached after start-up, once its index is built.
    handle: ({ query }) => similarTasks(db, deps.search, query.id, query.limit),
  });
}
