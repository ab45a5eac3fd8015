/**
 * One row of the upload list: the file (name, size), where it is (waiting, uploading with a
 * progress bar, being processed, done, refused, failed), then what came of it: the document with a
 * link to its lineage, counts, warnings; or why it was refused, with the server's own words.
 */
import { lineageHref } from './node-links.js';
import { h } from './dom.js';
import { formatLabel, lowOcrNote, warningList } from './reading-notes.js';
import { docName, fileSize, percent, plural } from './text.js';
import type { UploadResult } from './types.js';
import type { UploadFailure } from './upload-messages.js';
import type { RowState, UploadRow } from './upload-queue.js';

export const STATE_LABEL: Record<RowState, string> = {
  waiting: 'đang chờ',
  uploading: 'đang tải lên',
  processing: 'đang xử lý (OCR có thể mất một phút)',
  done: 'xong',
  refused: 'bị từ chối',
  error: 'lỗi',
};

function progress(row: UploadRow): HTMLElement | null {
  if (row.state === 'uploading') {
    const pct = row.total > 0 ? Math.min(100, Math.round((row.sent / row.total) * 100)) : 0;
    return h(
      'div',
      { class: 'upload-progress' },
      h('progress', { max: 100, value: pct, 'aria-label': `Đã gửi ${pct} %` }),
      h('span', { class: 'muted small' }, `${pct} %`),
    );
  }
  // No value: the browser draws an indeterminate bar; the server does not say how far it is.
  if (row.state === 'processing') return h('div', { class: 'upload-progress' }, h('progress', { 'aria-label': 'Máy chủ đang xử lý tệp' }));
  return null;
}

function counts(c: UploadResult['counts']): string {
  return [
    plural(c.tasks, 'nhiệm vụ'),
    plural(c.items, 'mục'),
    c.directives ? plural(c.directives, 'mục chỉ đạo') : null,
    plural(c.agencies, 'cơ quan'),
    plural(c.citations, 'trích dẫn'),
    c.links ? plural(c.links, 'liên kết tới mục chỉ đạo') : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** What was done when the graph already held another text of the document (ingest/which-text.ts). */
const DECISION_TEXT: Record<NonNullable<UploadResult['decision']>['rule'], string> = {
  report:
    'Không thay văn bản: đồ thị đã có toàn văn, tệp này là bài viết về văn bản. Toàn văn được giữ nguyên; tệp được ghi nhận là một nguồn khác.',
  'shorter-copy':
    'Không thay văn bản: tệp này không đầy đủ hơn bản đồ thị đã có (một bản rút gọn, trích đoạn, hoặc cùng văn bản ở định dạng khác). Bản đã có được giữ nguyên; tệp được ghi nhận là một nguồn khác.',
  'same-file': 'Đã thay văn bản: cùng tệp được tải lên lại, coi là phiên bản mới.',
  'document-over-report': 'Đã thay văn bản: đồ thị trước đó chỉ có bài viết về văn bản, nay có toàn văn. Bài viết được ghi nhận là một nguồn khác.',
  fuller: 'Đã thay văn bản bằng bản đầy đủ hơn; bản trước được ghi nhận là một nguồn khác.',
};

function result(row: UploadRow, r: UploadResult): HTMLElement {
  const doc = row.document;
  const reading = doc
    ? [
        formatLabel(doc.sourceFormat) ? `Định dạng: ${formatLabel(doc.sourceFormat)}` : null,
        doc.pageCount ? plural(doc.pageCount, 'trang') : null,
        doc.ocrConfidence != null ? `Độ tin cậy OCR: ${percent(doc.ocrConfidence)}` : null,
      ].filter(Boolean)
    : [];
  return h(
    'div',
    { class: 'upload-result' },
    h(
      'p',
      { class: 'upload-doc' },
      h('a', { class: 'upload-doc-link', href: lineageHref(r.documentId), title: 'Mở văn bản trong phả hệ' }, doc ? docName(doc, 80) : r.documentId),
      doc?.title && doc.number ? h('span', { class: 'muted small' }, ` — ${doc.title}`) : null,
    ),
    h('p', { class: 'small muted' }, h('code', null, r.documentId), reading.length ? ` · ${reading.join(' · ')}` : ''),
    h('p', { class: 'upload-counts' }, counts(r.counts)),
    r.status === 'unchanged' ? h('p', { class: 'small muted upload-unchanged' }, 'Văn bản này đã có trong đồ thị với đúng nội dung này: không có gì thay đổi.') : null,
    r.decision ? h('p', { class: r.decision.replace ? 'small upload-replaced' : 'note-warn upload-kept', title: r.decision.reason }, DECISION_TEXT[r.decision.rule]) : null,
    lowOcrNote(doc?.ocrConfidence),
    warningList(r.warnings),
  );
}

function problem(f: UploadFailure, onRetry: () => void, retryAt: number | null): HTMLElement {
  return h(
    'div',
    { class: `upload-problem upload-${f.kind}` },
    h('strong', null, f.title),
    h('p', null, f.detail),
    f.reason ? h('p', { class: 'small muted upload-reason' }, 'Máy chủ trả lời: ', h('q', null, f.reason)) : null,
    retryAt ? h('p', { class: 'small muted countdown', 'data-retry-at': retryAt }) : null,
    f.kind === 'error' ? h('button', { type: 'button', class: 'btn btn-small upload-retry', onclick: onRetry }, 'Thử lại') : null,
  );
}

/** Seconds left before an automatic retry, written into the rows that wait for one. */
export function refreshCountdowns(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-retry-at]').forEach((el) => {
    const left = Math.max(0, Math.ceil((Number(el.dataset.retryAt) - Date.now()) / 1000));
    el.textContent = `Tự động thử lại sau ${left} giây…`;
  });
}

export function uploadRow(row: UploadRow, onRetry: (id: number) => void): HTMLElement {
  const o = row.outcome;
  const done = row.state === 'done' && o?.kind === 'done' ? o.result.status : null;
  const label = done === 'unchanged' ? 'xong (không thay đổi)' : done === 'kept' ? 'xong (giữ bản đã có)' : STATE_LABEL[row.state];
  const li = h(
    'li',
    {
      class: `upload-row state-${row.state}`,
      'data-row-id': row.id,
      'data-state': row.state,
      'data-file': row.file.name,
      'data-status': o && o.kind !== 'done' ? o.status : null,
      'data-document-id': o?.kind === 'done' ? o.result.documentId : null,
    },
    h(
      'div',
      { class: 'upload-head' },
      h('span', { class: 'upload-name' }, row.file.name),
      h('span', { class: 'muted small upload-size' }, fileSize(row.file.size)),
      h('span', { class: `upload-state upload-state-${row.state}` }, label),
    ),
    progress(row),
    o?.kind === 'done' ? result(row, o.result) : null,
    o && o.kind !== 'done' ? problem(o, () => onRetry(row.id), row.state === 'error' ? row.retryAt : null) : null,
  );
  refreshCountdowns(li);
  return li;
}
