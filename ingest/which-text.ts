/**
 * Which text is the document when an upload reads as one already in the graph (the same number,
 * type, issuer and year). A shorter copy, an excerpt or a news article carrying its number must
 * never replace the full text: its items and every task → directive link into them would go.
 *
 * The rule: the text in the graph stays when the new one is a report about the document while the
 * graph holds the document itself, or when the new one is markedly shorter (under 60 % of the
 * text, or under 80 % of the items) and comes from another file. A file uploaded again under the
 * same name is its owner's new version and replaces it; so does a longer or fuller text, and the
 * document itself replaces a report about it. Whichever text loses stays listed as another source
 * of the document; the reason says what was done, for the answer to the uploader.
 */
import { z } from 'zod';

export interface TextSummary {
  sourceFile: string | null;
  textLength: number;
  items: number;
  /** A report about the document (a portal article), not the document itself. */
  report: boolean;
}

/** Which part of the rule decided: the UI words each one for the uploader. */
export const TextRule = z.enum(['report', 'shorter-copy', 'same-file', 'document-over-report', 'fuller']);
export type TextRule = z.infer<typeof TextRule>;

export const Decision = z.object({
  /** True when the incoming text became the document's text. */
  replace: z.boolean(),
  rule: TextRule,
  reason: z.string(),
});
export type Decision = z.infer<typeof Decision>;

const describe = (t: TextSummary) => `${t.items} items, ${t.textLength} characters`;

export function decideText(existing: TextSummary, incoming: TextSummary): Decision {
  const held = `the text in the graph (${existing.sourceFile ?? 'no file name'}; ${describe(existing)})`;
  const kept = (rule: TextRule, why: string) => ({ replace: false, rule, reason: `kept ${held}; this file is listed as another source: ${why}` });
  const replaced = (rule: TextRule, why: string) => ({ replace: true, rule, reason: `replaced ${held}, now listed as another source: ${why}` });

  if (incoming.report && !existing.report) return kept('report', 'it is a report about the document, the graph holds the document itself');
  if (incoming.sourceFile && incoming.sourceFile === existing.sourceFile) {
    return { replace: true, rule: 'same-file', reason: `replaced ${held}: the same file uploaded again is its new version` };
  }
  if (incoming.textLength < existing.textLength * 0.6 || incoming.items < existing.items * 0.8) {
    return kept('shorter-copy', `it is a shorter copy (${describe(incoming)})`);
  }
  if (existing.report && !incoming.report) return replaced('document-over-report', 'the graph held a report about the document; this is the document');
  return replaced('fuller', `this text is as full or fuller (${describe(incoming)})`);
}
