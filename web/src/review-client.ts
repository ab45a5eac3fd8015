/**
 * Writing a review: `POST /api/reviews` with the write token (the one the upload page keeps,
 * api-token.ts) and the reviewer's name (kept for the session, like the token). Every review
 * written is announced with a `reviews-changed` event, so the heatmap and the panels showing the
 * link load again.
 */
import { ApiError } from './api.js';
import { readApiToken } from './api-token.js';
import { sessionValue } from './session-value.js';

export const REVIEWS_CHANGED = 'reviews-changed';

export type Decision = 'confirm' | 'reject' | 'add' | 'clear';

const reviewer = sessionValue('policy-graph.reviewer');

export const readReviewer = (): string => reviewer.read();
export const saveReviewer = (name: string): void => reviewer.save(name);

export interface ReviewRequest {
  taskId: string;
  directiveId: string;
  decision: Decision;
  reviewer: string;
  comment?: string;
}

/** Sends one decision; failures become ApiError (status 0 for the network) with the server's message. */
export async function sendReview(body: ReviewRequest, token = readApiToken()): Promise<void> {
  let res: Response;
  try {
    res = await fetch('/api/reviews', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ ...body, comment: body.comment || undefined }),
    });
  } catch {
    throw new ApiError(0, 'Không kết nối được tới máy chủ.', 5, '/api/reviews');
  }
  if (!res.ok) {
    const payload = (await res.json().catch(() => ({}))) as { error?: string };
    const retry = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, payload.error ?? `HTTP ${res.status}`, Number.isFinite(retry) && retry > 0 ? retry : null, '/api/reviews');
  }
  window.dispatchEvent(new CustomEvent(REVIEWS_CHANGED, { detail: { taskId: body.taskId, directiveId: body.directiveId } }));
}
