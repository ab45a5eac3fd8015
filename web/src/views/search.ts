/**
 * Search: words with or without tone marks, filters (province, level, lead agency, kind), hits
 * best match first (or grouped by province then document), each with its highlighted passage,
 * how well it matches in words, section and source lines; "Nhiệm vụ tương tự" beside them, laid
 * out the same way. A query nothing answers well enough gets no hits, and the view says so.
 * URL: `#/search?q=…&province=…&level=…&hasLead=…&kind=…&group=province&similar=<task id>`.
 */
import { getJson } from '../api.js';
import { nodeLink } from '../details.js';
import { h, replace } from '../dom.js';
import { SEARCH_MATCH_WORDS, SIMILAR_MATCH_WORDS } from '../match-words.js';
import { hrefFor, navigate, parseHash, updateParams } from '../router.js';
import { emptyBox, loadInto } from '../status.js';
import { LEVEL_LABEL, docName, plural, provinceLabel, section } from '../text.js';
import type { ItemDetail, Provinces, SearchResult, SimilarResult } from '../types.js';
import { hitList, layoutOf, type Layout } from './search-hits.js';
import type { View } from './view.js';

const FILTERS = ['province', 'level', 'hasLead', 'kind'] as const;
const EXAMPLES = ['khoi nghiep doi moi sang tao', 'sở hữu trí tuệ', 'chuyển đổi số', 'hợp tác quốc tế', 'tự chủ tổ chức khoa học'];

export function searchView(el: HTMLElement, initial: URLSearchParams): View {
  const input = h('input', {
    type: 'search',
    name: 'q',
    id: 'search-q',
    placeholder: 'vd: khởi nghiệp đổi mới sáng tạo — gõ có dấu hay không dấu đều được',
    'aria-label': 'Từ khóa tìm kiếm',
    autocomplete: 'off',
    maxlength: 500,
  });
  const province = h('select', { name: 'province', 'aria-label': 'Tỉnh' }, h('option', { value: '' }, 'Mọi tỉnh'));
  const level = h(
    'select',
    { name: 'level', 'aria-label': 'Cấp' },
    h('option', { value: '' }, 'Mọi cấp'),
    Object.entries(LEVEL_LABEL).map(([v, l]) => h('option', { value: v }, l)),
  );
  const hasLead = h(
    'select',
    { name: 'hasLead', 'aria-label': 'Cơ quan chủ trì' },
    h('option', { value: '' }, 'Có hoặc không có chủ trì'),
    h('option', { value: 'true' }, 'Có cơ quan chủ trì'),
    h('option', { value: 'false' }, 'Không có cơ quan chủ trì'),
  );
  const kind = h(
    'select',
    { name: 'kind', 'aria-label': 'Loại mục' },
    h('option', { value: '' }, 'Nhiệm vụ và mục chỉ đạo'),
    h('option', { value: 'task' }, 'Chỉ nhiệm vụ'),
    h('option', { value: 'directive' }, 'Chỉ mục chỉ đạo'),
  );
  const layout = h(
    'select',
    { name: 'group', 'aria-label': 'Cách xếp kết quả' },
    h('option', { value: '' }, 'Phù hợp nhất trước'),
    h('option', { value: 'province' }, 'Nhóm theo tỉnh'),
  );
  const selects = { province, level, hasLead, kind };
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
  const form = h(
    'form',
    { class: 'search-form', role: 'search', onsubmit: (e: Event) => (e.preventDefault(), submit()) },
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Tìm')),
    h(
      'div',
      { class: 'filters' },
      h('label', { class: 'field' }, h('span', null, 'Tỉnh'), province),
      h('label', { class: 'field' }, h('span', null, 'Cấp'), level),
      h('label', { class: 'field' }, h('span', null, 'Chủ trì'), hasLead),
      h('label', { class: 'field' }, h('span', null, 'Loại'), kind),
      h('label', { class: 'field' }, h('span', null, 'Xếp'), layout),
    ),
  );
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

  getJson<Provinces>('/api/provinces')
    .then((list) => {
      for (const p of list) province.appendChild(h('option', { value: p.province }, `${p.province} (${p.tasks} nhiệm vụ)`));
      province.value = parseHash().params.get('province') ?? '';
    })
    .catch(() => province.appendChild(h('option', { value: '', disabled: true }, '(không tải được danh sách tỉnh)')));

  let lastQuery = '';
  let lastSimilar = '';
  let cancelSearch: (() => void) | null = null;
  let cancelSimilar: (() => void) | null = null;
  let shownLayout: Layout = layoutOf(initial);
  /** Draw the last answers again in another layout. */
  let redrawResults: ((l: Layout) => void) | null = null;
  let redrawSimilar: ((l: Layout) => void) | null = null;

  const runSearch = (params: URLSearchParams) => {
    const q = params.get('q')?.trim() ?? '';
    const key = JSON.stringify([q, ...FILTERS.map((f) => params.get(f) ?? '')]);
    if (key === lastQuery) return;
    lastQuery = key;
    cancelSearch?.();
    redrawResults = null;
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
    cancelSearch = loadInto(
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
        redrawResults = (l) =>
          replace(
            results,
            h('p', { class: 'summary', role: 'status' }, `${plural(res.hits.length, 'kết quả')} ở ${plural(provinces.size, 'tỉnh/cấp')} cho “${q}”`),
            hitList(res.hits, l, { words: SEARCH_MATCH_WORDS }),
          );
        redrawResults(shownLayout);
      },
      'Đang tìm…',
    );
  };

  const runSimilar = (params: URLSearchParams) => {
    const id = params.get('similar') ?? '';
    if (id === lastSimilar) return;
    lastSimilar = id;
    cancelSimilar?.();
    redrawSimilar = null;
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
    getJson<ItemDetail>('/api/items', { id })
      .then((d) =>
        replace(
          head,
          h('p', { class: 'muted small' }, 'Giống với: ', nodeLink(id, `${docName(d.document, 30)} ${section(d.item.sectionPath)} (${provinceLabel(d.item.province)})`)),
          h('p', { class: 'small clamp' }, d.item.text),
        ),
      )
      .catch(() => replace(head, h('p', { class: 'muted small' }, 'Giống với: ', h('code', null, id))));
    cancelSimilar = loadInto(
      list,
      (signal) => getJson<SimilarResult>('/api/tasks/similar', { id, limit: 12 }, signal),
      (res) => {
        if (res.hits.length === 0) {
          replace(list, emptyBox('Không có nhiệm vụ đủ giống ở tỉnh khác.'));
          return;
        }
        redrawSimilar = (l) => replace(list, hitList(res.hits, l, { words: SIMILAR_MATCH_WORDS, compact: true }));
        redrawSimilar(shownLayout);
      },
      'Đang tìm nhiệm vụ tương tự…',
    );
    if (window.innerWidth < 1100) similar.scrollIntoView({ block: 'start' });
  };

  const update = (params: URLSearchParams) => {
    if (document.activeElement !== input) input.value = params.get('q') ?? '';
    for (const f of FILTERS) selects[f].value = params.get(f) ?? '';
    layout.value = params.get('group') ?? '';
    if (layoutOf(params) !== shownLayout) {
      shownLayout = layoutOf(params);
      redrawResults?.(shownLayout);
      redrawSimilar?.(shownLayout);
    }
    runSearch(params);
    runSimilar(params);
  };
  update(initial);
  if (!initial.get('q')) input.focus();

  return {
    update,
    unmount: () => {
      cancelSearch?.();
      cancelSimilar?.();
    },
  };
}
