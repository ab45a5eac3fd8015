/**
 * Search hits as the search view shows them: each with its highlighted passage, how well it
 * matches (in words), where it comes from and its actions; the list best match first, or grouped
 * by province then document when the reader asks for it (`group=province` in the URL).
 */
import { nodeLink, traceHref } from '../node-links.js';
import { h, highlighted } from '../dom.js';
import { KIND_COLOR } from '../graph-style.js';
import { MATCH_HINT } from '../match-words.js';
import { hrefFor, parseHash } from '../router.js';
import { documentLabel, lines, plural, provinceLabel, section, truncate } from '../text.js';
import type { SearchHit } from '../types.js';

/** How hits are laid out: best first, or grouped by province. */
export type Layout = 'score' | 'province';

export const layoutOf = (params: URLSearchParams): Layout => (params.get('group') === 'province' ? 'province' : 'score');

/** A hit's kind: a task, a directive item, or another paragraph (an objective, a procedure's field; kind=all). */
const kindOf = (it: SearchHit['item']) => (it.isTask ? 'task' : it.isDirective ? 'directive' : 'paragraph');
const KIND_LABEL = { task: 'Nhiệm vụ', directive: 'Mục chỉ đạo', paragraph: 'Đoạn văn' } as const;

function kindBadge(hit: SearchHit): HTMLElement {
  const k = kindOf(hit.item);
  const colour = KIND_COLOR[k === 'paragraph' ? 'stub' : k];
  return h('span', { class: 'badge', style: { background: colour.fill, borderColor: colour.border, color: colour.text } }, KIND_LABEL[k]);
}

function matchBadge(hit: SearchHit, words: Record<SearchHit['match']['level'], string>): HTMLElement {
  return h('span', { class: `match match-${hit.match.level}`, title: MATCH_HINT[hit.match.level] }, words[hit.match.level]);
}

export interface CardOptions {
  /** Words for the match levels (SEARCH_MATCH_WORDS or SIMILAR_MATCH_WORDS). */
  words: Record<SearchHit['match']['level'], string>;
  /** The passage clamped to a few lines (the similar-tasks panel). */
  compact?: boolean;
  /** Name the province in the head (when the list is not grouped by it). */
  showProvince?: boolean;
}

/** One hit: passage with highlights, matched terms, how well it matches and where it is. */
export function hitCard(hit: SearchHit, opts: CardOptions): HTMLElement {
  const it = hit.item;
  const text = h('p', { class: `hit-text${opts.compact ? ' clamp' : ''}` }, highlighted(it.text, hit.highlights));
  const sectionLabel = [section(it.sectionPath), it.sectionTitles.length ? it.sectionTitles[it.sectionTitles.length - 1] : null].filter(Boolean).join(' — ');
  const current = Object.fromEntries(parseHash().params);
  return h(
    'article',
    { class: 'hit', 'data-item-id': it.id, 'data-province': it.province ?? '', 'data-kind': kindOf(it), 'data-match': hit.match.level },
    h(
      'div',
      { class: 'hit-head' },
      kindBadge(hit),
      ' ',
      nodeLink(it.id, `${documentLabel(it.documentNumber, it.documentTitle)} ${section(it.sectionPath)}`, 'node-link hit-title'),
      opts.showProvince ? h('span', { class: 'muted small hit-province' }, ` · ${provinceLabel(it.province)}`) : null,
      matchBadge(hit, opts.words),
    ),
    text,
    hit.matchedTerms.length ? h('div', { class: 'terms' }, h('span', { class: 'muted small' }, 'Từ khớp: '), hit.matchedTerms.map((t) => h('span', { class: 'chip' }, t))) : null,
    alsoIn(hit),
    h(
      'dl',
      { class: 'explain' },
      h('div', { class: 'wide' }, h('dt', null, 'Mục'), h('dd', null, sectionLabel || '—')),
      h('div', null, h('dt', null, 'Nguồn'), h('dd', null, lines(it.lineStart, it.lineEnd))),
      it.isTask
        ? h(
            'div',
            { class: 'wide' },
            h('dt', null, 'Chủ trì'),
            h('dd', null, it.leads.length ? it.leads.map((a, i) => [i ? ', ' : '', a.name, a.collective ? h('span', { class: 'tag tag-collective' }, 'tập thể') : null]) : h('span', { class: 'warn' }, 'không có')),
          )
        : null,
    ),
    h(
      'div',
      { class: 'hit-actions' },
      it.isTask ? h('a', { class: 'btn btn-small similar-link', href: hrefFor('search', { ...current, similar: it.id, node: null }) }, 'Nhiệm vụ tương tự') : null,
      nodeLink(it.id, 'Chi tiết', 'btn btn-small btn-ghost'),
      h('a', { class: 'btn btn-small btn-ghost trace-link', href: traceHref(it.id), title: 'Phả hệ từ văn bản gốc xuống nhiệm vụ này' }, 'Xem trong phả hệ'),
    ),
  );
}

/** Where else the same text is written (folded into this hit by the search): each a link to it. */
function alsoIn(hit: SearchHit): HTMLElement | null {
  if (hit.alsoIn.length === 0) return null;
  const where = (t: SearchHit['alsoIn'][number]) =>
    t.documentId === hit.item.documentId
      ? `${section(t.sectionPath) || 'đoạn khác'} cùng văn bản`
      : `${documentLabel(t.documentNumber, t.documentTitle)} ${section(t.sectionPath)}`.trim();
  return h(
    'div',
    { class: 'also-in small' },
    h('span', { class: 'muted' }, 'Cùng nội dung ở: '),
    hit.alsoIn.map((t, i) => [i ? '; ' : '', nodeLink(t.id, where(t), 'node-link twin-link')]),
  );
}

function byProvince(hits: SearchHit[]): Map<string, SearchHit[]> {
  const out = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    const key = provinceLabel(hit.item.province);
    out.set(key, [...(out.get(key) ?? []), hit]);
  }
  return out;
}

/** The search's hits: best first, or province → document → hits (groups in the order of their best hit). */
export function hitList(hits: SearchHit[], layout: Layout, opts: CardOptions): HTMLElement {
  if (layout === 'score') return h('div', { class: 'hit-list' }, hits.map((hit) => hitCard(hit, { ...opts, showProvince: true })));
  return h(
    'div',
    { class: 'groups' },
    [...byProvince(hits)].map(([province, list]) => {
      const byDoc = new Map<string, SearchHit[]>();
      for (const hit of list) byDoc.set(hit.item.documentId, [...(byDoc.get(hit.item.documentId) ?? []), hit]);
      return h(
        'section',
        { class: 'group', 'data-province': province },
        h(opts.compact ? 'h3' : 'h2', { class: 'group-title' }, province, h('span', { class: 'count' }, plural(list.length, opts.compact ? 'nhiệm vụ' : 'kết quả'))),
        [...byDoc].map(([docId, docHits]) => {
          const first = docHits[0]!.item;
          return h(
            'div',
            { class: 'doc-group' },
            opts.compact
              ? null
              : h(
                  'h3',
                  { class: 'doc-title' },
                  nodeLink(docId, documentLabel(first.documentNumber, first.documentTitle, 80)),
                  first.documentNumber && first.documentTitle ? h('span', { class: 'muted small' }, ` — ${truncate(first.documentTitle, 110)}`) : null,
                ),
            docHits.map((hit) => hitCard(hit, opts)),
          );
        }),
      );
    }),
  );
}
