/**
 * Which text is the document when an upload reads as one already in the graph (the same number,
 * type, issuer and year). A shorter copy, an excerpt or a news article carrying its number must
 * never replace the full text: its items and every task → directive link into them would go.
 *
 * The rule: the text in the graph stays when the new one is a report about the document while the
 * graph holds the document itself, or when the new one comes from another file and is not
 * markedly fuller: at least a tenth more text (FULLER_BY) with as many items or more. Copies of
 * one document in other formats differ by a few characters (Quảng Bình's plan of data/corpus as
 * text and as a web page: 12,960 and 12,965, read as 22 and 25 items); a copy cut a few lines
 * before its end keeps every item but takes the end of the text with it; a copy with its lines
 * shuffled has exactly as many characters and may read as more items. Any of those replacing the
 * text would change its items, and every task → directive link into them would be redone or
 * gone. A file uploaded again under the same name is its owner's new version and replaces the
 * text; so does a markedly fuller one, and the document itself replaces a report about it unless
 * it is markedly shorter (under 60 % of the text, or under 80 % of the items). Whichever text
 * loses stays listed as another source of the document; the reason says what was done, for the
 * answer to the uploader.
 */
import type { Decision, TextRule } from '../api-schema/documents.js';

export interface TextSummary {
  sourceFile: string | null;
  textLength: number;
  items: number;
  /** A report about the document (a portal article), not the document itself. */
  report: boolean;
}

// The decision crosses the API boundary (the upload's answer), so its shape is declared in api-schema.
export { Decision, TextRule } from '../api-schema/documents.js';

/** How much more text another file must hold to replace the text in the graph. */
const FULLER_BY = 1.1;

const describe = (t: TextSummary) => `${t.items} items, ${t.textLength} characters`;

export function decideText(existing: TextSummary, incoming: TextSummary): Decision {
  const held = `the text in the graph (${existing.sourceFile ?? 'no file name'}; ${describe(existing)})`;
  const kept = (rule: TextRule, why: string) => ({ replace: false, rule, reason: `kept ${held}; this file is listed as another source: ${why}` });
  const replaced = (rule: TextRule, why: string) => ({ replace: true, rule, reason: `replaced ${held}, now listed as another source: ${why}` });

  if (incoming.report && !existing.report) return kept('report', 'it is a report about the document, the graph holds the document itself');
  if (incoming.sourceFile && incoming.sourceFile === existing.sourceFile) {
    return { replace: true, rule: 'same-file', reason: `replaced ${held}: the same file uploaded again is its new version` };
  }
  const markedlyShorter = incoming.textLength < existing.textLength * 0.6 || incoming.items < existing.items * 0.8;
  if (existing.report && !incoming.report && !markedlyShorter) {
    return replaced('document-over-report', 'the graph held a report about the document; this is the document');
  }
  if (incoming.textLength < existing.textLength || incoming.items < existing.items) {
    return kept('shorter-copy', `it is a shorter copy (${describe(incoming)})`);
  }
  if (incoming.textLength < existing.textLength * FULLER_BY) {
    return kept('shorter-copy', `it is no fuller: a copy of about the same length (${describe(incoming)})`);
  }
  return replaced('fuller', `this text is fuller (${describe(incoming)})`);
}
