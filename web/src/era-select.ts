/**
 * How a view names provinces: as documents write them (63, before the 2025 merger) or as the 34
 * units of 2025. Its value is '' or 'current', as the views keep it in the URL (`era=current`).
 */
import { h } from './dom.js';

export function eraPicker(id: string): HTMLSelectElement {
  return h(
    'select',
    { id, 'aria-label': 'Tỉnh theo' },
    h('option', { value: '' }, 'Như trong văn bản (trước 1/7/2025)'),
    h('option', { value: 'current' }, 'Đơn vị hành chính từ 1/7/2025'),
  );
}
