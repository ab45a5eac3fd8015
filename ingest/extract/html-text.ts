import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/**
 * Content containers of the portals Vietnamese legal texts are saved from: thuvienphapluat.vn
 * (`.content1`, `#divContentDoc`), vbpl.vn (`.fulltext`, `.toanvancontent`), the Government's
 * portals (`.detail-content`, `.vanban-content`), and the usual article markers.
 */
const CONTENT_SELECTORS = [
  '#divContentDoc',
  '.content1',
  '#toanvancontent',
  '.toanvancontent',
  '.fulltext',
  '.vanban-content',
  '.detail-content',
  '[itemprop="articleBody"]',
];

/** Elements that are never the document: code, styling, navigation, forms, media. */
const NEVER_CONTENT =
  'script, style, noscript, template, iframe, object, embed, svg, canvas, img, video, audio, map, form, input, button, select, textarea, nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"], [role="search"], [hidden], [aria-hidden="true"]';

/** Class or id words of portal chrome: menus, banners, login boxes, share bars, adverts, copyright. */
const CHROME = /(^|[\s_-])(menu|menus|nav|navbar|breadcrumbs?|banner|header|footer|sidebar|login|dang-?nhap|social|share|sharing|advert|ads|quangcao|copyright|cookies?|popup|modal|toolbar|search|tim-?kiem|related|lien-?quan|comments?|rating|hotline|tabs?)([\s_-]|$)/i;

/** Lines a portal prints around the document, whatever its markup. */
const CHROME_LINES = /^(Đang tải văn bản|Đang xử lý|Bản quyền|Copyright|©|Đăng nhập|Đăng ký|Quên mật khẩu|Tải về|In văn bản|Chia sẻ|Lưu trữ|Facebook|Twitter|Zalo)\b/i;

const BLOCK = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'html', 'legend', 'li', 'main', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);

export interface HtmlTextOptions {
  /** Read the whole body (a DOCX converted to HTML), instead of looking for the page's main content. */
  wholeDocument?: boolean;
}

/**
 * HTML → the text conventions the parser reads best: one block (paragraph, heading, list item)
 * per line, `<br>` a line break, a table row one line with its cells separated by tabs, bold as
 * `**…**`, headings as Markdown `#`, footnote marks as `<sup>n</sup>`; entities decoded and
 * whitespace collapsed inside a line. A web page is first cut down to its main content.
 */
export function htmlToText(html: string, opts: HtmlTextOptions = {}): string {
  const $ = cheerio.load(html);
  const root = opts.wholeDocument ? ($('body').get(0) as Element | undefined) : mainContent($);
  if (!root) return '';
  $(root).find(NEVER_CONTENT).remove();
  const lines = new LineWriter();
  walk(root, lines);
  return lines
    .done()
    .filter((l) => !(l.length < 120 && CHROME_LINES.test(l.replace(/\*\*/g, ''))))
    .join('\n');
}

/** The element holding the document: a known portal container, else the smallest one holding most of the text. */
function mainContent($: CheerioAPI): Element | undefined {
  $('script, style, noscript, template').remove();
  for (const selector of CONTENT_SELECTORS) {
    const found = $(selector)
      .toArray()
      .filter((el): el is Element => el.type === 'tag' && letters($(el).text()) >= 200);
    if (found.length > 0) return found.sort((a, b) => letters($(b).text()) - letters($(a).text()))[0];
  }
  $(NEVER_CONTENT).remove();
  $('[class], [id]')
    .filter((_, el) => CHROME.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`))
    .remove();
  const body = $('body').get(0);
  if (!body) return undefined;
  const ownText = (el: Element) => letters($(el).text()) - letters($(el).find('a').text());
  const total = ownText(body);
  // Tables are left out: a document's own task table can hold most of its words.
  const holders = $('main, article, section, div, [role="main"]')
    .toArray()
    .filter((el) => ownText(el) >= 0.7 * total);
  return holders.sort((a, b) => letters($(a).text()) - letters($(b).text()))[0] ?? body;
}

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** Accumulates inline text into the current line; blocks and breaks end it. */
class LineWriter {
  private lines: string[] = [];
  private current = '';

  text(s: string): void {
    this.current += s;
  }

  /** Ends the current line if it holds anything (so nested blocks never make empty lines). */
  break(): void {
    const line = this.current
      .replace(/[^\S\t]+/g, ' ')
      .replace(/ ?\t ?/g, '\t')
      // Two bold runs side by side (`<b>a</b><b>b</b>`) read as one.
      .replace(/\*\*\*\*/g, '')
      .trim();
    // Rules drawn with characters (the "-------" under a header) carry no words.
    if (/[\p{L}\p{N}]/u.test(line)) this.lines.push(line);
    this.current = '';
  }

  done(): string[] {
    this.break();
    return this.lines;
  }
}

function walk(node: AnyNode, out: LineWriter): void {
  if (node.type === 'text') {
    out.text(node.data);
    return;
  }
  if (node.type !== 'tag' && node.type !== 'root') return;
  const el = node as Element;
  const name = el.type === 'tag' ? el.name.toLowerCase() : '';
  switch (name) {
    case 'br':
      out.break();
      return;
    case 'table':
      out.break();
      for (const row of rowsOf(el)) {
        out.text(row.map((cell) => inlineText(cell).replace(/\t/g, ' ')).join('\t'));
        out.break();
      }
      return;
    case 'b':
    case 'strong': {
      // Nested bold must not double the markers; the spaces around the bold text stay outside them.
      const inner = inlineText(el).replace(/\*\*/g, '').trim();
      const raw = textOf(el);
      if (!inner) out.text(raw);
      else out.text(`${/^\s/.test(raw) ? ' ' : ''}**${inner}**${/\s$/.test(raw) ? ' ' : ''}`);
      return;
    }
    case 'sup': {
      const inner = inlineText(el).trim();
      out.text(inner.length > 0 && inner.length <= 4 ? `<sup>${inner}</sup>` : inner);
      return;
    }
    case 'pre':
      out.break();
      for (const line of textOf(el).split('\n')) {
        out.text(line);
        out.break();
      }
      return;
  }
  const heading = /^h([1-6])$/.exec(name);
  const block = BLOCK.has(name);
  if (block) out.break();
  if (heading) out.text(`${'#'.repeat(Number(heading[1]))} `);
  if (name === 'li') out.text(listMarker(el));
  for (const child of el.children) walk(child, out);
  if (block) out.break();
}

/** An ordered list's number or an unordered list's dash: Word numbering is not in the text itself. */
function listMarker(li: Element): string {
  const list = li.parent as Element | null;
  if (!list || list.type !== 'tag' || list.name !== 'ol') return '- ';
  const items = list.children.filter((c): c is Element => c.type === 'tag' && c.name === 'li');
  const start = Number(list.attribs.start ?? 1) || 1;
  return `${start + items.indexOf(li)}. `;
}

/** A table's rows, each a list of cells, nested tables' rows excluded. */
function rowsOf(table: Element): Element[][] {
  const rows: Element[][] = [];
  const visit = (el: Element) => {
    for (const child of el.children) {
      if (child.type !== 'tag') continue;
      if (child.name === 'tr') rows.push(child.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th')));
      else if (child.name !== 'table') visit(child);
    }
  };
  visit(table);
  return rows;
}

/** An element's content on one line: its blocks joined by spaces (a table cell is one cell). */
function inlineText(el: Element): string {
  const sub = new LineWriter();
  for (const child of el.children) walk(child, sub);
  return sub.done().join(' ');
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  if (node.type === 'tag' || node.type === 'root') return (node as Element).children.map(textOf).join('');
  return '';
}
