import { ItemNode, itemId, type AgencyEdge } from '../../../graph-schema/index.js';
import { AgencyRegistry, type Mention } from '../agencies/index.js';
import { itemKind } from './item-kinds.js';
import { collectItems, type ItemDraft } from './items.js';
import { mergeRestatements } from './restatements.js';
import { buildTree } from './sections.js';
import { findTimelineInText, parseTimeline } from './timeline.js';
import type { SourceLine, StructureContext, StructureResult } from '../types.js';

export interface DraftedItems {
  drafts: ItemDraft[];
  warnings: string[];
}

/**
 * Steps 1 and 2 below: the item drafts, before the document's identity decides which are items.
 * Every item is a draft, so their count bounds the items'.
 */
export function draftItems(lines: SourceLine[]): DraftedItems {
  const tree = buildTree(lines);
  const collected = collectItems(tree.root);
  return { drafts: mergeRestatements(collected.drafts, collected.groups), warnings: [...tree.warnings, ...collected.warnings] };
}

/**
 * A document's items, agencies and agency edges, from its lines (already drafted by `draftItems`
 * when the caller needed the count first). Pure: no I/O, no clock.
 *
 *  1. sections.ts builds the section tree (markers, headings, lead-ins, paragraphs, tables);
 *  2. items.ts turns its leaves and table rows into item drafts with their section path, titles,
 *     text, span, section category and agencies (own words, table columns or inherited);
 *  3. item-kinds.ts decides, from the category and the document's level and issuer, whether a
 *     draft is an item and whether it is a task and/or a directive;
 *  4. here: ids (graph-schema/ids.ts `itemId`), timelines (a table's timeline column, else a
 *     timeline stated in the task's own words), one Agency node per real body (agencies/names.ts)
 *     and LEADS / COORDINATES edges carrying the words as written.
 *
 * Items are numbered (`ordinal`) in document order. Each is checked against the ItemNode schema;
 * anything that cannot be read is reported in `warnings`, never thrown.
 */
export function parseStructure(lines: SourceLine[], ctx: StructureContext, drafted: DraftedItems = draftItems(lines)): StructureResult {
  const warnings = [...drafted.warnings];
  const drafts = drafted.drafts;

  const registry = new AgencyRegistry(ctx);
  const items: ItemNode[] = [];
  const agencyEdges: AgencyEdge[] = [];
  const ids = new Set<string>();

  for (const d of drafts) {
    const kind = itemKind(d.category, ctx, d.lead.length > 0, d.named);
    if (!kind.keep) continue;
    const actionable = kind.isTask || kind.isDirective;

    let path = d.path;
    let id = itemId(ctx.documentId, path);
    for (let k = 2; ids.has(id); k++) {
      path = [...d.path.slice(0, -1), `${d.path[d.path.length - 1] ?? ''}-dup${k}`];
      id = itemId(ctx.documentId, path);
    }
    if (path !== d.path) warnings.push(`line ${d.lineStart}: section path ${d.path.join('.')} repeats; item stored as ${path.join('.')}`);

    const timeline = d.timelineRaw ? parseTimeline(d.timelineRaw) : actionable ? findTimelineInText(d.text) : null;

    const edgesOf = (mentions: Mention[], role: AgencyEdge['role'], taken: Set<string>): number => {
      let n = 0;
      for (const m of mentions) {
        const agencyId = registry.add(m);
        if (!agencyId || taken.has(agencyId)) continue;
        taken.add(agencyId);
        agencyEdges.push({ agencyId, itemId: id, role, raw: m.raw });
        n++;
      }
      return n;
    };
    const taken = new Set<string>();
    const leads = actionable ? edgesOf(d.lead, 'LEADS', taken) : 0;
    const coords = actionable ? edgesOf(d.coord, 'COORDINATES', taken) : 0;

    const candidate = {
      id,
      documentId: ctx.documentId,
      isDirective: kind.isDirective,
      isTask: kind.isTask,
      sectionPath: path,
      sectionTitles: d.titles,
      ordinal: items.length,
      text: d.text,
      leadRaw: leads ? d.leadRaw : null,
      coordinatingRaw: coords ? d.coordRaw : null,
      timeline,
      lineStart: d.lineStart,
      lineEnd: Math.max(d.lineStart, d.lineEnd),
      restatedAt: d.restatedAt,
      // Filled in by parseDocument when the source has pages.
      pageStart: null,
      pageEnd: null,
    };
    const parsed = ItemNode.safeParse(candidate);
    if (!parsed.success) {
      warnings.push(`line ${d.lineStart}: item ${id} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      agencyEdges.splice(agencyEdges.length - leads - coords, leads + coords);
      continue;
    }
    ids.add(id);
    items.push(parsed.data);
  }
  warnings.push(...registry.warnings);
  return { items, agencies: registry.all(), agencyEdges, warnings };
}
