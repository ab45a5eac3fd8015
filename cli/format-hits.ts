/**
 * Search hits as text for a terminal: where each comes from (province, document, section,
 * source lines, lead), why (how well it matches, the scores behind it, matched terms) and its
 * text with the matches marked.
 */
import type { SearchHit } from '../search/types.js';

export interface FormatOptions {
  /** ANSI colours (a TTY); otherwise matches are marked «like this». */
  color: boolean;
  width: number;
}

function mark(text: string, ranges: [number, number][], color: boolean): string {
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += text.slice(at, s) + (color ? `\x1b[1;33m${text.slice(s, e)}\x1b[0m` : `«${text.slice(s, e)}»`);
    at = e;
  }
  return out + text.slice(at);
}

/** Word-wraps plain text (ANSI codes do not count towards the width). */
function wrap(text: string, width: number, indent: string): string {
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line && visible(line) + 1 + visible(word) > width - indent.length) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

const num = (x: number | null, digits: number) => (x === null ? '–' : x.toFixed(digits));

export function formatHit(hit: SearchHit, rank: number, opts: FormatOptions): string {
  const it = hit.item;
  const where = [
    it.province ?? 'central',
    it.documentNumber ?? it.documentId,
    `§${it.sectionPath.join('.')}`,
    it.lineStart === it.lineEnd ? `line ${it.lineStart}` : `lines ${it.lineStart}–${it.lineEnd}`,
    it.isTask ? 'task' : it.isDirective ? 'directive' : 'item',
  ].join(' · ');
  const bold = (s: string) => (opts.color ? `\x1b[1m${s}\x1b[0m` : s);
  const lines = [
    `${bold(`${rank}. ${where}`)}`,
    `   ${hit.match.level} match (p ${hit.match.probability.toFixed(2)}; score ${hit.score.toFixed(3)}, vector ${num(hit.vectorScore, 3)}, lexical ${num(hit.lexicalScore, 2)})  id ${it.id}`,
  ];
  if (it.sectionTitles.length > 0) lines.push(wrap(`under: ${it.sectionTitles.join(' › ')}`, opts.width, '   '));
  lines.push(`   lead: ${it.leads.length > 0 ? it.leads.map((l) => l.name + (l.collective ? ' (collective)' : '')).join('; ') : '—'}`);
  lines.push(`   matched: ${hit.matchedTerms.length > 0 ? hit.matchedTerms.map((t) => `"${t}"`).join(', ') : '—'}`);
  if (hit.alsoIn.length > 0) lines.push(wrap(`same text in: ${hit.alsoIn.map((t) => `${t.documentNumber ?? t.documentId} §${t.sectionPath.join('.')}`).join('; ')}`, opts.width, '   '));
  lines.push(wrap(mark(it.text, hit.highlights, opts.color), opts.width, '   '));
  return lines.join('\n');
}

export function formatHits(hits: SearchHit[], opts: FormatOptions): string {
  if (hits.length === 0) return 'No items found.';
  const provinces = new Set(hits.map((h) => h.item.province ?? 'central'));
  const body = hits.map((h, i) => formatHit(h, i + 1, opts)).join('\n\n');
  return `${body}\n\n${hits.length} hits from ${provinces.size} sources (${[...provinces].join(', ')}).`;
}

export function formatSimilar(hits: SearchHit[], opts: FormatOptions): string {
  if (hits.length === 0) return 'No similar tasks in other provinces.';
  return hits.map((h, i) => formatHit(h, i + 1, opts)).join('\n\n');
}
