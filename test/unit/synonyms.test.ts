/** Sector phrases read with the parent resolution's own words (ingest/link/synonyms.ts). */
import { describe, expect, it } from 'vitest';
import { matchKey } from '../../core/vn-text.js';
import { addSynonyms, SYNONYMS } from '../../ingest/link/synonyms.js';
import { lexicalSimilarity } from '../../ingest/link/lexical-similarity.js';

describe('addSynonyms', () => {
  it('keeps the phrase and adds the parent’s after it, whole syllables only', () => {
    expect(addSynonyms(matchKey('Tổ chức bồi dưỡng cho công chức'))).toBe('to chuc boi duong ; nang cao kien thuc ; cho cong chuc');
    // "iot" inside a word or "boi" alone are not the listed phrases.
    expect(addSynonyms('idiot boi')).toBe('idiot boi');
    expect(addSynonyms(matchKey('Trung tâm điều hành IOC của tỉnh'))).toContain('trung tam dieu hanh ; he thong giam sat, dieu hanh thong minh ;');
  });

  it('every entry is tone-folded and says where its usage comes from', () => {
    for (const s of SYNONYMS) {
      expect(s.source.length).toBeGreaterThan(20);
      for (const p of [...s.phrases, s.means]) expect(p).toBe(matchKey(p));
    }
  });

  it('lets a sector task meet the paragraph of 57-NQ/TW it carries out', async () => {
    // 2597/QĐ-TTg III.3.e (tuning part of the gold set) against 57-NQ/TW III.5.3 and III.3.5 (openings).
    const task = 'thiết lập hệ thống dự phòng, sao lưu, phục hồi dữ liệu và tổ chức giám sát an toàn thông tin 24/7';
    // Without the entry the security sentence scored 0.08 and the telecom one (sharing "dự phòng",
    // "an toàn") 0.37; with it the two are level.
    const [row] = await lexicalSimilarity.matrix(
      [task],
      ['Bảo đảm an toàn, an ninh mạng và chủ quyền quốc gia trên nền tảng số và không gian mạng.', 'Phát triển hạ tầng viễn thông, Internet đáp ứng yêu cầu dự phòng, kết nối, an toàn, bền vững.'],
    );
    expect(row![0]).toBeGreaterThan(0.25);
    expect(row![0]).toBeGreaterThan(0.8 * row![1]!);
  });
});
