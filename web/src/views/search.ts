/**
 * Search: words with or without tone marks, filters (province, level, lead agency, kind), hits
 * best match first (or grouped by province then document), each with its highlighted passage,
 * how well it matches in words, section and source lines; "Nhiệm vụ tương tự" beside them, laid
 * out the same way. A query nothing answers well enough gets no hits, and the view says so.
 * URL: `#/search?q=…&province=…&level=…&hasLead=…&kind=…&group=province&similar=<task id>`.
 */
import { getJson } from '../api.js';
import { nodeLink } from '../node-links.js';
import { h, replace } from '../dom.js';
import { SEARCH_MATCH_WORDS, SIMILAR_MATCH_WORDS } from '../match-words.js';
import { hrefFor, navigate, parseHash, updateParams } from '../router.js';
import { emptyBox, loadInto } from '../status.js';
import { docName, plural, provinceLabel, section } from '../text.js';
import type { ItemDetail, Provinces, SearchResult, SimilarResult } from '../types.js';
import { FILTERS, searchControls, searchForm } from './search-form.js';
import { hitList, layoutOf, type Layout } from './search-hits.js';
import type { View } from './view.js';

const EXAMPLES = ['khoi nghiep doi moi sang tao', 'sở hữu trí tuệ', 'chuyển đổi số', 'hợp tác quốc tế', 'tự chủ tổ chức khoa học'];

export function searchView(el: HTMLElement, initial: URLSearchParams): View {
  const controls = searchControls();
  const { input, selects, layout } = controls;
  const results = h('div', { class: 'results', id: 'search-results', 'aria-live': 'polite' });
  const similar = h('aside', { class: 'similar', id: 'similar', 'aria-label': 'Nhiệm vụ tương tự', hidden: true });

  const submit = () => {
    const params: Record<string, string | null> = { q: input.value.trim() || null };
    for (const f of FILTERS) params[f] = selects[f].value || null;
    const cur = parseHash().params;
    params.similar = cur.get('similar');
    params.node = cur.get('node');
    params.group = cur.get('group');
    navigate('search', params);
  };
  const form = searchForm(controls, submit);
  for (const s of Object.values(selects)) s.addEventListener('change', () => input.value.trim() && submit());
  // Only the layout changes: the hits already shown are laid out again, nothing is asked anew.
  layout.addEventListener('change', () => updateParams({ group: layout.value || null }, true));

  replace(
    el,
    h(
      'section',
      { class: 'view view-search', 'aria-labelledby': 'search-title' },
      h('h1', { id: 'search-title', class: 'view-title' }, 'Tìm nhiệm vụ và mục chỉ đạo'),
      form,
      h('div', { class: 'search-body' }, results, similar),
    ),
  );
  loadProvinceOptions(selects.province);

  let shownLayout: Layout = layoutOf(initial);
  const hits = searchPanel(results, () => shownLayout);
  const similarHits = similarPanel(el, similar, () => shownLayout);
  const update = (params: URLSearchParams) => {
    if (document.activeElement !== input) input.value = params.get('q') ?? '';
    for (const f of FILTERS) selects[f].value = params.get(f) ?? '';
    layout.value = params.get('group') ?? '';
    if (layoutOf(params) !== shownLayout) {
      shownLayout = layoutOf(params);
      hits.redraw(shownLayout);
      similarHits.redraw(shownLayout);
    }
    hits.run(params);
    similarHits.run(params);
  };
  update(initial);
  if (!initial.get('q')) input.focus();

  return {
    update,
    unmount: () => {
      hits.cancel();
      similarHits.cancel();
    },
  };
}

/** The provinces with their task counts, as options of the province filter. */
function loadProvinceOptions(province: HTMLSelectElement): void {
  getJson<Provinces>('/api/provinces')
    .then((list) => {
      for (const p of list) province.appendChild(h('option', { value: p.province }, `${p.province} (${p.tasks} nhiệm vụ)`));
      province.value = parseHash().params.get('province') ?? '';
    })
    .catch(() => province.appendChild(h('option', { value: '', disabled: true }, '(không tải được danh sách tỉnh)')));
}

/** A list of hits: asked again only when its parameters change, drawn again in another layout from the last answer. */
interface HitsPanel {
  run(params: URLSearchParams): void;
  redraw(layout: Layout): void;
  cancel(): void;
}

/** The hits of the words and filters in the URL; examples when there are no words. */
function searchPanel(results: HTMLElement, shownLayout: () => Layout): HitsPanel {
  let lastQuery = '';
  let cancel: (() => void) | null = null;
  let redraw: ((l: Layout) => void) | null = null;
  const run = (params: URLSearchParams) => {
    const q = params.get('q')?.trim() ?? '';
    const key = JSON.stringify([q, ...FILTERS.map((f) => params.get(f) ?? '')]);
    if (key === lastQuery) return;
    lastQuery = key;
    cancel?.();
    redraw = null;
    if (!q) {
      replace(
        results,
        emptyBox(
          'Nhập từ khóa để tìm trong mọi kế hoạch và văn bản.',
          h('span', null, 'Ví dụ: ', EXAMPLES.map((ex, i) => [i ? ' · ' : '', h('a', { href: hrefFor('search', { q: ex }), class: 'example' }, ex)])),
        ),
      );
      return;
    }
    const query: Record<string, string> = { q, limit: '40' };
    for (const f of FILTERS) {
      const v = params.get(f);
      if (v) query[f] = v;
    }
    cancel = loadInto(
      results,
      (signal) => getJson<SearchResult>('/api/search', query, signal),
      (res) => {
        if (res.hits.length === 0) {
          replace(
            results,
            emptyBox(
              `Không có kết quả nào đủ liên quan đến “${q}”.`,
              'Không nhiệm vụ hay mục chỉ đạo nào trong các văn bản đủ gần với từ khóa này. Thử từ khác, hoặc bớt bộ lọc.',
            ),
          );
          return;
        }
        const provinces = new Set(res.hits.map((x) => provinceLabel(x.item.province)));
        redraw = (l) =>
          replace(
            results,
            h('p', { class: 'summary', role: 'status' }, `${plural(res.hits.length, 'kết quả')} ở ${plural(provinces.size, 'tỉnh/cấp')} cho “${q}”`),
            hitList(res.hits, l, { words: SEARCH_MATCH_WORDS }),
          );
        redraw(shownLayout());
      },
      'Đang tìm…',
    );
  };
  return { run, redraw: (l) => redraw?.(l), cancel: () => cancel?.() };
}

/** "Nhiệm vụ tương tự" beside the hits: the task of `similar=<id>` and the tasks like it in other provinces. */
function similarPanel(el: HTMLElement, similar: HTMLElement, shownLayout: () => Layout): HitsPanel {
  let lastSimilar = '';
  let cancel: (() => void) | null = null;
  let redraw: ((l: Layout) => void) | null = null;
  const run = (params: URLSearchParams) => {
    const id = params.get('similar') ?? '';
    if (id === lastSimilar) return;
    lastSimilar = id;
    cancel?.();
    redraw = null;
    el.querySelector('.search-body')?.classList.toggle('with-similar', !!id);
    similar.hidden = !id;
    if (!id) return;
    const head = h('div', { class: 'similar-source' });
    const list = h('div', { class: 'similar-list', 'aria-live': 'polite' });
    replace(
      similar,
      h(
        'header',
        { class: 'similar-head' },
        h('h2', null, 'Nhiệm vụ tương tự ở các tỉnh khác'),
        h('button', { type: 'button', class: 'panel-close', 'aria-label': 'Đóng danh sách nhiệm vụ tương tự', onclick: () => updateParams({ similar: null }) }, '×'),
      ),
      head,
      list,
    );
    loadSimilarSource(head, id);
    cancel = loadInto(
      list,
      (signal) => getJson<SimilarResult>('/api/tasks/similar', { id, limit: 12 }, signal),
      (res) => {
        if (res.hits.length === 0) {
          replace(list, emptyBox('Không có nhiệm vụ đủ giống ở tỉnh khác.'));
          return;
        }
        redraw = (l) => replace(list, hitList(res.hits, l, { words: SIMILAR_MATCH_WORDS, compact: true }));
        redraw(shownLayout());
      },
      'Đang tìm nhiệm vụ tương tự…',
    );
    if (window.innerWidth < 1100) similar.scrollIntoView({ block: 'start' });
  };
  return { run, redraw: (l) => redraw?.(l), cancel: () => cancel?.() };
}

/** "Giống với: <document> <section> (<province>)" and the task's text; its id alone if it cannot be read. */
function loadSimilarSource(head: HTMLElement, id: string): void {
  getJson<ItemDetail>('/api/items', { id })
    .then((d) =>
      replace(
        head,
        h('p', { class: 'muted small' }, 'Giống với: ', nodeLink(id, `${docName(d.document, 30)} ${section(d.item.sectionPath)} (${provinceLabel(d.item.province)})`)),
        h('p', { class: 'small clamp' }, d.item.text),
      ),
    )
    .catch(() => replace(head, h('p', { class: 'muted small' }, 'Giống với: ', h('code', null, id))));
}
