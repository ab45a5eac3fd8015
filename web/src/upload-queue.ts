/**
 * The files the user asked to upload, one row each, sent in the order they were given and at most
 * PARALLEL at a time. It lives at module level, not in the view: uploads go on while the user
 * looks at a document in another view, and the list is still there when they come back.
 * A row that fails never stops the others; a 503 (database down) is retried by itself after
 * Retry-After, a few times; any other failure waits for the user's "Thử lại".
 */
import { getJson } from './api.js';
import { readApiToken } from './api-token.js';
import type { DocumentDetail } from './types.js';
import { sendDocument, type UploadOutcome } from './upload-client.js';

export type RowState = 'waiting' | 'uploading' | 'processing' | 'done' | 'refused' | 'error';

export interface UploadRow {
  readonly id: number;
  readonly file: File;
  state: RowState;
  /** Bytes sent so far, of `total` (while uploading). */
  sent: number;
  total: number;
  outcome: UploadOutcome | null;
  /** The document as the graph now holds it (read back after success), to name it and say how it was read. */
  document: DocumentDetail['document'] | null;
  /** When an automatic retry (after a 503) is due, ms since the epoch. */
  retryAt: number | null;
  autoRetries: number;
}

/**
 * Two at a time: a scanned PDF spends most of its minute in OCR on the server, and a second file
 * can travel meanwhile; more would only compete for the same CPU and database.
 */
const PARALLEL = 2;
const MAX_AUTO_RETRIES = 3;

type Listener = (row: UploadRow | null) => void;

export class UploadQueue {
  readonly rows: UploadRow[] = [];
  private readonly listeners = new Set<Listener>();
  private active = 0;
  private nextId = 1;

  constructor(private readonly token: () => string) {}

  /** Called with the row that changed, or null when rows were added or removed. */
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  add(files: Iterable<File>): void {
    for (const file of files) {
      this.rows.push({ id: this.nextId++, file, state: 'waiting', sent: 0, total: file.size, outcome: null, document: null, retryAt: null, autoRetries: 0 });
    }
    this.notify(null);
    this.pump();
  }

  /** Send a failed row again (after the token was corrected, the server restarted, …). */
  retry(id: number): void {
    const row = this.rows.find((r) => r.id === id);
    if (!row || (row.state !== 'error' && row.state !== 'refused')) return;
    Object.assign(row, { state: 'waiting', sent: 0, outcome: null, retryAt: null } satisfies Partial<UploadRow>);
    this.notify(row);
    this.pump();
  }

  /** Forget the rows that are finished (done or refused); those still under way stay. */
  clearFinished(): void {
    const keep = this.rows.filter((r) => r.state !== 'done' && r.state !== 'refused');
    this.rows.splice(0, this.rows.length, ...keep);
    this.notify(null);
  }

  /** Whether a row is waiting or under way (leaving the page would lose its result). */
  busy(): boolean {
    return this.rows.some((r) => r.state === 'waiting' || r.state === 'uploading' || r.state === 'processing');
  }

  private notify(row: UploadRow | null): void {
    for (const fn of this.listeners) fn(row);
  }

  /** Start the first waiting rows, in order, while fewer than PARALLEL are under way. */
  private pump(): void {
    while (this.active < PARALLEL) {
      const row = this.rows.find((r) => r.state === 'waiting');
      if (!row) return;
      this.active++;
      void this.run(row).finally(() => {
        this.active--;
        this.pump();
      });
    }
  }

  private async run(row: UploadRow): Promise<void> {
    row.state = 'uploading';
    this.notify(row);
    const outcome = await sendDocument(row.file, this.token(), (p) => {
      if (p.phase === 'sending') Object.assign(row, { state: 'uploading', sent: p.sent, total: p.total } satisfies Partial<UploadRow>);
      else row.state = 'processing';
      this.notify(row);
    });
    row.outcome = outcome;
    if (outcome.kind !== 'done') {
      row.state = outcome.kind;
      if (outcome.status === 503 && row.autoRetries < MAX_AUTO_RETRIES) this.scheduleRetry(row, outcome.retryAfter ?? 5);
      this.notify(row);
      return;
    }
    row.state = 'done';
    this.notify(row);
    // Read back what was stored, to show the document's name and how its text was read.
    // Best effort: without it the row still shows the id, counts and warnings of the upload.
    try {
      const detail = await getJson<DocumentDetail>('/api/documents', { id: outcome.result.documentId });
      row.document = detail.document;
      this.notify(row);
    } catch {
      /* the row keeps the upload's own result */
    }
  }

  private scheduleRetry(row: UploadRow, seconds: number): void {
    row.autoRetries++;
    row.retryAt = Date.now() + seconds * 1000;
    const due = row.retryAt;
    setTimeout(() => {
      // Skipped when the user retried or cleared the row meanwhile.
      if (row.retryAt === due && this.rows.includes(row)) this.retry(row.id);
    }, seconds * 1000);
  }
}

export const uploads = new UploadQueue(readApiToken);

// Leaving the page would drop the answers still awaited (the server finishes the ingest anyway).
window.addEventListener('beforeunload', (e) => {
  if (uploads.busy()) e.preventDefault();
});
