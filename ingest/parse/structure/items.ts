import { matchKey } from '../../../core/vn-text.js';
import { headingAssignment, parseAgencyCell, parseAssignment, type Assignment, type Mention } from '../agencies/index.js';
import {
  categoryOfAppendix,
  categoryOfTitle,
  isActionable,
  isClosingLine,
  isParentheticalNote,
  isFundingStatement,
  isTargetStatement,
  isPromulgationFormula,
  type SectionCategory,
} from './item-kinds.js';
import type { SectionNode } from './sections.js';
import type { TableRow } from './table.js';
import { fieldOf } from './field-labels.js';
import { readTaskFields } from './task-fields.js';

/**
 * Items from the section tree, before ids and kinds: every leaf with text (a paragraph, bullet or
 * numbered paragraph without sub-items) and every task-table row. A node with children is a
 * section: its text is a title, its category and its agencies pass down to the items below.
 *
 * Agencies of an item, in this order:
 *  - a table row's lead / coordinating columns (or a single agencies column, read like text);
 *  - the item's own words (agencies/index.ts `parseAssignment`);
 *  - otherwise the nearest section above whose title assigns a lead ("b) Sở Khoa học và Công nghệ
 *    chủ trì, phối hợp với …:", "a) Các sở, ban, ngành, …:", "1. Các sở, ngành, UBND các huyện…"),
 *    whose coordinating agencies come along; coordinating agencies the item names itself
 *    ("- Phối hợp với Ủy ban Mặt trận …") are added to those.
 * A task with none of these has no lead: that is for auditors to see, not an error.
 */

export interface ItemDraft {
  path: string[];
  titles: string[];
  text: string;
  lineStart: number;
  lineEnd: number;
  category: SectionCategory;
  /** The category comes from a heading that names it ("NHIỆM VỤ", a task table), not from the default. */
  named: boolean;
  lead: Mention[];
  coord: Mention[];
  leadRaw: string | null;
  coordRaw: string | null;
  /** The raw timeline column of a table row. */
  timelineRaw: string | null;
  fromTable: boolean;
  /** Other places the same task is written (an appendix row restating it; restatements.ts). */
  restatedAt: Array<{ lineStart: number; lineEnd: number }>;
}

/** A group row of a task table ("I | KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ …"): a heading, not a task. */
export interface TableGroupTitle {
  title: string;
  inAppendix: boolean;
}

interface Scope {
  path: string[];
  titles: string[];
  category: SectionCategory;
  /** Whether a heading above named the category (see ItemDraft.named). */
  named: boolean;
  inherited: Assignment | null;
  /** Agencies a task's fields state (task-fields.ts): they win over the task's own words. */
  stated: Assignment | null;
  timelineRaw: string | null;
}

export function collectItems(root: SectionNode): { drafts: ItemDraft[]; groups: TableGroupTitle[]; warnings: string[] } {
  const drafts: ItemDraft[] = [];
  const groups: TableGroupTitle[] = [];
  const warnings: string[] = [];
  const tablesSeen = new Map<SectionNode, number>();

  const visit = (n: SectionNode, scope: Scope): void => {
    if (n.type === 'table') {
      const k = (tablesSeen.get(n.parent!) ?? 0) + 1;
      tablesSeen.set(n.parent!, k);
      tableItems(n, k, scope, drafts, groups);
    } else if (n.children.length > 0 || n.type === 'root' || n.type === 'appendix') {
      visitSection(n, scope);
    } else {
      leaf(n, scope);
    }
  };

  const visitSection = (n: SectionNode, scope: Scope): void => {
    const next = sectionScope(n, scope);
    const fields = n.type === 'root' || n.type === 'appendix' || n.structural ? null : readTaskFields(n);
    if (!fields) {
      for (const c of n.children) visit(c, next);
      return;
    }
    const stated = fields.assignment?.lead.length ? fields.assignment : null;
    const withFields: Scope = {
      ...next,
      inherited: mergeAssignments(next.inherited, fields.assignment),
      stated: stated ?? next.stated,
      timelineRaw: fields.time ?? next.timelineRaw,
    };
    // The node is the task, its fields the rest of it, unless "Nhiệm vụ:" lists several tasks.
    const asTask: Scope = { ...scope, inherited: withFields.inherited, stated: withFields.stated, timelineRaw: withFields.timelineRaw };
    const content = fields.content;
    if (content && content.children.length > 0) visit(content, withFields);
    else if (content) leaf(n, asTask, [n.text.trim(), fieldOf(content.text)?.value].filter(Boolean).join('\n'));
    else if (fields.rest.length === 0) leaf(n, asTask);
    for (const c of fields.rest) {
      const own = fields.byNode?.get(c);
      const scopeOf: Scope = own
        ? { ...withFields, inherited: mergeAssignments(next.inherited, own.assignment), stated: own.assignment?.lead.length ? own.assignment : next.stated, timelineRaw: own.time ?? next.timelineRaw }
        : withFields;
      visit(c, scopeOf);
    }
  };

  const leaf = (n: SectionNode, scope: Scope, text = n.text.trim()): void => {
    const title = n.text.replace(/\s*\n\s*/g, ' ').trim();
    if (n.structural || !title || !text || isPromulgationFormula(title) || isParentheticalNote(title)) return;
    if (n.label === null) {
      warnings.push(`line ${n.lineStart}: an item without a section number was skipped`);
      return;
    }
    const draft: ItemDraft = {
      path: [...scope.path, n.label],
      titles: scope.titles,
      text,
      lineStart: n.lineStart,
      lineEnd: n.lineEnd,
      category: scope.category,
      named: scope.named,
      lead: [],
      coord: [],
      leadRaw: null,
      coordRaw: null,
      timelineRaw: scope.timelineRaw,
      fromTable: false,
      restatedAt: [],
    };
    const own = scope.stated ?? parseAssignment(n.text);
    draft.category = leafCategory(scope.category, title, own);
    if (isActionable(draft.category)) applyAssignment(draft, own, scope.inherited);
    drafts.push(draft);
  };

  visit(root, { path: [], titles: [], category: 'action', named: false, inherited: null, stated: null, timelineRaw: null });
  return { drafts, groups, warnings };
}

/**
 * A paragraph's own category within its section's: a funding paragraph is a task only when it
 * gives a named body work; the closing lines of a plan are none; a target stated as a figure in a
 * section of work is a target, and where the money comes from ("Kinh phí khen thưởng: …", 157/KH-UBND
 * of Cần Thơ) is funding.
 */
function leafCategory(section: SectionCategory, title: string, own: Assignment): SectionCategory {
  if (section === 'funding') return own.lead.some((m) => !m.collective) ? 'implementation' : 'funding';
  if ((section === 'implementation' || section === 'action') && isClosingLine(title)) return 'closing';
  if (section === 'action' && !own.lead.length && isTargetStatement(title)) return 'objective';
  if ((section === 'implementation' || section === 'action') && !own.lead.length && isFundingStatement(title)) return 'funding';
  return section;
}

/** What a section passes down: its path segment, title, category and the agencies its title assigns. */
function sectionScope(n: SectionNode, scope: Scope): Scope {
  const title = n.text.replace(/\s*\n\s*/g, ' ').trim();
  const own = n.type === 'appendix' ? categoryOfAppendix(title) : n.headingLike && title.length <= 150 ? categoryOfTitle(title) : null;
  const category = own ?? scope.category;
  let inherited = scope.inherited;
  if (own && own !== scope.category) inherited = null;
  if (isActionable(category) && title && n.type !== 'root') {
    const a = headingAssignment(title, n.headingLike);
    if (a.lead.length) inherited = a;
  }
  return {
    path: n.label !== null && n.type !== 'root' ? [...scope.path, n.label] : scope.path,
    titles: n.type !== 'root' && title ? [...scope.titles, title] : scope.titles,
    category,
    named: scope.named || own !== null,
    inherited,
    stated: own && own !== scope.category ? null : scope.stated,
    timelineRaw: own && own !== scope.category ? null : scope.timelineRaw,
  };
}

/** Fields below a heading that assigns: the fields' lead replaces the heading's, coordinators add up. */
function mergeAssignments(above: Assignment | null, fields: Assignment | null): Assignment | null {
  if (!fields) return above;
  if (fields.lead.length) return fields;
  if (!above) return fields;
  return { ...above, coord: [...above.coord, ...fields.coord], coordRaw: [above.coordRaw, fields.coordRaw].filter(Boolean).join('; ') || null };
}

function applyAssignment(draft: ItemDraft, own: Assignment, inherited: Assignment | null): void {
  if (own.lead.length) {
    draft.lead = own.lead;
    draft.leadRaw = own.leadRaw;
    draft.coord = own.coord;
    draft.coordRaw = own.coordRaw;
    return;
  }
  draft.lead = inherited?.lead ?? [];
  draft.leadRaw = inherited?.leadRaw ?? null;
  const coord = [...(inherited?.coord ?? [])];
  for (const c of own.coord) if (!coord.some((x) => x.raw === c.raw)) coord.push(c);
  draft.coord = coord.filter((c) => !draft.lead.some((l) => l.raw === c.raw));
  const raws = [inherited?.coordRaw, own.coordRaw].filter((r): r is string => !!r);
  draft.coordRaw = draft.coord.length ? raws.join('; ') : null;
}

function tableItems(n: SectionNode, k: number, scope: Scope, drafts: ItemDraft[], groups: TableGroupTitle[]): void {
  const table = n.table!;
  const base = k > 1 ? [...scope.path, `table-${k}`] : scope.path;
  // A table of targets ("TT | Chỉ tiêu | Đơn vị | Kết quả") lists what to reach, not work to do.
  const targets = table.headers.some((h, i) => table.roles[i] === 'task' && /^chi tieu\b/.test(matchKey(h)));
  const category = targets ? 'objective' : scope.category;
  let groupPath = base;
  let groupTitles = scope.titles;
  for (const e of table.entries) {
    if (e.kind === 'group') {
      groupPath = [...base, e.label];
      groupTitles = [...scope.titles, e.title];
      groups.push({ title: e.title, inAppendix: base[0]?.startsWith('appendix') ?? false });
      continue;
    }
    const draft: ItemDraft = {
      path: [...groupPath, e.label],
      titles: groupTitles,
      text: e.text,
      lineStart: e.lineStart,
      lineEnd: e.lineEnd,
      category,
      named: true,
      lead: [],
      coord: [],
      leadRaw: null,
      coordRaw: null,
      timelineRaw: e.timeline,
      fromTable: true,
      restatedAt: [],
    };
    if (isActionable(category)) applyAssignment(draft, rowAssignment(e), scope.inherited);
    drafts.push(draft);
  }
}

/** A row's agencies: its lead and coordinating columns, else its own words. */
function rowAssignment(row: TableRow): Assignment {
  const out: Assignment = { lead: [], coord: [], leadRaw: null, coordRaw: null };
  if (row.lead) {
    const lead = parseAgencyCell(row.lead);
    out.lead = lead.mentions;
    out.leadRaw = lead.mentions.length ? lead.raw : null;
  }
  if (row.coord) {
    const coord = parseAgencyCell(row.coord);
    out.coord = coord.mentions;
    out.coordRaw = coord.mentions.length ? coord.raw : null;
  }
  if (row.agencies && !out.lead.length) {
    const a = parseAssignment(row.agencies, { wholeIsList: true });
    if (a.lead.length) return a;
    // "Sở A, Sở B" without "chủ trì": the first named body leads, the others coordinate.
    const cell = parseAgencyCell(row.agencies);
    out.lead = cell.mentions.slice(0, 1);
    out.leadRaw = out.lead[0]?.raw ?? null;
    out.coord = cell.mentions.slice(1);
    out.coordRaw = out.coord.length ? out.coord.map((m) => m.raw).join(', ') : null;
    return out;
  }
  if (!out.lead.length) {
    const fromText = parseAssignment(row.text);
    if (fromText.lead.length) return { ...fromText, coord: out.coord.length ? out.coord : fromText.coord, coordRaw: out.coordRaw ?? fromText.coordRaw };
  }
  return out;
}
