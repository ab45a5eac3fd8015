/**
 * The synthetic national corpus, as plans a province would write: per province one Tỉnh ủy plan
 * carrying out 69-KL/TW (its items restate 69-KL/TW's directive paragraphs) and UBND plans carrying
 * out that Tỉnh ủy plan, each with numbered tasks, most with a lead agency (chủ trì), some with
 * coordinating ones (phối hợp), a timeline, a few led by a collective or by nobody (what auditors
 * look for). Task texts recombine the clauses of the real tasks and directive items of data/corpus
 * (bench/search-scale/corpus.ts) under 69-KL/TW's group headings, so the linker finds real links.
 *
 * Deterministic: the same options give the same plans, texts and numbers. Only the specification
 * lives here; plan-text.ts writes it out as the text of a document.
 */
import { CENTRAL_CITIES } from '../../ingest/parse/provinces.js';
import { slugify } from '../../core/vn-text.js';
import { BENCH_PROVINCES, clauses, rng, sourceItems } from '../search-scale/corpus.js';

export interface ScaleOptions {
  /** The first n of the 63 provinces. */
  provinces: number;
  /** Documents per province, the Tỉnh ủy plan included: drawn between the two, both included. */
  plansPerProvince: readonly [number, number];
  /** Tasks under "NHIỆM VỤ VÀ GIẢI PHÁP" of each UBND plan. */
  tasksPerPlan: number;
  seed: number;
}

/** This graph: 63 × 16–20 × 50 ≈ 1,130 documents, 57k items. Issue 11 asks for 63 × 20 × 50. */
export const DEFAULT_SCALE: ScaleOptions = { provinces: 63, plansPerProvince: [16, 20], tasksPerPlan: 50, seed: 20241206 };

export interface TaskSpec {
  text: string;
  /** Null: nobody is named (a finding for auditors). */
  lead: string | null;
  coordinating: string[];
  timeline: string;
}

export interface GroupSpec {
  title: string;
  tasks: TaskSpec[];
}

export interface PlanSpec {
  kind: 'tu' | 'ubnd';
  province: string;
  /** `245-KH/TU`, `1234/KH-UBND`. */
  number: string;
  /** ISO date. */
  date: string;
  /** What the title says the plan is about, after the plan it carries out. */
  topic: string;
  /** The Tỉnh ủy plan a UBND plan carries out (null for the Tỉnh ủy plan itself). */
  parent: { number: string; date: string } | null;
  groups: GroupSpec[];
  fileName: string;
}

/** 69-KL/TW's group headings (data/corpus/national/kl-69-KLTW-2024.md, groups 1–6). */
export const KL69_GROUPS: readonly string[] = [
  'Tăng cường sự lãnh đạo của Đảng đối với phát triển khoa học, công nghệ và đổi mới sáng tạo',
  'Đổi mới tư duy, hoàn thiện chính sách, pháp luật, nâng cao vai trò quản lý nhà nước về khoa học, công nghệ và đổi mới sáng tạo',
  'Nâng cao tiềm lực khoa học, công nghệ và đổi mới sáng tạo',
  'Phát triển hệ thống đổi mới sáng tạo, hệ sinh thái khởi nghiệp sáng tạo',
  'Thúc đẩy phát triển thị trường khoa học và công nghệ',
  'Đẩy mạnh hội nhập, hợp tác quốc tế về khoa học, công nghệ và đổi mới sáng tạo',
];

const TOPICS = [
  'phát triển khoa học, công nghệ và đổi mới sáng tạo giai đoạn 2024 - 2030',
  'ứng dụng khoa học và công nghệ trong sản xuất nông nghiệp',
  'phát triển doanh nghiệp khoa học và công nghệ',
  'hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo',
  'chuyển đổi số và phát triển kinh tế số',
  'phát triển nguồn nhân lực khoa học và công nghệ',
  'phát triển thị trường khoa học và công nghệ',
  'bảo hộ, khai thác tài sản trí tuệ',
  'nâng cao năng suất, chất lượng sản phẩm, hàng hóa',
  'ứng dụng công nghệ trong y tế và chăm sóc sức khỏe',
  'đổi mới sáng tạo trong giáo dục và đào tạo',
  'hợp tác quốc tế về khoa học và công nghệ',
  'phát triển tổ chức khoa học và công nghệ công lập',
  'tiêu chuẩn, đo lường, chất lượng',
  'ứng dụng công nghệ cao trong công nghiệp',
  'tuyên truyền, phổ biến kiến thức khoa học và công nghệ',
  'phát triển năng lượng sạch và kinh tế tuần hoàn',
  'an toàn bức xạ và hạt nhân',
  'thống kê khoa học và công nghệ',
  'đầu tư cho khoa học và công nghệ từ ngân sách nhà nước',
];

/** Bodies of a province that lead and coordinate tasks. */
const AGENCIES = [
  'Sở Khoa học và Công nghệ', 'Sở Tài chính', 'Sở Kế hoạch và Đầu tư', 'Sở Giáo dục và Đào tạo',
  'Sở Thông tin và Truyền thông', 'Sở Công Thương', 'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Nội vụ',
  'Sở Y tế', 'Sở Tư pháp', 'Sở Lao động - Thương binh và Xã hội', 'Sở Tài nguyên và Môi trường',
  'Văn phòng Ủy ban nhân dân tỉnh', 'Ban Quản lý các khu công nghiệp tỉnh', 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh',
];
const COLLECTIVES = ['Các sở, ban, ngành', 'Ủy ban nhân dân các huyện, thị xã, thành phố'];
const TIMELINES = ['năm 2024', 'năm 2025', 'Quý III/2024', 'Quý IV/2025', '2024 - 2026', '2025 - 2030', 'thường xuyên', 'hằng năm'];

const where = (p: string) => (CENTRAL_CITIES.has(p) ? `thành phố ${p}` : `tỉnh ${p}`);
const LOCAL_SUFFIXES = [(p: string) => ` trên địa bàn ${where(p)}`, (p: string) => ` của ${where(p)}`, () => ''];

const upperFirst = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export interface ClausePools {
  /** Clauses of every task and directive item of data/corpus. */
  tasks: string[];
  /** Clauses of each of 69-KL/TW's directive paragraphs, by group (1–6). */
  kl69: string[][];
}

/** Reads the clause pools from data/corpus with the product's parser. */
export function clausePools(corpusDir: string): ClausePools {
  const items = sourceItems(corpusDir);
  const kl69 = KL69_GROUPS.map((_, g) =>
    items.filter((i) => i.id.startsWith(`vn/tw/kl/69/2024#${g + 1}.`)).flatMap((i) => clauses(i.text).slice(0, 2)),
  );
  return { tasks: [...new Set(items.flatMap((i) => clauses(i.text)))], kl69 };
}

/** Seeded choices. */
class Dice {
  private readonly rand: () => number;
  constructor(seed: number) {
    this.rand = rng(seed);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }
  /** A whole number from lo to hi, both included. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
}

/** The plans of the corpus (2024), province by province, the Tỉnh ủy plan first in each. */
export function scalePlans(pools: ClausePools, opts: ScaleOptions = DEFAULT_SCALE): PlanSpec[] {
  const dice = new Dice(opts.seed);
  const out: PlanSpec[] = [];
  for (const province of BENCH_PROVINCES.slice(0, opts.provinces)) {
    const tu = tuPlan(province, pools, dice);
    out.push(tu);
    const used = new Set<number>();
    const count = dice.between(opts.plansPerProvince[0], opts.plansPerProvince[1]) - 1;
    for (let k = 0; k < count; k++) out.push(ubndPlan(tu, serial(dice, used), TOPICS[k % TOPICS.length]!, pools, opts.tasksPerPlan, 2024, dice));
  }
  return out;
}

/**
 * `n` more UBND plans of 2025, carrying out the Tỉnh ủy plans of `corpus` province after province:
 * what a later ingest adds to the graph (bench/load.ts). Their numbers are new (a 2025 plan has
 * its own id whatever its serial).
 */
export function laterPlans(pools: ClausePools, corpus: PlanSpec[], n: number, tasksPerPlan: number, seed: number): PlanSpec[] {
  const dice = new Dice(seed);
  const tus = corpus.filter((p) => p.kind === 'tu');
  const used = new Map<string, Set<number>>();
  return Array.from({ length: n }, (_, k) => {
    const tu = tus[k % tus.length]!;
    const taken = used.get(tu.province) ?? new Set<number>();
    used.set(tu.province, taken);
    return ubndPlan(tu, serial(dice, taken), dice.pick(TOPICS), pools, tasksPerPlan, 2025, dice);
  });
}

function serial(dice: Dice, used: Set<number>): number {
  let n = dice.between(100, 4999);
  while (used.has(n)) n = dice.between(100, 4999);
  used.add(n);
  return n;
}

/**
 * The Tỉnh ủy plan: 69-KL/TW's six groups, each paragraph restated as the province's own (its
 * first clauses, sometimes with the province named), then two lines of "TỔ CHỨC THỰC HIỆN"
 * (written by plan-text.ts).
 */
function tuPlan(province: string, pools: ClausePools, dice: Dice): PlanSpec {
  const serial = dice.between(100, 399);
  const groups = KL69_GROUPS.map((title, g) => ({
    title,
    tasks: (pools.kl69[g] ?? []).map((c) => ({ text: `${upperFirst(c)}${dice.pick(LOCAL_SUFFIXES)(province)}.`, lead: null, coordinating: [], timeline: '' })),
  }));
  return {
    kind: 'tu',
    province,
    number: `${serial}-KH/TU`,
    date: iso(2024, dice.between(3, 5), dice.between(1, 28)),
    topic: 'phát triển khoa học, công nghệ và đổi mới sáng tạo',
    parent: null,
    groups,
    fileName: `${slugify(province)}-tu-kh-${serial}-2024.txt`,
  };
}

function ubndPlan(tu: PlanSpec, serial: number, topic: string, pools: ClausePools, tasks: number, year: number, dice: Dice): PlanSpec {
  const groups: GroupSpec[] = [];
  for (let left = tasks; left > 0; ) {
    const n = Math.min(left, dice.between(5, 9));
    groups.push({ title: dice.pick(KL69_GROUPS), tasks: Array.from({ length: n }, () => task(tu.province, pools, dice)) });
    left -= n;
  }
  return {
    kind: 'ubnd',
    province: tu.province,
    number: `${serial}/KH-UBND`,
    date: iso(year, dice.between(6, 12), dice.between(1, 28)),
    topic,
    parent: { number: tu.number, date: tu.date },
    groups,
    fileName: `${slugify(tu.province)}-ubnd-kh-${serial}-${year}.txt`,
  };
}

/** 1–3 clauses; a lead for 90 % (a collective for 7 % of all), 0–2 coordinating bodies. */
function task(province: string, pools: ClausePools, dice: Dice): TaskSpec {
  const parts = [...new Set(Array.from({ length: dice.between(1, 3) }, () => dice.pick(pools.tasks)))];
  const text = `${parts.map((p, i) => (i === 0 ? upperFirst(p) : lowerFirst(p))).join(', ')}${dice.pick(LOCAL_SUFFIXES)(province)}.`;
  const r = dice.between(0, 99);
  const lead = r < 10 ? null : r < 17 ? dice.pick(COLLECTIVES) : dice.pick(AGENCIES);
  const coordinating = [...new Set(Array.from({ length: dice.between(0, 2) }, () => dice.pick(AGENCIES)))].filter((a) => a !== lead);
  return { text, lead, coordinating, timeline: dice.pick(TIMELINES) };
}
