/**
 * The synthetic scale corpus: real task and directive sentences of the demo corpus (data/corpus,
 * parsed with the product's parser), cut into clauses and recombined into new task texts, each
 * assigned to one of the 63 provinces. Deterministic: the same seed gives the same texts, in the
 * same order, so the first 10k of the 100k set are the 10k set and share its cached vectors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from '../../ingest/parse/parse-document.js';
import { foldLower } from '../../ingest/parse/text/fold.js';
import { CENTRAL_CITIES, PROVINCES } from '../../ingest/parse/provinces.js';

/** 63 provinces: the parser's list names Huế twice ("Thừa Thiên Huế" before 2025, "Huế" after). */
export const BENCH_PROVINCES: readonly string[] = PROVINCES.filter((p) => p !== 'Thừa Thiên Huế');

export interface SourceItem {
  file: string;
  id: string;
  text: string;
}

export interface SyntheticTask {
  id: string;
  province: string;
  text: string;
}

/** Id of the i-th synthetic task; its row in every vector matrix is i. */
export const taskId = (i: number) => `bench/${String(i).padStart(6, '0')}`;

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every task and directive item of the corpus (the units the relevance set judges: 203). */
export function sourceItems(corpusDir: string): SourceItem[] {
  const files = (fs.readdirSync(corpusDir, { recursive: true }) as string[])
    .filter((f) => /\.(txt|md)$/i.test(f) && fs.statSync(path.join(corpusDir, f)).isFile())
    .sort();
  const out: SourceItem[] = [];
  for (const file of files) {
    const record = parseDocument(fs.readFileSync(path.join(corpusDir, file), 'utf8'), { fileName: file });
    for (const it of record.items) if (it.isTask || it.isDirective) out.push({ file, id: it.id, text: it.text });
  }
  return out;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * Verbs that open a task clause. A comma or semicolon starts a new clause only before one of
 * these, so enumerations ("khoa học, công nghệ và đổi mới sáng tạo", "cán bộ, công chức, viên
 * chức") stay whole.
 */
const CLAUSE_VERBS = [
  'tăng cường', 'nâng cao', 'đẩy mạnh', 'xây dựng', 'phát triển', 'hoàn thiện', 'tổ chức', 'thực hiện',
  'hỗ trợ', 'khuyến khích', 'ưu tiên', 'tập trung', 'triển khai', 'nghiên cứu', 'ứng dụng', 'đổi mới',
  'rà soát', 'kiểm tra', 'huy động', 'thu hút', 'tạo', 'gắn', 'bảo đảm', 'đảm bảo', 'chú trọng',
  'quan tâm', 'kịp thời', 'tiếp tục', 'lồng ghép', 'phối hợp', 'chỉ đạo', 'lãnh đạo', 'tuyên truyền',
  'phổ biến', 'quán triệt', 'cụ thể hoá', 'cụ thể hóa', 'khẩn trương', 'đào tạo', 'bồi dưỡng', 'sử dụng',
  'đầu tư', 'hình thành', 'thúc đẩy', 'mở rộng', 'tăng', 'giao', 'đề xuất', 'ban hành', 'xác định',
  'khai thác', 'kết nối', 'chuyển giao', 'thương mại hoá', 'thương mại hóa', 'cải cách', 'tham mưu',
  'theo dõi', 'đánh giá', 'biểu dương', 'khen thưởng', 'xử lý', 'phát huy', 'củng cố', 'sắp xếp',
];
const VERB_START = new RegExp(`^(${CLAUSE_VERBS.join('|')})(?=\\s)`, 'iu');
const MIN_CLAUSE_WORDS = 5;

/**
 * Sentences (split at . ; : ! ? and list dashes), each cut into clauses at the commas and
 * semicolons that precede a clause-opening verb; clauses of fewer than 5 words stay with the
 * clause before them.
 */
export function clauses(text: string): string[] {
  const out: string[] = [];
  const sentences = text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.;:!?])\s+|\s+[-–+]\s+(?=\p{Lu})/u)
    .map((s) => s.replace(/^[\s\-–+•*]+|[\s.;:,]+$/gu, ''))
    .filter(Boolean);
  for (const sentence of sentences) {
    const pieces: string[] = [];
    for (const p of sentence.split(/,\s+/)) {
      const last = pieces.length - 1;
      if (last >= 0 && (!VERB_START.test(p) || words(pieces[last]!) < MIN_CLAUSE_WORDS)) pieces[last] += `, ${p}`;
      else pieces.push(p);
    }
    if (pieces.length > 1 && words(pieces[pieces.length - 1]!) < MIN_CLAUSE_WORDS) pieces[pieces.length - 2] += `, ${pieces.pop()!}`;
    out.push(...pieces);
  }
  return out.filter((c) => words(c) >= 4 && words(c) <= 80);
}

function lowerFirst(s: string): string {
  // Keep acronyms and proper nouns at the start ("UBND", "Sở ...", "Kết luận số 69"): only a
  // capitalised common word is lowered, judged by the second letter being lower case.
  if (/^\p{Lu}\p{Ll}/u.test(s) && !/^(Sở|Ủy|Uỷ|UBND|Ban|Đảng|Nhà nước|Chính phủ|Quốc hội|Trung ương|Kết luận|Nghị quyết|Chỉ thị|Tỉnh|Thành|Mặt trận)\b/u.test(s)) {
    return s[0]!.toLowerCase() + s.slice(1);
  }
  return s;
}

function upperFirst(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

function where(province: string): string {
  return CENTRAL_CITIES.has(province) ? `thành phố ${province}` : `tỉnh ${province}`;
}

const LOCAL_SUFFIXES = [
  (p: string) => ` trên địa bàn ${where(p)}`,
  (p: string) => ` của ${where(p)}`,
  (p: string) => ` tại ${where(p)}`,
  (p: string) => ` phù hợp với điều kiện thực tế của ${where(p)}`,
];

/**
 * `n` task texts: 1–4 clauses from different source items (weights 25/40/25/10 %), joined as one
 * sentence; a third mention their province. Texts are unique.
 */
export function synthesize(pool: string[], n: number, seed: number): SyntheticTask[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const seen = new Set<string>();
  const out: SyntheticTask[] = [];
  let attempts = 0;
  while (out.length < n) {
    if (++attempts > n * 20) throw new Error(`could not make ${n} distinct texts from ${pool.length} clauses`);
    const r = rand();
    const k = r < 0.25 ? 1 : r < 0.65 ? 2 : r < 0.9 ? 3 : 4;
    const parts: string[] = [];
    for (let i = 0; i < k; i++) {
      const c = pick(pool);
      if (!parts.includes(c)) parts.push(c);
    }
    const province = pick(BENCH_PROVINCES);
    let text = parts.map((p, i) => (i === 0 ? upperFirst(p) : lowerFirst(p))).join(', ');
    if (rand() < 0.33) text += pick(LOCAL_SUFFIXES)(province);
    text += '.';
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ id: taskId(out.length), province, text });
  }
  return out;
}

const FUNCTION_WORDS = new Set(['của', 'và', 'trong', 'cho', 'để', 'với', 'các', 'theo', 'về', 'trên', 'tại', 'nhằm', 'đến', 'từ', 'gắn', 'là', 'có', 'những', 'phù', 'đối', 'thuộc', 'đáp']);

/**
 * `total` distinct phrases of 3–6 words taken anywhere in the source clauses, lower case, a third
 * without tone marks: queries nobody asked before, in the corpus' own words (bench/load.ts).
 */
export function phraseQueries(pool: string[], total: number, seed: number): string[] {
  const rand = rng(seed);
  const seen = new Set<string>();
  for (let attempts = 0; seen.size < total && attempts < total * 20; attempts++) {
    const ws = pool[Math.floor(rand() * pool.length)]!.replace(/[,;.:()"“”]/g, ' ').trim().split(/\s+/);
    const len = Math.min(ws.length, 3 + Math.floor(rand() * 4));
    const start = Math.floor(rand() * (ws.length - len + 1));
    let text = ws.slice(start, start + len).join(' ').toLowerCase();
    if (rand() < 0.33) text = foldLower(text);
    seen.add(text);
  }
  return [...seen];
}

/**
 * Realistic queries: the relevance set's 44 (typed with and without tone marks), then the first
 * 3–8 words of source clauses (a clause opens with its verb: "đẩy mạnh ứng dụng công nghệ cao"),
 * lower case, a third of them without tone marks as many users type.
 */
export function benchQueries(relevanceFile: string, pool: string[], total: number, seed: number): { text: string; real: boolean }[] {
  const set = JSON.parse(fs.readFileSync(relevanceFile, 'utf8')) as { queries: { query: string }[] };
  const out = set.queries.map((q) => ({ text: q.query, real: true }));
  const rand = rng(seed);
  const seen = new Set(out.map((q) => q.text));
  let attempts = 0;
  while (out.length < total && attempts++ < total * 50) {
    const ws = pool[Math.floor(rand() * pool.length)]!.replace(/[,;()"“”]/g, ' ').trim().split(/\s+/);
    // End before a function word when one comes after 3–8 words, so the phrase does not stop in
    // the middle of a two-syllable word ("quán triệt nội…").
    const cuts = ws.map((w, j) => j).filter((j) => j >= 3 && j <= 8 && FUNCTION_WORDS.has(ws[j]!.toLowerCase()));
    const len = cuts.length > 0 ? cuts[Math.floor(rand() * cuts.length)]! : Math.min(ws.length, 6);
    let text = ws.slice(0, len).join(' ').toLowerCase();
    if (rand() < 0.33) text = foldLower(text);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ text, real: false });
  }
  return out;
}

/**
 * The hybrid search's queries (bench/search-scale.ts, bench/search-phases.ts): `warmUp` phrases
 * answered first, then `passes` passes of `perPass` queries, the first being `first`, the others
 * phrases of the corpus, none asked twice.
 */
export function freshPasses(pool: string[], first: string[], passes: number, perPass: number, warmUp: number, seed: number): { warmUp: string[]; passes: string[][] } {
  const asked = new Set(first);
  const others = phraseQueries(pool, warmUp + perPass * passes, seed).filter((q) => !asked.has(q));
  return {
    warmUp: others.slice(0, warmUp),
    passes: Array.from({ length: passes }, (_, p) => (p === 0 ? [...first] : others.slice(warmUp + (p - 1) * perPass, warmUp + p * perPass))),
  };
}
