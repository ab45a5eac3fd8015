/** Which text is the document when an upload reads as one the graph already holds (ingest/which-text.ts). */
import { describe, expect, it } from 'vitest';
import { isReportAbout } from '../../ingest/parse/identity/index.js';
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

  it('keeps it against a copy cut just before its end, every item there but the end of the text gone (was: replaced as "as full")', () => {
    // The first 99 % of 69-KL/TW's bytes: its 19 items, 13,405 of its 13,547 characters.
    const kl69 = { sourceFile: 'kl-69-KLTW-2024.md', textLength: 13_547, items: 19, report: false };
    const cut = decideText(kl69, { sourceFile: 'kl-69-dau.md', textLength: 13_405, items: 19, report: false });
    expect(cut).toMatchObject({ replace: false, rule: 'shorter-copy' });
    expect(decideText(kl69, { sourceFile: 'other.md', textLength: 13_600, items: 18, report: false }).replace).toBe(false);
  });

  it('keeps it against a copy of about the same length, even one read as more items (was: replaced, and every link into it redone)', () => {
    // 3229/KH-UBND (38 items, 30,809 characters) with its lines shuffled reads as 39 items; Quảng
    // Bình's plan (22 items, 12,960 characters) wrapped in a web page as 25 items, 12,965 characters.
    const shuffled = decideText(
      { sourceFile: '003_2c04bff435a40578.txt', textLength: 30_809, items: 38, report: false },
      { sourceFile: '003-shuffled.txt', textLength: 30_809, items: 39, report: false },
    );
    expect(shuffled).toMatchObject({ replace: false, rule: 'shorter-copy', reason: expect.stringMatching(/no fuller: a copy of about the same length \(39 items, 30809 characters\)$/) });
    const asWebPage = decideText({ sourceFile: '000_7e0883046d7fbb4f.txt', textLength: 12_960, items: 22, report: false }, { sourceFile: '000.html', textLength: 12_965, items: 25, report: false });
    expect(asWebPage.replace).toBe(false);
  });

  it('keeps the document against a news article about it, however long', () => {
    const d = decideText(full, { sourceFile: 'toan-van.md', textLength: 40_000, items: 30, report: true });
    expect(d).toMatchObject({ replace: false, reason: expect.stringMatching(/report about the document/) });
  });

  it('replaces it with a fuller text, with its owner\'s new version of the same file, and an article with the document', () => {
    const fuller = decideText(full, { sourceFile: 'other.pdf', textLength: 20_000, items: 22, report: false });
    expect(fuller).toMatchObject({ replace: true, reason: expect.stringMatching(/^replaced .*this text is fuller/) });
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
