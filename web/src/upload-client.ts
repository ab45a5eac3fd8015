/**
 * One document to `POST /api/documents?fileName=`: the raw file as the body, the token as a bearer.
 * XMLHttpRequest rather than fetch because only it reports upload progress; the answer is turned
 * into a result or an UploadFailure (upload-messages.ts), never thrown.
 */
import { apiUrl } from './api.js';
import type { UploadResult } from './types.js';
import { describeUploadFailure, type UploadFailure } from './upload-messages.js';

export type UploadProgress = { phase: 'sending'; sent: number; total: number } | { phase: 'processing' };
export type UploadOutcome = { kind: 'done'; result: UploadResult } | UploadFailure;

/** A scanned PDF takes 10–60 s of OCR on the server; past this the page stops waiting and says so. */
const TIMEOUT_MS = 5 * 60_000;

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    // An HTML error page from a proxy, say: nothing of it is shown.
    return null;
  }
}

const isUploadResult = (b: Record<string, unknown> | null): b is UploadResult =>
  !!b && typeof b.documentId === 'string' && typeof b.counts === 'object' && b.counts !== null && Array.isArray(b.warnings);

export function sendDocument(file: File, token: string, onProgress: (p: UploadProgress) => void): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl('/api/documents', { fileName: file.name }));
    // octet-stream for every format: the server reads the bytes itself (encodings, PDF, DOCX, …).
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.timeout = TIMEOUT_MS;
    // Upload listeners must be attached before send(), or the browser skips the progress events.
    xhr.upload.onprogress = (e) => onProgress({ phase: 'sending', sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    const fail = (timedOut: boolean) => resolve(describeUploadFailure(0, null, { tokenGiven: !!token, retryAfter: null, timedOut }));
    xhr.onerror = () => fail(false);
    xhr.ontimeout = () => fail(true);
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && isUploadResult(body)) {
        resolve({ kind: 'done', result: body });
        return;
      }
      const retry = Number(xhr.getResponseHeader('Retry-After'));
      // A 2xx without the expected body is reported like a server error, not as a success.
      const status = xhr.status >= 200 && xhr.status < 300 ? 502 : xhr.status;
      resolve(describeUploadFailure(status, body, { tokenGiven: !!token, retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null }));
    };
    onProgress({ phase: 'sending', sent: 0, total: file.size });
    xhr.send(file);
  });
}
