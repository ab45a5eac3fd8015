import type { SentenceRelations } from './relations.js';
import type { CitedDocument } from './targets.js';
import { foldLower } from '../text/fold.js';
import { findIssuers } from '../issuers/index.js';
import { isUpperLine } from '../text/line-shapes.js';

/**
 * Titles of cited documents from the words after a mention ("… của Bộ Chính trị về tiếp tục thực
 * hiện …"), up to the next mention that is not part of its chain. A title in capitals gives way to
 * one in running text; otherwise the first found stays.
 */
export function titleCitedDocuments(sentences: readonly SentenceRelations[], docs: ReadonlyMap<string, CitedDocument>): void {
  for (const { p, span, ms, rel } of sentences) {
    ms.forEach((m, i) => {
      if (!m.target || m.isSelf) return;
      const d = docs.get(m.target);
      if (!d || (d.title && !isUpperLine(d.title))) return;
      const t0 = p.folded.slice(m.afterIssuer, m.afterIssuer + 40);
      const lead = /^[\s,"“]*(ve|ban hanh|phe duyet|quy dinh|huong dan)\s/.exec(t0);
      if (!lead) return;
      const descendants = new Set<number>([i]);
      let end = span[1];
      for (let k = i + 1; k < ms.length && k < i + 30; k++) {
        const rk = rel[k]!;
        if (rk.parent >= 0 && descendants.has(rk.parent)) descendants.add(k);
        else if (!rk.alias) {
          end = ms[k]!.start;
          break;
        }
      }
      const from = m.afterIssuer + lead[0].length - lead[1]!.length - 1;
      let text = p.text.slice(from, Math.min(end, from + 600));
      const ft = foldLower(text);
      const cut = [ft.indexOf(';'), ft.search(/\(\s*(?:sau day\s+)?(?:goi|viet) tat/)].filter((x) => x > 0);
      for (const iss of findIssuers(ft)) {
        if (/^\s*(?:da\s+)?(?:ban hanh|xay dung)\s/.test(ft.slice(iss.index + iss.length)) && /,\s*$/.test(ft.slice(0, iss.index))) cut.push(iss.index);
      }
      if (cut.length) text = text.slice(0, Math.min(...cut));
      text = text
        .replace(/[\s,;.:]+(?:và|hoặc|cùng)?[\s,;.:]*$/u, '')
        .replace(/["“”]/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (text.split(' ').length >= 3 && (!d.title || !isUpperLine(text))) d.title = text.length > 400 ? `${text.slice(0, 397).replace(/\s+\S*$/, '')}…` : text;
    });
  }
}
