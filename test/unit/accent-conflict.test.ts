/**
 * How much an item contradicts the tone marks of the query (search/highlight.ts accentConflict),
 * expected values worked out by hand from the syllables: the query's content syllables and its
 * adjacent pairs are the units; a unit the item has only with other marks conflicts.
 */
import { describe, expect, it } from 'vitest';
import { accentConflict, queryTerms } from '../../search/highlight.js';

const conflict = (query: string, text: string) => accentConflict(text, queryTerms(query));

describe('accentConflict', () => {
  it('is null when the query has no marks, or the item shares none of its words', () => {
    expect(conflict('tri thuc', 'đội ngũ trí thức')).toBeNull();
    expect(conflict('tri thức', 'hỗ trợ khởi nghiệp')).toBeNull();
  });

  it('counts the syllables and pairs found only with other marks', () => {
    // Units "tri", "thức", "tri thức": "tri" and the pair are there only as "trí", "trí thức".
    expect(conflict('tri thức', 'Phát triển đội ngũ trí thức')).toBeCloseTo(2 / 3);
    expect(conflict('tri thức', 'Kinh tế tri thức và trí thức trẻ')).toBe(0);
    // "đa" is not "đá"; "dạng" is not asked for. Units "bóng", "đá", "bóng đá": only "đá" is found (as "đa").
    expect(conflict('bóng đá', 'đa dạng sinh học')).toBe(1);
  });

  it('leaves function words out as units, but not out of pairs', () => {
    // Units "phát", "triển", "phát triển", "triển của" ("của" alone is a function word).
    expect(conflict('phát triển của', 'phát triển cua đồng')).toBeCloseTo(1 / 4);
    // The old and new placements of a tone mark are the same syllable.
    expect(conflict('hoá học', 'hóa học')).toBe(0);
  });
});
