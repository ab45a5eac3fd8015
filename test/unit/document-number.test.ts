/** What a document search's words name as a type and serial number (server/queries/document-number.ts). */
import { describe, expect, it } from 'vitest';
import { numberedAs } from '../../server/queries/document-number.js';

describe('numberedAs', () => {
  it('reads type words or codes and serials, with or without tone marks', () => {
    expect(numberedAs('ket luan 69')).toEqual({ typeCodes: ['kl'], serials: [69] });
    expect(numberedAs('Kết luận số 69-KL/TW')).toEqual({ typeCodes: ['kl'], serials: [69] });
    expect(numberedAs('kế hoạch 3229')).toEqual({ typeCodes: ['kh'], serials: [3229] });
    expect(numberedAs('QĐ 709')).toEqual({ typeCodes: ['qd'], serials: [709] });
    expect(numberedAs('3229')).toEqual({ typeCodes: [], serials: [3229] });
  });

  it('names nothing without a number, and reads a type inside a longer word as no type', () => {
    expect(numberedAs('khoa học công nghệ')).toBeNull();
    expect(numberedAs('khoa hoc 2025')?.typeCodes).toEqual([]);
  });
});
