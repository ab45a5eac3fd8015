import { currentProvinceOf, type DocumentNode, type ItemNode, type Level, type Timeline } from '../graph-schema/index.js';

/**
 * Neo4j properties hold scalars and lists only, so nested values are flattened here and
 * rebuilt by `itemFromProps` on the way out. This is the only place that knows the mapping.
 */
export function itemProps(item: ItemNode, doc: Pick<DocumentNode, 'province' | 'level'>) {
  const { timeline, restatedAt, ...rest } = item;
  return {
    ...rest,
    restatedLineStarts: restatedAt.map((s) => s.lineStart),
    restatedLineEnds: restatedAt.map((s) => s.lineEnd),
    sectionTitlesText: item.sectionTitles.join(' / '),
    // Denormalised so search filters need no traversal.
    province: doc.province,
    currentProvince: currentProvinceOf(doc.province),
    level: doc.level,
    timelineKind: timeline?.kind ?? null,
    timelineRaw: timeline?.raw ?? null,
    timelineFrom: timeline?.from ?? null,
    timelineTo: timeline?.to ?? null,
    timelineRecurrence: timeline?.recurrence ?? null,
  };
}

export function timelineFromProps(p: Record<string, unknown>): Timeline | null {
  if (!p.timelineKind) return null;
  return {
    kind: p.timelineKind as Timeline['kind'],
    raw: String(p.timelineRaw ?? ''),
    from: (p.timelineFrom as string | null) ?? null,
    to: (p.timelineTo as string | null) ?? null,
    recurrence: (p.timelineRecurrence as Timeline['recurrence']) ?? null,
  };
}

const ITEM_INTERNAL = new Set([
  'restatedLineStarts',
  'restatedLineEnds',
  'sectionTitlesText',
  'timelineKind',
  'timelineRaw',
  'timelineFrom',
  'timelineTo',
  'timelineRecurrence',
  'embedding',
]);

/** An Item node's properties as the API shows them: timeline rebuilt, internals and vectors dropped. */
export function itemFromProps(p: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (!ITEM_INTERNAL.has(k)) out[k] = v;
  return { ...out, timeline: timelineFromProps(p), restatedAt: restatedFromProps(p) } as ItemNode & { province: string | null; level: Level };
}

function restatedFromProps(p: Record<string, unknown>): ItemNode['restatedAt'] {
  const starts = (p.restatedLineStarts as number[] | undefined) ?? [];
  const ends = (p.restatedLineEnds as number[] | undefined) ?? [];
  return starts.map((lineStart, i) => ({ lineStart: Number(lineStart), lineEnd: Number(ends[i] ?? lineStart) }));
}
