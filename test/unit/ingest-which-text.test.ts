/** Which text is the document when an upload reads as one the graph already holds (ingest/which-text.ts). */
import { describe, expect, it } from 'vitest';
import { isReportAbout } from '../../ingest/parse/identity.js';
import { decideText } from '../../ingest/which-text.js';

const full = { sourceFile: 'kl-69-KLTW-2024.md', textLength: 18_000, items: 22, report: false };

describe('which text is the document', () => {
  it('keeps the full text against a shorter copy from another file, and says why', () => {
    const d = decideText(full, { sourceFile: 'first-133-bytes.md', textLength: 133, items: 0, report: false });
    expect(d.replace).toBe(false);
    expect(d.reason).toMatch(/^kept the text in the graph \(kl-69-KLTW-2024\.md; 22 items, 18000 characters\)/);
    expect(d.reason).toMatch(/another source: it is a shorter copy \(0 items, 133 characters\)$/);
    expect(decideText(full, { sourceFile: 'excerpt.md', textLength: 17_000, items: 12, report: false }).replace).toBe(false);
  });

  it('keeps the document against a news article about it, however long', () => {
    const d = decideText(full, { sourceFile: 'toan-van.md', textLength: 40_000, items: 30, report: true });
    expect(d).toMatchObject({ replace: false, reason: expect.stringMatching(/report about the document/) });
  });

  it('replaces it with a fuller text, with its owner\'s new version of the same file, and an article with the document', () => {
    const fuller = decideText(full, { sourceFile: 'other.pdf', textLength: 19_000, items: 22, report: false });
    expect(fuller).toMatchObject({ replace: true, reason: expect.stringMatching(/^replaced .*as full or fuller/) });
    const again = decideText(full, { sourceFile: 'kl-69-KLTW-2024.md', textLength: 9_000, items: 10, report: false });
    expect(again).toMatchObject({ replace: true, reason: expect.stringMatching(/same file uploaded again/) });
    const overReport = decideText({ ...full, report: true }, { sourceFile: 'x.pdf', textLength: 15_000, items: 20, report: false });
    expect(overReport).toMatchObject({ replace: true, reason: expect.stringMatching(/held a report/) });
  });

  it('knows a report by the parser\'s warning', () => {
    expect(isReportAbout(['source is a report about Kế hoạch 44-KH/TU, not the document itself; …'])).toBe(true);
    expect(isReportAbout(['no issue date found'])).toBe(false);
  });
});
