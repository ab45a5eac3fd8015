import type { ItemLink } from '../../graph-schema/index.js';
import type { TextSimilarity } from './similarity.js';

export interface LinkItem {
  id: string;
  text: string;
  sectionTitles: string[];
}

export interface LinkOptions {
  /** No edge below this combined score. */
  threshold: number;
  /** At most this many directive items per task. */
  maxLinks: number;
  /** Weight of section alignment against the task's own text, in [0, 1]. */
  sectionWeight: number;
}

export const defaultLinkOptions: LinkOptions = { threshold: 0.2, maxLinks: 2, sectionWeight: 0.35 };

/**
 * Links each task to the directive items it most likely carries out. Provincial plans mirror the
 * parent's groups ("1. Tăng cường sự lãnh đạo…"), so the score mixes how alike the task's
 * section headings are to the directive's group heading with how alike the two texts are.
 */
export async function linkTasks(
  tasks: LinkItem[],
  directives: LinkItem[],
  similarity: TextSimilarity,
  options: Partial<LinkOptions> = {},
): Promise<ItemLink[]> {
  if (tasks.length === 0 || directives.length === 0) return [];
  const opts = { ...defaultLinkOptions, ...options };
  const text = await similarity.matrix(
    tasks.map((t) => t.text),
    directives.map((d) => d.text),
  );
  const section = await similarity.matrix(
    tasks.map((t) => t.sectionTitles.join(' ') || t.text),
    directives.map((d) => d.sectionTitles[0] ?? d.text),
  );
  const method = `${similarity.name}+section`;
  const links: ItemLink[] = [];
  tasks.forEach((task, i) => {
    const scored = directives
      .map((d, j) => ({
        d,
        score: (1 - opts.sectionWeight) * (text[i]?.[j] ?? 0) + opts.sectionWeight * (section[i]?.[j] ?? 0),
      }))
      .filter((s) => s.score >= opts.threshold)
      .sort((a, b) => b.score - a.score)
      .slice(0, opts.maxLinks);
    for (const s of scored) {
      links.push({ taskId: task.id, directiveId: s.d.id, score: Math.round(s.score * 1000) / 1000, method });
    }
  });
  return links;
}
