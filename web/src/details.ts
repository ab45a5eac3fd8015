/**
 * The details panel, shared by every view (`node=` in the URL): a node's properties, its source
 * lines, its relations (each a link to that node's details) and, in the lineage, its edges in the
 * graph on screen. Documents come from /api/documents?id=, items from /api/items?id=, agencies
 * from /api/agencies?id=.
 */
import { getJson } from './api.js';
import { h, replace } from './dom.js';
import { KIND_COLOR } from './graph-style.js';
import { nodeKindOfId } from './lineage-model.js';
import { formatLabel, isLowOcr, lowOcrNote, warningList } from './reading-notes.js';
import { hrefFor, updateParams } from './router.js';
import { lineageHref, nodeLink, similarHref, traceHref } from './node-links.js';
import { taskReviewSection } from './review-task.js';
import { loadInto } from './status.js';
import {
  EDGE_LABEL,
  KIND_LABEL,
  LEVEL_LABEL,
  TYPE_LABEL,
  docName,
  formatDate,
  lines,
  methodLabel,
  num,
  pages,
  percent,
  provinceLabel,
  section,
  truncate,
  type VisualKind,
} from './text.js';
import type { AgencyDetail, DocumentDetail, ItemDetail } from './types.js';

export interface GraphEdgeView {
  type: string;
  outgoing: boolean;
  otherId: string;
  otherLabel: string;
  score: number | null;
  method: string | null;
}
type EdgeSource = ((id: string) => GraphEdgeView[] | null) | null;

let edgeSource: EdgeSource = null;
/** The lineage view tells the panel which edges of a node are on screen. */
export function setGraphEdgeSource(fn: EdgeSource): void {
  edgeSource = fn;
}

let shown: string | null = null;
let cancel: (() => void) | null = null;

function badge(vk: VisualKind): HTMLElement {
  return h('span', { class: 'badge', style: { background: KIND_COLOR[vk].fill, borderColor: KIND_COLOR[vk].border, color: KIND_COLOR[vk].text } }, KIND_LABEL[vk]);
}

const row = (label: string, value: Node | string | null | undefined | false) =>
  value === null || value === undefined || value === '' || value === false ? null : h('div', { class: 'prop' }, h('dt', null, label), h('dd', null, value));

function sourceBlock(linesOf: { n: number; text: string }[], title = 'Dòng nguồn'): HTMLElement {
  return h(
    'section',
    { class: 'panel-section' },
    h('h3', null, title),
    h(
      'div',
      { class: 'source', role: 'region', 'aria-label': title, tabindex: '0' },
      linesOf.map((l) => h('div', { class: 'source-line' }, h('span', { class: 'ln', 'aria-hidden': 'false' }, String(l.n)), h('span', { class: 'lt' }, l.text || ' '))),
    ),
  );
}

/** A slot for the node's edges on screen, refreshed when the lineage graph changes. */
function graphEdges(id: string): HTMLElement {
  return h('div', { class: 'graph-edges-slot', 'data-node-id': id }, graphEdgesSection(id));
}

export function refreshGraphEdges(): void {
  document.querySelectorAll<HTMLElement>('#details .graph-edges-slot').forEach((slot) => replace(slot, graphEdgesSection(slot.dataset.nodeId!)));
}

function graphEdgesSection(id: string): HTMLElement | null {
  const edges = edgeSource?.(id);
  if (!edges || edges.length === 0) return null;
  return h(
    'section',
    { class: 'panel-section' },
    h('h3', null, `Cạnh trong đồ thị (${edges.length})`),
    h(
      'ul',
      { class: 'edge-list' },
      edges.map((e) =>
        h(
          'li',
          null,
          h('span', { class: `edge-type edge-${e.type.toLowerCase()}` }, e.outgoing ? `${EDGE_LABEL[e.type] ?? e.type} →` : `← ${EDGE_LABEL[e.type] ?? e.type}`),
          ' ',
          nodeLink(e.otherId, e.otherLabel),
          e.score != null ? h('span', { class: 'muted small' }, ` (điểm ${num(e.score)}, ${methodLabel(e.method)})`) : null,
        ),
      ),
    ),
  );
}

function header(vk: VisualKind, title: string, subtitle?: string | Node | null): HTMLElement {
  return h(
    'header',
    { class: 'panel-head' },
    h('div', null, badge(vk), subtitle ? h('span', { class: 'muted small' }, ' ', subtitle) : null),
    h('h2', { id: 'details-title' }, title),
  );
}

/** "dòng 12–14 · trang 3": an item's place in its source; the page only for sources with pages (PDF). */
const place = (i: { lineStart: number; lineEnd: number; pageStart: number | null; pageEnd: number | null }) =>
  [lines(i.lineStart, i.lineEnd), pages(i.pageStart, i.pageEnd)].filter(Boolean).join(' · ');

/** How the text was read, before anything read from it: a low OCR confidence and the ingest's warnings. */
function readingNotes(doc: DocumentDetail['document']): HTMLElement | null {
  const note = lowOcrNote(doc.ocrConfidence);
  const list = warningList(doc.warnings);
  return note || list ? h('section', { class: 'reading-notes', 'aria-label': 'Lưu ý về cách đọc văn bản' }, note, list) : null;
}

function renderDocument(body: HTMLElement, d: DocumentDetail): void {
  const doc = d.document;
  const vk: VisualKind = doc.stub ? 'stub' : 'document';
  const tasks = d.items.filter((i) => i.isTask).length;
  const directives = d.items.filter((i) => i.isDirective).length;
  const textBox = h('div');
  const showText = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-small',
      onclick: () => {
        showText.remove();
        loadInto(
          textBox,
          (signal) => getJson<DocumentDetail>('/api/documents', { id: doc.id, includeText: true }, signal),
          (full) => replace(textBox, sourceBlock((full.document.text ?? '').split('\n').map((text, i) => ({ n: i + 1, text })), 'Toàn văn')),
          'Đang tải toàn văn…',
        );
      },
    },
    'Xem toàn văn',
  );
  const cite = (c: DocumentDetail['citationsOut'][number], dir: 'out' | 'in') =>
    h(
      'li',
      null,
      h('span', { class: `edge-type edge-${c.kind.toLowerCase()}` }, dir === 'out' ? `${EDGE_LABEL[c.kind]} →` : `← ${EDGE_LABEL[c.kind]}`),
      ' ',
      nodeLink(c.document.id, `${docName(c.document, 50)} (${provinceLabel(c.document.province)})`),
      c.document.stub ? h('span', { class: 'muted small' }, ' · chưa có toàn văn') : null,
      c.evidence ? h('blockquote', { class: 'evidence' }, truncate(c.evidence, 260), c.lineStart ? h('span', { class: 'muted small' }, ` — ${lines(c.lineStart, c.lineEnd)}`) : null) : null,
    );
  replace(
    body,
    header(vk, docName(doc, 90), `${TYPE_LABEL[doc.typeCode] ?? doc.typeCode} · ${provinceLabel(doc.province)}`),
    doc.title && doc.number ? h('p', { class: 'lead-text' }, doc.title) : null,
    h(
      'div',
      { class: 'panel-actions' },
      h('a', { class: 'btn btn-small', href: lineageHref(doc.id) }, 'Xem phả hệ'),
      h('a', { class: 'btn btn-small btn-ghost', href: traceHref(doc.id), title: 'Mở phả hệ từ văn bản gốc xuống văn bản này' }, 'Truy ngược'),
      directives > 0 ? h('a', { class: 'btn btn-small btn-ghost', href: hrefFor('audit', { doc: doc.id }) }, 'Bản đồ nhiệt') : null,
    ),
    readingNotes(doc),
    h(
      'dl',
      { class: 'props' },
      row('Mã', h('code', null, doc.id)),
      row('Số hiệu', doc.number),
      row('Loại', TYPE_LABEL[doc.typeCode] ?? doc.typeCode),
      row('Cấp', LEVEL_LABEL[doc.level] ?? doc.level),
      row('Tỉnh', provinceLabel(doc.province)),
      row('Ngày', formatDate(doc.date)),
      row('Cơ quan ban hành', d.issuer ? nodeLink(d.issuer.id, d.issuer.name) : doc.issuerName),
      row('Nơi ban hành', doc.place),
      row('Người ký', doc.signer),
      row('Tệp nguồn', doc.sourceFile),
      row('Bản sao khác', doc.otherSources.length ? doc.otherSources.join('; ') : null),
      row('Định dạng', formatLabel(doc.sourceFormat)),
      row('Số trang', doc.pageCount ? String(doc.pageCount) : null),
      row(
        'Độ tin cậy OCR',
        doc.ocrConfidence != null ? h('span', { class: isLowOcr(doc.ocrConfidence) ? 'warn' : null }, percent(doc.ocrConfidence)) : null,
      ),
      row('Số dòng', doc.lineCount ? String(doc.lineCount) : null),
      row('Nội dung', `${tasks} nhiệm vụ · ${directives} mục chỉ đạo`),
      doc.stub ? row('Trạng thái', 'Chỉ biết qua trích dẫn của văn bản khác (chưa có toàn văn)') : null,
    ),
    graphEdges(doc.id),
    d.citationsOut.length ? h('section', { class: 'panel-section' }, h('h3', null, `Văn bản này dẫn tới (${d.citationsOut.length})`), h('ul', { class: 'edge-list' }, d.citationsOut.map((c) => cite(c, 'out')))) : null,
    d.citationsIn.length ? h('section', { class: 'panel-section' }, h('h3', null, `Được dẫn bởi (${d.citationsIn.length})`), h('ul', { class: 'edge-list' }, d.citationsIn.map((c) => cite(c, 'in')))) : null,
    d.items.length
      ? h(
          'section',
          { class: 'panel-section' },
          h('h3', null, `Các mục (${d.items.length})`),
          h(
            'ol',
            { class: 'item-list' },
            d.items.map((i) =>
              h(
                'li',
                null,
                nodeLink(i.id, `${section(i.sectionPath)} ${truncate(i.text, 110)}`),
                h('span', { class: 'muted small' }, ` · ${place(i)}`, i.leads.length ? ` · chủ trì: ${i.leads.map((a) => a.name).join(', ')}` : ''),
              ),
            ),
          ),
        )
      : null,
    doc.stub ? null : h('section', { class: 'panel-section' }, showText, textBox),
  );
}

function renderItem(body: HTMLElement, d: ItemDetail): void {
  const it = d.item;
  const vk: VisualKind = it.isTask ? 'task' : 'directive';
  const agencies = (list: ItemDetail['item']['leads']) =>
    list.length
      ? h(
          'span',
          { class: 'agency-list' },
          list.map((a, i) => [i ? ', ' : '', nodeLink(a.id, a.name), a.collective ? h('span', { class: 'tag tag-collective' }, 'tập thể') : null]),
        )
      : null;
  const link = (l: ItemDetail['implements'][number]) =>
    h(
      'li',
      null,
      nodeLink(l.item.id, `${docName(l.document, 40)} ${section(l.item.sectionPath)}`),
      h('span', { class: 'muted small' }, ` · ${provinceLabel(l.item.province)} · điểm ${num(l.score)} · ${methodLabel(l.method)}`),
      h('div', { class: 'small' }, truncate(l.item.text, 200)),
    );
  replace(
    body,
    header(vk, `${docName(d.document, 40)} ${section(it.sectionPath)}`, provinceLabel(it.province)),
    it.sectionTitles.length ? h('p', { class: 'muted small section-titles' }, it.sectionTitles.join(' › ')) : null,
    h('p', { class: 'item-text' }, it.text),
    h(
      'div',
      { class: 'panel-actions' },
      it.isTask ? h('a', { class: 'btn btn-small', href: similarHref(it.id) }, 'Nhiệm vụ tương tự') : null,
      h('a', { class: 'btn btn-small btn-ghost', href: lineageHref(it.documentId, it.id) }, 'Xem trong phả hệ'),
      h('a', { class: 'btn btn-small btn-ghost', href: traceHref(it.id), title: 'Mở phả hệ từ văn bản gốc xuống mục này' }, 'Truy ngược'),
      it.isDirective && d.document.level === 'central' ? h('a', { class: 'btn btn-small btn-ghost', href: hrefFor('audit', { doc: it.documentId }) }, 'Bản đồ nhiệt') : null,
    ),
    h(
      'dl',
      { class: 'props' },
      row('Mã', h('code', null, it.id)),
      row('Văn bản', nodeLink(d.document.id, `${docName(d.document, 60)} (${provinceLabel(d.document.province)})`)),
      row('Loại', [it.isTask ? 'Nhiệm vụ' : null, it.isDirective ? 'Mục chỉ đạo' : null].filter(Boolean).join(' · ')),
      row('Chủ trì', agencies(it.leads) ?? (it.isTask ? h('span', { class: 'warn' }, 'không có cơ quan chủ trì') : null)),
      row('Ghi trong văn bản', it.leadRaw),
      row('Phối hợp', agencies(it.coordinating)),
      row('Thời hạn', it.timeline?.raw ?? null),
      row('Dòng', place(it)),
    ),
    sourceBlock(d.source.lines),
    graphEdges(it.id),
    // A task's links with their review status and decisions (review-task.ts); the linker's raw proposals otherwise.
    it.isTask
      ? taskReviewSection(it.id)
      : d.implements.length ? h('section', { class: 'panel-section' }, h('h3', null, `Thực hiện mục chỉ đạo (${d.implements.length})`), h('ul', { class: 'link-list' }, d.implements.map(link))) : null,
    d.implementedBy.length ? h('section', { class: 'panel-section' }, h('h3', null, `Được thực hiện bởi (${d.implementedBy.length})`), h('ul', { class: 'link-list' }, d.implementedBy.map(link))) : null,
  );
}

function renderAgency(body: HTMLElement, d: AgencyDetail): void {
  const a = d.agency;
  const task = (t: AgencyDetail['leads'][number]) =>
    h('li', null, nodeLink(t.task.id, `${docName(t.document, 30)} ${section(t.task.sectionPath)}`), h('div', { class: 'small' }, truncate(t.task.text, 160)));
  replace(
    body,
    header(a.collective ? 'collective' : 'agency', a.name, provinceLabel(a.province)),
    a.collective ? h('p', { class: 'note-warn' }, 'Cơ quan tập thể: nhiệm vụ giao cho cả nhóm, không rõ một đầu mối chịu trách nhiệm.') : null,
    h(
      'dl',
      { class: 'props' },
      row('Mã', h('code', null, a.id)),
      row('Cấp', LEVEL_LABEL[a.level] ?? a.level),
      row('Tên khác', a.aliases.filter((x) => x !== a.name).join('; ')),
      row('Chủ trì', `${a.leads} nhiệm vụ`),
      row('Phối hợp', `${a.coordinates} nhiệm vụ`),
    ),
    graphEdges(a.id),
    d.issued.length ? h('section', { class: 'panel-section' }, h('h3', null, `Văn bản ban hành (${d.issued.length})`), h('ul', null, d.issued.map((doc) => h('li', null, nodeLink(doc.id, docName(doc, 70)))))) : null,
    d.leads.length ? h('section', { class: 'panel-section' }, h('h3', null, `Chủ trì (${d.leads.length})`), h('ul', { class: 'link-list' }, d.leads.map(task))) : null,
    d.coordinates.length ? h('section', { class: 'panel-section' }, h('h3', null, `Phối hợp (${d.coordinates.length})`), h('ul', { class: 'link-list' }, d.coordinates.map(task))) : null,
  );
}

/** Open (or close, with null) the panel on a node. */
export function showDetails(id: string | null): void {
  const panel = document.getElementById('details')!;
  document.body.classList.toggle('has-details', !!id);
  if (!id) {
    cancel?.();
    shown = null;
    panel.hidden = true;
    return;
  }
  if (id === shown && !panel.hidden) return;
  shown = id;
  cancel?.();
  panel.hidden = false;
  const body = h('div', { class: 'panel-body' });
  const close = h('button', { type: 'button', class: 'panel-close', 'aria-label': 'Đóng khung chi tiết', title: 'Đóng', onclick: () => updateParams({ node: null }) }, '×');
  replace(panel, close, body);
  panel.setAttribute('aria-labelledby', 'details-title');
  const kind = nodeKindOfId(id);
  if (kind === 'document') {
    cancel = loadInto(body, (signal) => getJson<DocumentDetail>('/api/documents', { id }, signal), (d) => renderDocument(body, d), 'Đang tải văn bản…');
  } else if (kind === 'item') {
    cancel = loadInto(body, (signal) => getJson<ItemDetail>('/api/items', { id }, signal), (d) => renderItem(body, d), 'Đang tải mục…');
  } else {
    cancel = loadInto(body, (signal) => getJson<AgencyDetail>('/api/agencies', { id }, signal), (d) => renderAgency(body, d), 'Đang tải cơ quan…');
  }
  panel.scrollTop = 0;
}
