import type { Level } from '../../../graph-schema/index.js';
import type { Mention } from './mentions.js';
import type { Para } from './paragraphs.js';
import type { CitedDocument } from './targets.js';
import { TYPE_WORD_PATTERN } from '../document-types.js';

/*
 * Relations come from the words between consecutive mentions of a sentence:
 *   "Thực hiện A và B về thực hiện C về tiếp tục thực hiện D"
 * A is governed by the trigger ("thực hiện", "triển khai", "cụ thể hóa"), B is coordinated with
 * A ("và", ",", ";"), C is what B carries out (B's date/issuer, then "về thực hiện") and D what
 * C carries out. The document itself IMPLEMENTS what a trigger governs in its title and preamble
 * (the frame) or where it names itself ("Kế hoạch này nhằm thực hiện …", "ban hành kèm theo Quyết
 * định này Kế hoạch thực hiện …", "Kế hoạch số 44-KH/TU thực hiện …" with its own number); elsewhere
 * a mention is a CITES. Chains between cited documents are IMPLEMENTS edges between their stubs, so
 * lineage reaches the top even when a parent's own text is not in the corpus. "Căn cứ …" makes a
 * citation a legal basis.
 */

const TRIGGER = /(?:thuc hien|trien khai|cu the hoa|the che hoa|hien thuc hoa)/g;
const BREAK = /(?:gan voi|gan lien voi|dong thoi|ket hop voi|cung voi|ben canh|ngoai ra|thay the|sua doi|bai bo|so voi)/;
const COORDINATOR = /(?:,|;|\)|(?<![a-z])(?:va|hoac|cung)(?:\s+cac)?)\s*$/;
const ALIAS = /\(\s*(?:sau day\s+)?(?:goi|viet)\s+tat(?:\s+la)?\s*:?\s*$/;

export interface Relation {
  /** Index of the mention this one's document is carried out by, or -1 for the citing document. */
  parent: number;
  /** A trigger governs it: the parent carries it out. */
  intent: boolean;
  /** The citing document says so of itself (its own number, "Kế hoạch này"). */
  selfConstruct: boolean;
  alias: boolean;
  /** Joined to the mention before it by "và", ",", ";": both hang from the same parent. */
  coordinated?: boolean;
}

/** The last trigger in `gap` that governs what follows it (at most ten words, no break phrase, no clause end). */
function governingTrigger(gap: string): number | null {
  let found: number | null = null;
  for (const t of gap.matchAll(TRIGGER)) {
    const rest = gap.slice(t.index + t[0].length);
    if (/[;.:()]/.test(rest) || BREAK.test(rest)) continue;
    const words = rest.trim() ? rest.trim().split(/\s+/).length : 0;
    if (words <= 10) found = t.index;
  }
  return found;
}

/**
 * What lies between a cited document's number and "thực hiện" in a chain: its date, issuer and "về";
 * "… (khóa XI) về (việc) tiếp tục", or "… ban hành Chương trình hành động" before the trigger.
 */
const CHAIN_GLUE = new RegExp(
  `^[\\s,"“”'(]*(?:\\(?\\s*khoa\\s+[ivxl]+\\s*\\)?)?[\\s,"“”'(]*(?:(?:ve|de|nham|trong)\\s+)?(?:viec\\s+)?(?:tiep tuc\\s+)?(?:chi dao\\s+)?` +
    `(?:(?:ban hanh|phe duyet)\\s+(?:${TYPE_WORD_PATTERN})(?:\\s+(?:cua|hanh dong|tong the))?(?:\\s+[a-z]+){0,2}?\\s+)?$`,
);

/** "Kế hoạch này nhằm …", "ban hành kèm theo Quyết định này Kế hoạch …" right before a trigger. */
const SELF_BEFORE_TRIGGER = new RegExp(`(?:^|[^a-z])(?:${TYPE_WORD_PATTERN})\\s+nay(?:\\s+[^\\s;.]+){0,3}\\s*$`);
/** A legal basis: "Căn cứ Nghị định …", "- Căn cứ vào các Quyết định …". */
const BASIS = new RegExp(`^[\\s\\-+•*–]*can cu\\s+(?:vao\\s+)?(?:cac\\s+)?(?:${TYPE_WORD_PATTERN})(?![a-z])`);

const LEVEL_RANK: Record<Level, number> = { central: 0, ministry: 1, province: 2, district: 3 };

export interface FoundRelation {
  from: string;
  to: string;
  kind: 'CITES' | 'IMPLEMENTS';
  basis: boolean;
  m: Mention;
}

/** The mentions of one sentence and how each relates to the ones before it. */
export interface SentenceRelations {
  p: Para;
  span: [number, number];
  ms: Mention[];
  rel: Relation[];
}

export interface ParaMentions {
  p: Para;
  spans: Array<[number, number]>;
  mentions: Mention[];
}

/**
 * "Thực hiện A và B thực hiện C": A and B are both governed by the trigger and joined by "và", and
 * what follows B's issuer carries them both to C (Quảng Bình's plan: "Thực hiện Quyết định số
 * 709/QĐ-TTg … và Kế hoạch số 156-KH/TU … về thực hiện Kết luận số 69-KL/TW", where 709/QĐ-TTg is
 * the Government's plan for 69-KL/TW). The mentions coordinated before `parent`, back to the first
 * of the run, when the run is what a trigger governs; the caller still checks each could carry C out.
 */
function chainSiblings(ms: readonly Mention[], rel: readonly Relation[], parent: number): number[] {
  const out: number[] = [];
  for (let k = parent; k > 0 && rel[k]!.coordinated && rel[k]!.intent; k--) {
    if (rel[k - 1]!.parent !== rel[parent]!.parent) break;
    if (ms[k - 1]!.target && !ms[k - 1]!.isSelf) out.push(k - 1);
  }
  return out;
}

/** Relations, sentence by sentence; `chainEdges` also emits those between cited documents. */
export function readRelations(
  perPara: readonly ParaMentions[],
  docs: ReadonlyMap<string, CitedDocument>,
  selfId: string,
  chainEdges: boolean,
): { found: FoundRelation[]; sentences: SentenceRelations[] } {
  const dateOfTarget = (id: string | null): string | null => (id ? (docs.get(id)?.date ?? (docs.get(id)?.year ? `${docs.get(id)!.year}-12-31` : null)) : null);
  const levelOfTarget = (id: string | null): Level | null => (id ? (docs.get(id)?.r.level ?? null) : null);
  const earliestDateOf = (id: string | null): string | null => (id ? (docs.get(id)?.date ?? (docs.get(id)?.year ? `${docs.get(id)!.year}-01-01` : null)) : null);
  /** Could the document `parent` carry out `child`? Not if it is older, or of a higher level. */
  const canImplement = (parent: string | null, child: string | null): boolean => {
    if (!parent || !child || parent === child) return false;
    const pd = dateOfTarget(parent);
    const cd = earliestDateOf(child);
    if (pd && cd && cd > pd) return false;
    const pl = levelOfTarget(parent);
    const cl = levelOfTarget(child);
    if (pl && cl && LEVEL_RANK[pl] < LEVEL_RANK[cl]) return false;
    return true;
  };

  const found: FoundRelation[] = [];
  const sentences: SentenceRelations[] = [];
  for (const { p, spans, mentions } of perPara) {
    for (const span of spans) {
      const ms = mentions.filter((m) => m.sentence[0] === span[0]);
      const rel: Relation[] = [];
      const sentenceBasis = BASIS.test(p.folded.slice(span[0], Math.min(span[1], span[0] + 120)));
      // The last ';' before each position: where its clause starts.
      let clauseStart = span[0];
      let scanned = span[0];
      ms.forEach((m, i) => {
        const prev = i > 0 ? ms[i - 1]! : null;
        const gapStart = prev ? prev.afterIssuer : span[0];
        // Only the words near the mention matter: a trigger governs at most ten words ahead.
        const gap = p.folded.slice(Math.max(gapStart, m.start - 400), Math.max(gapStart, m.start));
        const fullGap = prev ? p.folded.slice(Math.max(prev.end, m.start - 2000), Math.max(prev.end, m.start)) : gap;
        let r: Relation = { parent: -1, intent: false, selfConstruct: false, alias: false };
        const trig = governingTrigger(gap);
        if (prev && ALIAS.test(fullGap)) {
          const same = ms.slice(0, i).map((o, k) => [o, k] as const).reverse().find(([o]) => o.target === m.target || (o.isSelf && m.isSelf));
          r = same ? { ...rel[same[1]]!, alias: true } : { ...r, alias: true };
        } else if (trig !== null) {
          const pre = gap.slice(0, trig);
          const chainFrom = prev && gapStart >= m.start - 400 && CHAIN_GLUE.test(pre) ? i - 1 : null;
          if (chainFrom !== null && (prev!.isSelf || canImplement(prev!.target, m.target))) {
            r = prev!.isSelf ? { parent: -1, intent: true, selfConstruct: true, alias: false } : { parent: chainFrom, intent: true, selfConstruct: false, alias: false };
          } else {
            const trigAt = m.start - (gap.length - trig);
            const selfConstruct = SELF_BEFORE_TRIGGER.test(p.folded.slice(Math.max(span[0], trigAt - 120), trigAt));
            r = { parent: -1, intent: true, selfConstruct, alias: false };
          }
        } else if (prev && COORDINATOR.test(fullGap) && !BREAK.test(fullGap) && !/thuc hien|trien khai|cu the hoa/.test(fullGap)) {
          const pr = rel[i - 1]!;
          r = { ...pr, alias: false, coordinated: true };
          // Climb while the coordinated parent could not carry this document out.
          while (r.parent >= 0 && !canImplement(ms[r.parent]!.target, m.target)) r = { ...rel[r.parent]!, alias: false };
        }
        rel.push(r);
        if (r.alias || !m.target || m.isSelf) return;
        for (; scanned < m.start; scanned++) if (p.folded[scanned] === ';') clauseStart = scanned + 1;
        // A legal basis: its clause (or the list it belongs to) starts "Căn cứ"; not what a trigger governs.
        const basis = !r.intent && (BASIS.test(p.folded.slice(clauseStart, Math.min(m.start, clauseStart + 120))) || sentenceBasis);
        if (r.parent >= 0) {
          const parent = ms[r.parent]!;
          if (chainEdges && parent.target && parent.target !== m.target) {
            found.push({ from: parent.target, to: m.target, kind: 'IMPLEMENTS', basis: false, m });
            for (const k of chainSiblings(ms, rel, r.parent)) {
              if (canImplement(ms[k]!.target, m.target)) found.push({ from: ms[k]!.target!, to: m.target, kind: 'IMPLEMENTS', basis: false, m });
            }
          }
          // The citing document still mentions it.
          found.push({ from: selfId, to: m.target, kind: 'CITES', basis: false, m });
        } else {
          const implementsIt = r.intent && (p.frame || r.selfConstruct);
          found.push({ from: selfId, to: m.target, kind: implementsIt ? 'IMPLEMENTS' : 'CITES', basis, m });
        }
      });
      sentences.push({ p, span, ms, rel });
    }
  }
  return { found, sentences };
}
