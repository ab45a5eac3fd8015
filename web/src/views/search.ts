/**
 * Search: words with or without tone marks, filters (province, level, lead agency, kind), hits
 * grouped by province then document, each with its highlighted passage and what explains it
 * (fused, vector and lexical scores, section path, source lines); "Nhiệm vụ tương tự" beside them.
 * URL: `#/search?q=…&province=…&level=…&hasLead=…&kind=…&similar=<task id>`.
 */
import { getJson } from '../api.js';
import { nodeLink, traceHref } from '../details.js';
import { h, highlighted, replace } from '../dom.js';
import { KIND_COLOR } from '../graph-style.js';
import { hrefFor, navigate, parseHash, updateParams } from '../router.js';
import { emptyBox, loadInto } from '../status.js';
import { LEVEL_LABEL, docName, lines, num, plural, provinceLabel, section, truncate } from '../text.js';
import type { ItemDetail, Provinces, SearchHit, SearchResult, SimilarResult } from '../types.js';
import type { View } from './view.js';

const FILTERS = ['province', 'level', 'hasLead', 'kind'] as const;
const EXAMPLES = ['khoi nghiep doi moi sang tao', 'sở hữu trí tuệ', 'chuyển đổi số', 'hợp tác quốc tế', 'tự chủ tổ chức khoa học'];

function kindBadge(hit: SearchHit): HTMLElement {
  const k = hit.item.isTask ? 'task' : 'directive';
  return h(
    'span',
    { class: 'badge', style: { background: KIND_COLOR[k].fill, borderColor: KIND_COLOR[k].border, color: KIND_COLOR[k].text } },
    hit.item.isTask ? 'Nhiệm vụ' : 'Mục chỉ đạo',
  );
}

/** One hit: passage with highlights, matched terms, and why it ranks where it does. */
export function hitCard(hit: SearchHit, opts: { compact?: boolean } = {}): HTMLElement {
  const it = hit.item;
  const text = h('p', { class: `hit-text${opts.compact ? ' clamp' : ''}` }, highlighted(it.text, hit.highlights));
  const sectionLabel = [section(it.sectionPath), it.sectionTitles.length ? it.sectionTitles[it.sectionTitles.length - 1] : null].filter(Boolean).join(' — ');
  return h(
    'article',
    { class: 'hit', 'data-item-id': it.id, 'data-province': it.province ?? '', 'data-kind': it.isTask ? 'task' : 'directive' },
    h(
      'div',
      { class: 'hit-head' },
      kindBadge(hit),
      ' ',
      nodeLink(it.id, `${it.documentNumber ?? truncate(it.documentTitle, 40) ?? it.documentId} ${section(it.sectionPath)}`, 'node-link hit-title'),
      opts.compact ? h('span', { class: 'muted small' }, ` · ${provinceLabel(it.province)}`) : null,
    ),
    text,
    hit.matchedTerms.length ? h('div', { class: 'terms' }, h('span', { class: 'muted small' }, 'Từ khớp: '), hit.matchedTerms.map((t) => h('span', { class: 'chip' }, t))) : null,
    h(
      'dl',
      { class: 'explain' },
      h('div', null, h('dt', null, 'Điểm tổng hợp'), h('dd', null, num(hit.score, 4))),
      h('div', null, h('dt', null, 'Ngữ nghĩa (vector)'), h('dd', null, num(hit.vectorScore, 3))),
      h('div', null, h('dt', null, 'Từ khóa'), h('dd', null, num(hit.lexicalScore, 3))),
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
      it.isTask
        ? h('a', { class: 'btn btn-small similar-link', href: hrefFor('search', { ...currentParams(), similar: it.id, node: null }) }, 'Nhiệm vụ tương tự')
        : null,
      nodeLink(it.id, 'Chi tiết', 'btn btn-small btn-ghost'),
      h('a', { class: 'btn btn-small btn-ghost trace-link', href: traceHref(it.id), title: 'Phả hệ từ văn bản gốc xuống nhiệm vụ này' }, 'Xem trong phả hệ'),
    ),
  );
}

function currentParams(): Record<string, string> {
  return Object.fromEntries(parseHash().params);
}

/** Province → document → hits; groups ordered by their best hit. */
function grouped(hits: SearchHit[]): HTMLElement {
  const byProvince = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    const key = provinceLabel(hit.item.province);
    byProvince.set(key, [...(byProvince.get(key) ?? []), hit]);
  }
  return h(
    'div',
    { class: 'groups' },
    [...byProvince].map(([province, list]) => {
      const byDoc = new Map<string, SearchHit[]>();
      for (const hit of list) byDoc.set(hit.item.documentId, [...(byDoc.get(hit.item.documentId) ?? []), hit]);
      return h(
        'section',
        { class: 'group', 'data-province': province },
        h('h2', { class: 'group-title' }, province, h('span', { class: 'count' }, plural(list.length, 'kết quả'))),
        [...byDoc].map(([docId, docHits]) => {
          const first = docHits[0]!.item;
          return h(
            'div',
            { class: 'doc-group' },
            h(
              'h3',
              { class: 'doc-title' },
              nodeLink(docId, first.documentNumber ?? truncate(first.documentTitle, 80) ?? docId),
              first.documentNumber && first.documentTitle ? h('span', { class: 'muted small' }, ` — ${truncate(first.documentTitle, 110)}`) : null,
            ),
            docHits.map((hit) => hitCard(hit)),
          );
        }),
      );
    }),
  );
}

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
  const selects = { province, level, hasLead, kind };
  const results = h('div', { class: 'results', id: 'search-results', 'aria-live': 'polite' });
  const similar = h('aside', { class: 'similar', id: 'similar', 'aria-label': 'Nhiệm vụ tương tự', hidden: true });

  const submit = () => {
    const params: Record<string, string | null> = { q: input.value.trim() || null };
    for (const f of FILTERS) params[f] = selects[f].value || null;
    const cur = parseHash().params;
    params.similar = cur.get('similar');
    params.node = cur.get('node');
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
    ),
  );
  for (const s of Object.values(selects)) s.addEventListener('change', () => input.value.trim() && submit());

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

  const runSearch = (params: URLSearchParams) => {
    const q = params.get('q')?.trim() ?? '';
    const key = JSON.stringify([q, ...FILTERS.map((f) => params.get(f) ?? '')]);
    if (key === lastQuery) return;
    lastQuery = key;
    cancelSearch?.();
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
          replace(results, emptyBox(`Không tìm thấy kết quả cho “${q}”.`, 'Thử bớt bộ lọc hoặc dùng từ khác.'));
          return;
        }
        const provinces = new Set(res.hits.map((x) => provinceLabel(x.item.province)));
        replace(
          results,
          h('p', { class: 'summary', role: 'status' }, `${plural(res.hits.length, 'kết quả')} ở ${plural(provinces.size, 'tỉnh/cấp')} cho “${q}”`),
          grouped(res.hits),
        );
      },
      'Đang tìm…',
    );
  };

  const runSimilar = (params: URLSearchParams) => {
    const id = params.get('similar') ?? '';
    if (id === lastSimilar) return;
    lastSimilar = id;
    cancelSimilar?.();
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
        const groups = res.groups.filter((g) => g.hits.length > 0);
        if (groups.length === 0) {
          replace(list, emptyBox('Không có nhiệm vụ tương tự ở tỉnh khác.'));
          return;
        }
        replace(
          list,
          groups.map((g) =>
            h(
              'section',
              { class: 'group', 'data-province': provinceLabel(g.province) },
              h('h3', { class: 'group-title' }, provinceLabel(g.province), h('span', { class: 'count' }, plural(g.hits.length, 'nhiệm vụ'))),
              g.hits.map((hit) => hitCard(hit, { compact: true })),
            ),
          ),
        );
      },
      'Đang tìm nhiệm vụ tương tự…',
    );
    if (window.innerWidth < 1100) similar.scrollIntoView({ block: 'start' });
  };

  const update = (params: URLSearchParams) => {
    if (document.activeElement !== input) input.value = params.get('q') ?? '';
    for (const f of FILTERS) selects[f].value = params.get(f) ?? '';
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
