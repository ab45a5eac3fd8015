/**
 * The ingest that runs during the second phase: 150 documents uploaded through the API one after
 * another (POST /api/documents, as the upload view sends them): the 68 real portal copies of
 * data/wild/docs, then UBND plans of 2025 carrying out the provinces' Tỉnh ủy plans already in the
 * graph (bench/scale-graph/plans.ts' laterPlans), written as text files. Each is parsed in the
 * server's worker, linked, written, and its items embedded and indexed before the answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { discoverFiles } from '../../ingest/discover-files.js';
import { REPO_ROOT } from '../../core/paths.js';
import { planText } from '../scale-graph/plan-text.js';
import { clausePools, laterPlans, scalePlans, type ScaleOptions } from '../scale-graph/plans.js';

export const UPLOADS = 150;

export async function uploadSet(dir: string, scale: ScaleOptions, seed: number): Promise<{ files: string[]; real: number; synthetic: number }> {
  const real = await discoverFiles([path.join(REPO_ROOT, 'data/wild/docs')]);
  const pools = clausePools(path.join(REPO_ROOT, 'data/corpus'));
  const later = laterPlans(pools, scalePlans(pools, scale), UPLOADS - real.length, scale.tasksPerPlan, seed);
  fs.mkdirSync(dir, { recursive: true });
  const synthetic = later.map((p) => {
    const file = path.join(dir, p.fileName);
    fs.writeFileSync(file, planText(p));
    return file;
  });
  // Interleaved, so that the real documents' variety spreads over the whole phase.
  const files = Array.from({ length: Math.max(real.length, synthetic.length) }, (_, i) => [real[i], synthetic[i]]).flat().filter((f): f is string => Boolean(f));
  return { files, real: real.length, synthetic: synthetic.length };
}
