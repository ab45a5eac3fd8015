import { matchKey } from '../../../core/vn-text.js';
import { isActionable } from './item-kinds.js';
import type { ItemDraft, TableGroupTitle } from './items.js';

/*
 * Many plans state their tasks twice: in the body, then in an appendix table that gives each one
 * its lead, coordinating agencies and deadline (Bình Thuận 3229/KH-UBND: 36 body tasks, 31 rows
 * restating them). Counted twice, every heatmap cell, agency total and search result doubles. So:
 *
 *  - a body paragraph that only names a group of the appendix table ("1. Kiện toàn và hoàn thiện
 *    cơ chế chỉ đạo …" over the table's group row "I | KIỆN TOÀN VÀ HOÀN THIỆN …") is a heading,
 *    and so are the paragraphs of a list that sends the reader to the appendix for its tasks
 *    ("(Chi tiết Danh mục nhiệm vụ tại Phụ lục kèm theo)");
 *  - an appendix row whose words stand in one body task (most of its word pairs) is that task
 *    written again: one task, the body's words and id, both spans kept, the row's lead and
 *    deadline applied (the table states them on purpose), coordinating agencies of both; a row that
 *    joins several body tasks in one cell is applied to each of them; a body paragraph that the
 *    table splits into several rows gives way to the rows (the finer reading), its span kept on each.
 */

const ROW_IN_BODY = 0.7;
/** "(Chi tiết Danh mục nhiệm vụ tại Phụ lục kèm theo)": the paragraphs around it summarise the table. */
const POINTS_TO_TASK_LIST = /chi tiet.{0,30}nhiem vu.{0,40}phu luc/;
const SAME_HEADING = 0.8;

function pairs(text: string): Set<string> {
  const words = matchKey(text).split(/[^a-z0-9]+/).filter(Boolean);
  const out = new Set<string>();
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  return out;
}

/** Share of `a`'s word pairs that also occur in `b`. */
function within(a: Set<string>, b: Set<string>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const p of a) if (b.has(p)) n++;
  return n / a.size;
}

const inAppendix = (d: ItemDraft) => d.path[0]?.startsWith('appendix') ?? false;

export function mergeRestatements(drafts: ItemDraft[], groups: TableGroupTitle[]): ItemDraft[] {
  const rows = drafts.filter((d) => d.fromTable && inAppendix(d) && isActionable(d.category));
  if (rows.length === 0) return drafts;
  const body = drafts.filter((d) => !d.fromTable && !inAppendix(d) && isActionable(d.category));
  const groupPairs = groups.filter((g) => g.inAppendix).map((g) => pairs(g.title));
  const summarised = body.filter((b) => POINTS_TO_TASK_LIST.test(matchKey(b.text))).map((b) => b.path.slice(0, -1).join('.'));
  const headings = new Set(
    body.filter((b) => {
      if (summarised.includes(b.path.slice(0, -1).join('.'))) return true;
      const p = pairs(b.text);
      return p.size >= 2 && groupPairs.some((g) => within(p, g) >= SAME_HEADING && within(g, p) >= SAME_HEADING);
    }),
  );
  const tasks = body.filter((b) => !headings.has(b)).map((b) => ({ draft: b, pairs: pairs(b.text) }));
  const rowsOf = new Map<ItemDraft, ItemDraft[]>();
  const joined = new Map<ItemDraft, ItemDraft[]>();
  for (const row of rows) {
    const targets = restatedTasks(pairs(row.text), tasks);
    if (targets.length === 1) rowsOf.set(targets[0]!, [...(rowsOf.get(targets[0]!) ?? []), row]);
    else if (targets.length > 1) joined.set(row, targets);
  }
  const dropped = new Set<ItemDraft>(headings);
  for (const [task, restating] of rowsOf) {
    if (restating.length === 1) {
      applyRow(task, restating[0]!);
      dropped.add(restating[0]!);
    } else {
      // The table splits the paragraph into several tasks: the rows are the tasks.
      for (const row of restating) row.restatedAt.push({ lineStart: task.lineStart, lineEnd: task.lineEnd });
      dropped.add(task);
    }
  }
  for (const [row, targets] of joined) {
    for (const t of targets) if (!dropped.has(t)) applyRow(t, row);
    dropped.add(row);
  }
  return drafts.filter((d) => !dropped.has(d));
}

/**
 * The body tasks a row restates: the one holding most of the row's word pairs, else several that
 * the row joins in one cell ("- Tiếp tục đưa …" and "- Thực hiện tốt …"), each inside the row.
 */
function restatedTasks(row: Set<string>, tasks: Array<{ draft: ItemDraft; pairs: Set<string> }>): ItemDraft[] {
  if (row.size < 3) return [];
  let best: { draft: ItemDraft; score: number } | null = null;
  for (const t of tasks) {
    const score = within(row, t.pairs);
    if (score >= ROW_IN_BODY && (!best || score > best.score)) best = { draft: t.draft, score };
  }
  if (best) return [best.draft];
  const parts = tasks.filter((t) => t.pairs.size >= 3 && within(t.pairs, row) >= ROW_IN_BODY);
  const covered = [...row].filter((x) => parts.some((t) => t.pairs.has(x))).length;
  return parts.length >= 2 && covered / row.size >= ROW_IN_BODY ? parts.map((t) => t.draft) : [];
}

/** The body task takes the row's span, its lead and deadline when it states them, and its coordinating agencies too. */
function applyRow(task: ItemDraft, row: ItemDraft): void {
  const first = task.restatedAt.length === 0;
  task.restatedAt.push({ lineStart: row.lineStart, lineEnd: row.lineEnd });
  if (row.lead.length) {
    task.lead = first ? row.lead : [...task.lead, ...row.lead.filter((m) => !task.lead.some((l) => l.raw === m.raw))];
    task.leadRaw = first ? row.leadRaw : [task.leadRaw, row.leadRaw].filter(Boolean).join('; ');
  }
  if (row.coord.length) {
    task.coord = [...task.coord, ...row.coord.filter((m) => !task.coord.some((c) => c.raw === m.raw))];
    task.coordRaw = [task.coordRaw, row.coordRaw].filter(Boolean).join('; ');
  }
  task.coord = task.coord.filter((c) => !task.lead.some((l) => l.raw === c.raw));
  if (row.timelineRaw && (first || !task.timelineRaw)) task.timelineRaw = row.timelineRaw;
}
