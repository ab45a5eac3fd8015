/** Fetching the API: JSON in, typed errors out (status, message, Retry-After). */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds, from Retry-After (503: database down or search index not ready). */
    readonly retryAfter: number | null,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get unavailable(): boolean {
    return this.status === 503;
  }
}

export type Params = Record<string, string | number | boolean | null | undefined>;

export function apiUrl(path: string, params: Params = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** GET a JSON endpoint. Network failures become ApiError(0); non-2xx become ApiError(status). */
export async function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  const url = apiUrl(path, params);
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'Không kết nối được tới máy chủ.', 5, url);
  }
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'));
    const message = (body as { error?: string } | undefined)?.error ?? `HTTP ${res.status}`;
    throw new ApiError(res.status, message, Number.isFinite(retry) && retry > 0 ? retry : null, url);
  }
  return body as T;
}

export const enc = encodeURIComponent;
