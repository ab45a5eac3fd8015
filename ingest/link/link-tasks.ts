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
  /**
   * A task's second and further links need at least this fraction of its best link's score, in
   * [0, 1]: a task that carries out several paragraphs says so in comparable words, while a
   * runner-up far behind the best is usually a sibling lifted by the shared group heading.
   */
  minRelativeScore: number;
}

/**
 * Chosen with bench/linker-eval.ts on the gold set (124 tasks of four plans carrying out 69-KL/TW,
 * 144 task→directive pairs), lexical similarity. Not the grid's best point (t 0.10, w 0.20, F1
 * 82.4) but the middle of the plateau around it: every setting with minRelativeScore 0.9,
 * sectionWeight 0.15–0.35, threshold 0.10–0.15 and maxLinks 2–3 scores F1 80.6–82.4, so the choice
 * does not hang on one grid point. Here: P 0.83, R 0.80, F1 0.814. The relative rule is what
 * matters: without it (minRelativeScore 0) the best F1 is 0.79 with maxLinks 1 and 0.73 with 2.
 */
export const defaultLinkOptions: LinkOptions = {
  threshold: 0.15,
  maxLinks: 3,
  sectionWeight: 0.25,
  minRelativeScore: 0.9,
};

const documentOf = (itemId: string) => itemId.split('#')[0] ?? itemId;

/**
 * The headings that tell a document's candidates apart: those all of its candidates share ("NHIỆM
 * VỤ, GIẢI PHÁP TRỌNG TÂM") say nothing about which one a task carries out. An item left without
 * headings is represented by its text.
 */
function directiveHeadings(directives: LinkItem[]): string[][] {
  const shared = new Map<string, { titles: Set<string>; count: number }>();
  for (const d of directives) {
    const doc = documentOf(d.id);
    const titles = new Set(d.sectionTitles);
    const prev = shared.get(doc);
    shared.set(doc, prev ? { titles: new Set([...prev.titles].filter((t) => titles.has(t))), count: prev.count + 1 } : { titles, count: 1 });
  }
  return directives.map((d) => {
    const common = shared.get(documentOf(d.id))!;
    const own = common.count > 1 ? d.sectionTitles.filter((t) => !common.titles.has(t)) : d.sectionTitles;
    return own.length > 0 ? own : [d.text];
  });
}

/** section[i][j]: how well the best of task i's headings matches the best of directive j's. */
async function bestHeadingMatrix(tasks: LinkItem[], directives: LinkItem[], similarity: TextSimilarity): Promise<number[][]> {
  const taskHeadings = tasks.map((t) => (t.sectionTitles.length > 0 ? t.sectionTitles : [t.text]));
  const dirHeadings = directiveHeadings(directives);
  const left = [...new Set(taskHeadings.flat())];
  const right = [...new Set(dirHeadings.flat())];
  const m = await similarity.matrix(left, right);
  const li = new Map(left.map((s, i) => [s, i]));
  const ri = new Map(right.map((s, i) => [s, i]));
  return taskHeadings.map((th) =>
    dirHeadings.map((dh) => {
      let best = 0;
      for (const a of th) for (const b of dh) best = Math.max(best, m[li.get(a)!]?.[ri.get(b)!] ?? 0);
      return best;
    }),
  );
}

/**
 * Links each task to the directive items it most likely carries out. Provincial plans mirror the
 * parent's groups ("1. Tăng cường sự lãnh đạo…"), so the score mixes how alike the task's
 * section headings are to the directive's group heading with how alike the two texts are. Each
 * heading is compared on its own and the best pair counts: a task's headings also include the
 * plan's top level ("NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU") and agency lines ("Sở Khoa học và Công nghệ
 * chủ trì…") that, joined to the group heading, would only blur it.
 *
 * A link needs `threshold`; links beyond the best need `minRelativeScore` × the best score; at most
 * `maxLinks` per task. Scores are in [0, 1] when the similarity's are. Defaults were chosen on the
 * gold set with bench/linker-eval.ts for the lexical similarity; another similarity has its own
 * score scale and should be measured there before reusing them.
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
  const section = opts.sectionWeight === 0 ? null : await bestHeadingMatrix(tasks, directives, similarity);
  const method = section ? `${similarity.name}+section` : similarity.name;
  const links: ItemLink[] = [];
  tasks.forEach((task, i) => {
    const scored = directives
      .map((d, j) => ({
        d,
        score: (1 - opts.sectionWeight) * (text[i]?.[j] ?? 0) + opts.sectionWeight * (section?.[i]?.[j] ?? 0),
      }))
      .filter((s) => s.score >= opts.threshold)
      .sort((a, b) => b.score - a.score);
    const best = scored[0]?.score ?? 0;
    for (const s of scored.filter((x) => x.score >= opts.minRelativeScore * best).slice(0, opts.maxLinks)) {
      links.push({ taskId: task.id, directiveId: s.d.id, score: Math.round(s.score * 1000) / 1000, method });
    }
  });
  return links;
}
