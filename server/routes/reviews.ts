/**
 * Reviews of task → directive links: record a decision (token), list decisions with their history,
 * a task's links and the items it may be linked to, a heatmap cell's candidate tasks, and the queue
 * of links and tasks whose review would change the heatmap most.
 */
import express from 'express';
import type { AppDeps } from '../deps.js';
import type { Column } from '../../format/csv.js';
import { download, json, type Api } from '../http/api.js';
import { writeGuards } from '../http/write-guards.js';
import { parseInput } from '../http/validate.js';
import * as q from '../queries/reviews.js';
import {
  CellCandidates,
  CellCandidatesQuery,
  Queue,
  QueueQuery,
  Review,
  ReviewBody,
  ReviewList,
  ReviewsQuery,
  TaskLinks,
  TaskLinksQuery,
} from '../../api-schema/reviews.js';

const CSV = ['text/csv'];
type ReviewRow = Awaited<ReturnType<typeof q.reviews>>[number];
type QueueRow = Awaited<ReturnType<typeof q.reviewQueue>>['items'][number];

const reviewColumns: Column<ReviewRow>[] = [
  ['taskId', (r) => r.taskId],
  ['directiveId', (r) => r.directiveId],
  ['decision', (r) => r.decision],
  ['status', (r) => r.status],
  ['reviewer', (r) => r.reviewer],
  ['at', (r) => r.at],
  ['comment', (r) => r.comment],
  ['stale', (r) => r.stale],
  ['taskMissing', (r) => r.taskMissing],
  ['changes', (r) => r.history.length],
];

const queueColumns: Column<QueueRow>[] = [
  ['kind', (r) => r.kind],
  ['priority', (r) => r.priority],
  ['province', (r) => r.province],
  ['taskId', (r) => r.task.id],
  ['document', (r) => r.document.number ?? r.document.id],
  ['taskText', (r) => r.task.text],
  ['directiveId', (r) => r.directive?.id ?? null],
  ['score', (r) => r.score],
  ['cellTasks', (r) => r.cellTasks],
];

export function reviewRoutes(api: Api, { db, config }: AppDeps): void {
  // The token is checked before the body is read (the guards are shared with uploads and deletes); a review is a few hundred bytes.
  const writes = [...writeGuards(config), express.json({ limit: '16kb' })];

  api.add({
    method: 'post',
    path: '/api/reviews',
    tags: ['reviews'],
    summary: 'Confirm, reject, add or clear one task → directive link (reviewer required)',
    description:
      'The JSON body names the task and the directive item by id. The decision is kept apart from the linker\'s proposals, ' +
      'by those ids: it survives re-ingests, the document deleted and uploaded again, and linker changes. Every change is kept as history.',
    auth: true,
    before: writes,
    notFound: true,
    body: { required: true, content: { 'application/json': { schema: ReviewBody } } },
    responses: { 201: json(Review, 'recorded: the review with its history') },
    handle: async ({ req, res }) => {
      const body = parseInput(ReviewBody, req.body, 'body');
      const review = await q.saveReview(db, body);
      res.status(201);
      return review;
    },
  });

  api.add({
    method: 'get',
    path: '/api/reviews',
    tags: ['reviews'],
    summary: 'Reviews of task → directive links, newest first, each with its history and whether the task changed since (stale)',
    query: ReviewsQuery,
    responses: { 200: download(ReviewList, 'reviews', CSV) },
    handle: async ({ query, reply }) => {
      const { format, ...filters } = query;
      const rows = await q.reviews(db, filters);
      return reply.list(format, { json: { total: rows.length, items: rows }, rows, columns: reviewColumns, name: 'reviews' });
    },
  });

  api.add({
    method: 'get',
    path: '/api/reviews/task',
    tags: ['reviews'],
    summary: 'A task\'s links in every status (proposed, confirmed, added, rejected) and the directive items it may be linked to',
    query: TaskLinksQuery,
    notFound: true,
    responses: { 200: json(TaskLinks, 'the task\'s links and candidates') },
    handle: ({ query }) => q.linksOfTask(db, query.taskId),
  });

  api.add({
    method: 'get',
    path: '/api/reviews/cell-candidates',
    tags: ['reviews'],
    summary: 'Tasks of a province (in documents implementing the directive\'s document) that do not count for a directive item yet',
    query: CellCandidatesQuery,
    notFound: true,
    responses: { 200: json(CellCandidates, 'tasks to add to the cell') },
    handle: ({ query }) => q.candidatesForCell(db, query.directiveId, query.province, query.provinces),
  });

  api.add({
    method: 'get',
    path: '/api/reviews/queue',
    tags: ['reviews'],
    summary: 'Links near the linker\'s threshold, cells held up by one weak link, tasks with no link: what to review first',
    description: 'Ordered by how much a decision could change the document\'s heatmap (`priority`, see graph-store/review-rank.ts).',
    query: QueueQuery,
    notFound: true,
    responses: { 200: download(Queue, 'the queue, highest priority first', CSV) },
    handle: async ({ query, reply }) => {
      const queue = await q.reviewQueue(db, query.documentId, query.limit);
      return reply.list(query.format, { json: queue, rows: queue.items, columns: queueColumns, name: `review-queue-${query.documentId}` });
    },
  });
}
