/** How the lineage view names its nodes, and its legend. */
import { h } from './dom.js';
import { EDGE_COLOR, KIND_COLOR } from './graph-style.js';
import { itemCountText } from './lineage-bounds.js';
import { KIND_LABEL, docName, provinceLabel, section, truncate, type VisualKind } from './text.js';
import type { GraphNode } from './types.js';

/** A node's label; a document says how many items it has when an answer counted them. */
export function display(n: GraphNode, items?: number): string {
  switch (n.kind) {
    case 'document': {
      const year = n.date ? ` · ${n.date.slice(0, 4)}` : '';
      const count = items === undefined ? '' : `\n${itemCountText(items)}`;
      return `${docName(n, 44)}\n${provinceLabel(n.province)}${year}${count}`;
    }
    case 'task':
    case 'directive':
      return `${section(n.sectionPath)}  ${truncate(n.text ?? n.label, 74)}`;
    case 'agency':
      return truncate(n.label, 48);
  }
}

export function legend(): HTMLElement {
  const kinds: VisualKind[] = ['document', 'stub', 'directive', 'task', 'agency', 'collective'];
  const swatch = (k: VisualKind) =>
    h('span', {
      class: `swatch swatch-${k}`,
      style: { background: KIND_COLOR[k].fill, borderColor: KIND_COLOR[k].border },
      'aria-hidden': 'true',
    });
  const line = (color: string, style: string, label: string) =>
    h('li', null, h('span', { class: 'line', style: { borderTopColor: color, borderTopStyle: style }, 'aria-hidden': 'true' }), label);
  return h(
    'details',
    { class: 'legend', open: window.innerWidth > 640 },
    h('summary', null, 'Chú giải'),
    h('ul', null, kinds.map((k) => h('li', null, swatch(k), KIND_LABEL[k]))),
    h(
      'ul',
      null,
      line(EDGE_COLOR.IMPLEMENTS, 'solid', 'thực hiện (văn bản)'),
      line(EDGE_COLOR.ITEM_IMPLEMENTS, 'dashed', 'thực hiện (mục)'),
      line(EDGE_COLOR.CONTAINS, 'solid', 'gồm'),
      line(EDGE_COLOR.LEADS, 'solid', 'chủ trì'),
      line(EDGE_COLOR.COORDINATES, 'dashed', 'phối hợp'),
    ),
    h('span', { class: 'muted' }, 'Khung: một tỉnh (đơn vị từ 1/7/2025), nhấn tiêu đề để thu gọn · Viền đậm: đã mở rộng · dưới số hiệu: tỉnh'),
  );
}
