/**
 * Puts tone marks back on a query typed without them, from the corpus' own usage, before the
 * query is embedded. multilingual-e5 reads "khoi nghiep doi moi sang tao" as near-gibberish (on the
 * relevance set, vector-only nDCG@10 was 0.19 for such queries against 0.73 with marks), while
 * the lexical side, tone-folded, does not care: restoring the marks is what lets the vector side
 * help on these queries instead of dragging the fusion down.
 *
 * A bigram model over the corpus' syllables (exact forms), decoded with Viterbi: each unmarked
 * query syllable may become any form the corpus writes with the same folded spelling, and the
 * pairs the corpus actually uses decide ("sang tao" → "sáng tạo", "chuyen sang" → "chuyển sang").
 * Syllables the user typed with marks are kept as typed; unknown ones are left alone.
 */
import { isAccented, tokenize } from './text.js';

/** Weight of the bigram estimate against the form's own frequency (interpolated smoothing). */
const LAMBDA = 0.8;
/** Floor of any transition, so an unseen pair is unlikely, not impossible. */
const FLOOR = 1e-6;
/**
 * In a query typed with marks elsewhere, an unmarked syllable may well be meant unmarked ("khoán
 * chi", "thanh tra"): keeping it as typed is this many times more likely a priori.
 */
const KEEP_TYPED = 20;

export class ToneRestorer {
  private readonly unigram = new Map<string, number>();
  private readonly bigram = new Map<string, number>();
  /** folded → its exact forms in the corpus. */
  private readonly forms = new Map<string, Set<string>>();
  private readonly foldedCount = new Map<string, number>();
  private total = 0;

  constructor(texts: Iterable<string>) {
    for (const text of texts) {
      const tokens = tokenize(text);
      tokens.forEach((t, i) => {
        this.unigram.set(t.exact, (this.unigram.get(t.exact) ?? 0) + 1);
        this.total++;
        this.foldedCount.set(t.folded, (this.foldedCount.get(t.folded) ?? 0) + 1);
        let set = this.forms.get(t.folded);
        if (!set) this.forms.set(t.folded, (set = new Set()));
        set.add(t.exact);
        if (i > 0) {
          const key = `${tokens[i - 1]!.exact} ${t.exact}`;
          this.bigram.set(key, (this.bigram.get(key) ?? 0) + 1);
        }
      });
    }
  }

  /** How often the corpus writes this folded syllable as `exact`, among all its forms. */
  private formShare(exact: string, folded: string): number {
    return (this.unigram.get(exact) ?? 0) / Math.max(1, this.foldedCount.get(folded) ?? 0);
  }

  /**
   * log P(next | prev), interpolated with next's plain frequency: a pair the corpus never writes
   * ("thành tra") must lose to one it does ("thanh tra") even when its first syllable is the
   * more common form.
   */
  private transition(prev: string, next: string): number {
    const pair = (this.bigram.get(`${prev} ${next}`) ?? 0) / Math.max(1, this.unigram.get(prev) ?? 0);
    const single = (this.unigram.get(next) ?? 0) / Math.max(1, this.total);
    return Math.log(LAMBDA * pair + (1 - LAMBDA) * single + FLOOR);
  }

  /**
   * The query with the most likely marks on its unmarked syllables; the text between syllables
   * is kept as typed. Returns the query unchanged when nothing was restored.
   */
  restore(query: string): string {
    const tokens = tokenize(query);
    if (tokens.length === 0 || tokens.every(isAccented)) return query;
    const typedWithMarks = tokens.some(isAccented);
    const candidates = tokens.map((t) => {
      if (isAccented(t)) return [t.exact];
      return [...new Set([t.exact, ...(this.forms.get(t.folded) ?? [])])];
    });
    // log prior of a candidate at position i, beside the transitions.
    const prior = (i: number, c: string) => (typedWithMarks && c === tokens[i]!.exact ? Math.log(KEEP_TYPED) : 0);
    // Viterbi over the candidate forms.
    let scores = candidates[0]!.map((c) => Math.log(this.formShare(c, tokens[0]!.folded) + FLOOR) + prior(0, c));
    const back: number[][] = [];
    for (let i = 1; i < tokens.length; i++) {
      const next: number[] = [];
      const from: number[] = [];
      for (const c of candidates[i]!) {
        const bonus = prior(i, c);
        let best = -Infinity;
        let arg = 0;
        candidates[i - 1]!.forEach((p, j) => {
          const s = scores[j]! + this.transition(p, c) + bonus;
          if (s > best) {
            best = s;
            arg = j;
          }
        });
        next.push(best);
        from.push(arg);
      }
      scores = next;
      back.push(from);
    }
    let k = scores.indexOf(Math.max(...scores));
    const chosen: string[] = new Array(tokens.length);
    for (let i = tokens.length - 1; i >= 0; i--) {
      chosen[i] = candidates[i]![k]!;
      if (i > 0) k = back[i - 1]![k]!;
    }
    let out = '';
    let at = 0;
    tokens.forEach((t, i) => {
      const typed = query.slice(t.start, t.end);
      const form = chosen[i]!;
      const cased = typed[0] !== typed[0]!.toLowerCase() ? form[0]!.toUpperCase() + form.slice(1) : form;
      out += query.slice(at, t.start) + (isAccented(t) || form === t.exact ? typed : cased);
      at = t.end;
    });
    return out + query.slice(at);
  }
}

/**
 * A ToneRestorer that follows the graph: built from every item's text and headings on first
 * use, rebuilt in the background after the index changed. Until a rebuild is done the previous
 * model keeps serving: a language model a document behind is harmless, a query waiting is not.
 */
export class GraphToneRestorer {
  private current: ToneRestorer | null = null;
  private building: Promise<ToneRestorer> | null = null;
  private stale = false;

  constructor(private readonly loadTexts: () => Promise<{ text: string; titles: string }[]>) {}

  /** The graph changed: rebuild on next use. */
  invalidate(): void {
    this.stale = true;
  }

  private rebuild(): Promise<ToneRestorer> {
    if (!this.building) {
      this.stale = false;
      const building = this.loadTexts().then((rows) => new ToneRestorer(rows.flatMap((r) => [r.text, r.titles])));
      this.building = building;
      building.then(
        (model) => {
          this.current = model;
          this.building = null;
        },
        () => {
          this.building = null;
          this.stale = true;
        },
      );
    }
    return this.building;
  }

  async restore(query: string): Promise<string> {
    if (this.current) {
      // A failed background rebuild is retried on a later query; this one is served regardless.
      if (this.stale) this.rebuild().catch(() => undefined);
      return this.current.restore(query);
    }
    return (await this.rebuild()).restore(query);
  }
}
