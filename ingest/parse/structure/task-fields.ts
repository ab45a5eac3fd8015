import { parseAgencyCell, parseAssignment, type Assignment, type Mention } from '../agencies/index.js';
import { fieldOf } from './field-labels.js';
import { cleanInline } from '../text/lines.js';
import type { SectionNode } from './sections.js';

export interface TaskFields {
  assignment: Assignment | null;
  time: string | null;
  /** "Nhiệm vụ: …": the task's own words, or the list of tasks under it. */
  content: SectionNode | null;
  /** The children that are not fields. */
  rest: SectionNode[];
  /** The field nodes (their lines belong to the task). */
  fieldNodes: SectionNode[];
  /**
   * When blocks of fields follow several groups of tasks ("- A" "- B" fields, "- C" fields), the
   * fields of the block after each task, by task; null when one block serves every child.
   */
  byNode: Map<SectionNode, { assignment: Assignment | null; time: string | null }> | null;
}

interface Collected {
  lead: string[];
  coord: string[];
  time: string | null;
  content: SectionNode | null;
  nodes: SectionNode[];
}

/** Reads one child as a field into `into`; false when it is no field. */
function take(c: SectionNode, into: Collected, depth: number): boolean {
  const field = fieldOf(c.text);
  if (!field) return false;
  const value = [field.value, ...c.children.map((k) => cleanInline(k.text))].filter(Boolean).join('; ');
  if (field.kind === 'content') into.content = c;
  else if (field.kind === 'lead' || (field.kind === 'implementers' && field.value)) into.lead.push(field.value || value);
  else if (field.kind === 'coord') into.coord.push(value);
  else if (field.kind === 'time') into.time = value;
  if (field.kind === 'implementers' && !field.value && depth === 0) {
    // "Cơ quan thực hiện:" over "- Đơn vị chủ trì: …" / "- Đơn vị phối hợp: …"; bare names lead.
    for (const k of c.children) if (!take(k, into, 1)) into.lead.push(cleanInline(k.text));
  }
  into.nodes.push(c);
  return true;
}

const collected = (): Collected => ({ lead: [], coord: [], time: null, content: null, nodes: [] });

/** A node's children split into fields and the rest; null when none of them is a field. */
export function readTaskFields(n: SectionNode): TaskFields | null {
  const all = collected();
  const rest: SectionNode[] = [];
  // Blocks of fields, each with the tasks written since the block before it.
  const blocks: Array<{ fields: Collected; tasks: SectionNode[] }> = [{ fields: collected(), tasks: [] }];
  for (const c of n.children) {
    const block = blocks[blocks.length - 1]!;
    if (take(c, all, 0)) {
      take(c, block.fields, 0);
      continue;
    }
    rest.push(c);
    if (block.fields.nodes.length > 0) blocks.push({ fields: collected(), tasks: [c] });
    else block.tasks.push(c);
  }
  if (all.nodes.length === 0) return null;
  const withFields = blocks.filter((b) => b.fields.nodes.length > 0 && b.tasks.length > 0);
  let byNode: TaskFields['byNode'] = null;
  if (withFields.length > 1 && !all.content) {
    byNode = new Map();
    for (const b of withFields) {
      const own = { assignment: assignmentOf(b.fields.lead, b.fields.coord), time: b.fields.time };
      for (const t of b.tasks) byNode.set(t, own);
    }
  }
  return { assignment: assignmentOf(all.lead, all.coord), time: all.time, content: all.content, rest, fieldNodes: all.nodes, byNode };
}

function assignmentOf(lead: string[], coord: string[]): Assignment | null {
  const l: Mention[] = [];
  const c: Mention[] = [];
  for (const v of lead) {
    // "Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành …".
    const stated = parseAssignment(v, { wholeIsList: true });
    if (stated.lead.length && /chủ trì|phối hợp/iu.test(v)) {
      l.push(...stated.lead);
      c.push(...stated.coord);
    } else {
      l.push(...parseAgencyCell(v).mentions);
      // "Cơ quan thực hiện: Bộ Công an rà soát …; các bộ, … rà soát …": each clause names its doer.
      for (const clause of v.split(/;\s*/u).slice(1)) l.push(...parseAssignment(clause).lead.filter((m) => !l.some((x) => x.raw === m.raw)));
    }
  }
  for (const v of coord) c.push(...parseAgencyCell(v).mentions);
  const coordOnly = c.filter((m) => !l.some((x) => x.raw === m.raw));
  if (!l.length && !coordOnly.length) return null;
  return {
    lead: l,
    coord: coordOnly,
    leadRaw: l.length ? lead.join('; ') : null,
    coordRaw: coordOnly.length ? coord.join('; ') || coordOnly.map((m) => m.raw).join(', ') : null,
  };
}
