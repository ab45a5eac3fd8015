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

  constructor(texts: Iterable<string> = []) {
    this.add(texts);
  }

  /** Counts more texts in (a document just written). */
  add(texts: Iterable<string>): void {
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

/** Texts counted between two yields to the event loop: a national graph's 57k items take seconds. */
const SLICE = 1000;

/** Adds `texts` to `model` a slice at a time, letting requests through between slices. */
async function addInSlices(model: ToneRestorer, texts: string[]): Promise<void> {
  for (let at = 0; at < texts.length; at += SLICE) {
    model.add(texts.slice(at, at + SLICE));
    if (at + SLICE < texts.length) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Share of the model's items changed (added or removed) since it was built past which it is built again. */
const REBUILD_SHARE = 0.2;

type ItemTexts = (ids?: string[]) => Promise<{ text: string; titles: string }[]>;

/**
 * A ToneRestorer that follows the graph: built once from every item's text and headings (at the
 * search's start, `warm`), then told of the items each sync added, whose texts it reads and counts
 * in. Items removed stay counted until enough has changed for a rebuild: a form a deleted document
 * used is still a Vietnamese form, so a model a few documents behind is harmless, a query waiting
 * for a rebuild is not (on a national graph a build reads 57k texts and counts them for seconds,
 * which once made every search wait past its deadline after each upload). Work is done in slices
 * so requests go on meanwhile; until the first build ends, queries wait for it.
 */
export class GraphToneRestorer {
  private current: ToneRestorer | null = null;
  private building: Promise<ToneRestorer> | null = null;
  private updating: Promise<void> | null = null;
  /** Items the syncs added since the model last read the graph (dropped once a rebuild is due). */
  private added: string[] = [];
  /** Items added or removed since the model read the whole graph, and how many it read then. */
  private changedSince = 0;
  private counted = 0;

  constructor(private readonly itemTexts: ItemTexts) {}

  /** Builds the model now (at start), so the first query does not wait for it. */
  async warm(): Promise<void> {
    if (!this.current) await this.rebuild();
  }

  /** A sync changed the index: these items were added (or re-embedded), `removed` left it. */
  changed(addedIds: string[], removed: number): void {
    // Before any build, the first one reads them all.
    if (!this.current && !this.building) return;
    this.changedSince += addedIds.length + removed;
    if (this.rebuildDue()) this.added = [];
    else this.added.push(...addedIds);
  }

  async restore(query: string): Promise<string> {
    const model = this.current ?? (await this.rebuild());
    if (!this.updating && !this.building && (this.added.length > 0 || this.rebuildDue())) {
      // In the background: this query is served by the model as it is.
      this.updating = (this.rebuildDue() ? this.rebuild().then(() => undefined) : this.addChanged()).finally(() => (this.updating = null));
      this.updating.catch(() => undefined);
    }
    return model.restore(query);
  }

  private rebuildDue(): boolean {
    return this.changedSince > REBUILD_SHARE * this.counted;
  }

  private async addChanged(): Promise<void> {
    const ids = this.added;
    this.added = [];
    try {
      const rows = await this.itemTexts(ids);
      await addInSlices(this.current!, rows.flatMap((r) => [r.text, r.titles]));
    } catch (err) {
      // Tried again after the next query.
      this.added.push(...ids);
      throw err;
    }
  }

  private rebuild(): Promise<ToneRestorer> {
    if (!this.building) {
      // What syncs add while the graph is read is in the read, or counted in after it.
      this.added = [];
      this.changedSince = 0;
      const building = (async () => {
        const rows = await this.itemTexts();
        const model = new ToneRestorer();
        await addInSlices(model, rows.flatMap((r) => [r.text, r.titles]));
        this.current = model;
        this.counted = rows.length;
        return model;
      })();
      this.building = building;
      const done = () => (this.building = null);
      building.then(done, () => {
        done();
        // Due again: the next query tries once more.
        this.changedSince = Number.POSITIVE_INFINITY;
      });
    }
    return this.building;
  }
}
