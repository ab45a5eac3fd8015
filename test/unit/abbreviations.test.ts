/** Abbreviations of the domain's phrases read as the phrases (ingest/link/abbreviations.ts). */
import { describe, expect, it } from 'vitest';
import { expandAbbreviations } from '../../ingest/link/abbreviations.js';
import { lexicalSimilarity } from '../../ingest/link/lexical-similarity.js';

describe('expandAbbreviations', () => {
  it('writes out whole-token abbreviations and leaves words that merely contain them', () => {
    expect(expandAbbreviations('Ứng dụng AI và CNTT; đầu tư theo PPP')).toBe('Ứng dụng trí tuệ nhân tạo và công nghệ thông tin; đầu tư theo hợp tác công tư');
    expect(expandAbbreviations('Phát triển KH&CN, ĐMST và R&D')).toBe('Phát triển khoa học và công nghệ, đổi mới sáng tạo và nghiên cứu và phát triển');
    // Lower-case "ai" is a Vietnamese word ("ai cũng"), and "AIS" or "MAI" are other tokens.
    expect(expandAbbreviations('ai cũng dùng AIS, MAI')).toBe('ai cũng dùng AIS, MAI');
    expect(expandAbbreviations('UBND tỉnh; Nghị quyết 57-NQ/TW')).toBe('UBND tỉnh; Nghị quyết 57-NQ/TW');
  });

  it('lets a task written with abbreviations meet the paragraph that writes them out', async () => {
    // 2597/QĐ-TTg writes "áp dụng công nghệ AI, IoT, GIS, BIM"; 57-NQ/TW III.3.6 "ứng dụng trí tuệ nhân tạo".
    const [row] = await lexicalSimilarity.matrix(
      ['Phát triển ứng dụng AI dựa trên dữ liệu lớn'],
      ['Phát triển mạnh mẽ ứng dụng trí tuệ nhân tạo dựa trên dữ liệu lớn đối với các ngành, lĩnh vực quan trọng.', 'Hợp tác quốc tế về công nghệ lượng tử'],
    );
    expect(row![0]).toBeGreaterThan(0.6);
    expect(row![1]).toBe(0);
  });
});
