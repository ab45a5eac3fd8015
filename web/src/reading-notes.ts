/**
 * What a reader must know about how a document's text was read (format, pages, OCR confidence,
 * the ingest's warnings), drawn the same way in the upload list and in the details panel.
 */
import { h } from './dom.js';
import { LOW_OCR_CONFIDENCE, SOURCE_FORMAT_LABEL, percent } from './text.js';
import { warningText } from './warning-text.js';

/** The ingest writes its warnings in English; one about OCR confidence is what a reader must not miss. */
export const isOcrConfidenceWarning = (w: string): boolean => /confidence|tin cậy/i.test(w);

export const formatLabel = (format: string | null | undefined): string | null => (format ? (SOURCE_FORMAT_LABEL[format] ?? format) : null);

export const isLowOcr = (confidence: number | null | undefined): confidence is number => confidence != null && confidence < LOW_OCR_CONFIDENCE;

/** The note shown above everything else when the OCR was unsure of what it read. */
export function lowOcrNote(confidence: number | null | undefined): HTMLElement | null {
  if (!isLowOcr(confidence)) return null;
  return h(
    'p',
    { class: 'note-warn ocr-low', role: 'note' },
    h('strong', null, `Độ tin cậy OCR thấp (${percent(confidence)}). `),
    'Văn bản được nhận dạng từ ảnh quét: số hiệu, ngày tháng, tên cơ quan có thể bị đọc sai. Hãy đối chiếu với bản gốc.',
  );
}

/** Every warning, listed in Vietnamese (the ingest's words on hover); those about OCR confidence highlighted. */
export function warningList(warnings: string[], title = 'Cảnh báo khi đọc văn bản'): HTMLElement | null {
  if (warnings.length === 0) return null;
  return h(
    'div',
    { class: 'reading-warnings' },
    h('strong', { class: 'small' }, `${title} (${warnings.length})`),
    h(
      'ul',
      null,
      warnings.map((w) => h('li', isOcrConfidenceWarning(w) ? { class: 'warning-ocr', title: w } : { title: w }, warningText(w))),
    ),
  );
}
