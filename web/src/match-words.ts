/**
 * How well a hit matches, in words: staff see a level, never the number behind it. The levels
 * come from the API's calibrated match (search/calibration.ts); on the judged sets "rất sát" and
 * "rất giống" hits were right about 8 and 9 times in 10, "liên quan" 4 to 5 times in 10, "ít
 * liên quan" less than one time in five (bench/README.md).
 */
import type { SearchHit } from './types.js';

type Level = SearchHit['match']['level'];

/** For a search: how closely the item answers the words typed. */
export const SEARCH_MATCH_WORDS: Record<Level, string> = {
  strong: 'Rất sát',
  related: 'Liên quan',
  partial: 'Ít liên quan',
};

/** For "tasks like this": how alike the two tasks are. */
export const SIMILAR_MATCH_WORDS: Record<Level, string> = {
  strong: 'Rất giống',
  related: 'Liên quan',
  partial: 'Ít liên quan',
};

/** What each level means, for the badge's tooltip. */
export const MATCH_HINT: Record<Level, string> = {
  strong: 'Gần như chắc chắn đúng việc bạn tìm',
  related: 'Có liên quan, nên đọc lại để chắc chắn',
  partial: 'Chỉ liên quan một phần',
};
