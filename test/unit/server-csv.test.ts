/** CSV downloads carry text from uploaded documents: a cell that a spreadsheet would run as a formula is kept text. */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../format/csv.js';

describe('CSV cells', () => {
  it('neutralises cells starting with =, +, -, @, a tab or a carriage return, and leaves numbers and other text alone', () => {
    const rows = [
      { text: '=HYPERLINK("http://evil","x")', n: -3 },
      { text: '+1+2', n: 4 },
      { text: '- Tăng cường tuyên truyền', n: 0 },
      { text: '@SUM(A1)', n: 1 },
      { text: 'Sở Tài chính', n: 2 },
    ];
    const csv = toCsv(rows, [['text', (r) => r.text], ['n', (r) => r.n]]);
    const lines = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(lines.slice(1, 6)).toEqual([`"'=HYPERLINK(""http://evil"",""x"")",-3`, "'+1+2,4", "'- Tăng cường tuyên truyền,0", "'@SUM(A1),1", 'Sở Tài chính,2']);
  });
});
