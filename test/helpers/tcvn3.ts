/**
 * Text → TCVN3 (ABC) bytes, the ".VnTime" font encoding of Vietnamese files from before Unicode.
 * iconv-lite has no TCVN3, and the hostile uploads need files in it. Capitals with a tone mark have
 * no code of their own (they were written in the capitals font ".VnTimeH" with the small letters'
 * codes), so they take the small letter's byte, as those files do.
 */
const ROWS: [string, number[]][] = [
  ['àảãáạ', [0xb5, 0xb6, 0xb7, 0xb8, 0xb9]],
  ['ằẳẵắặ', [0xbb, 0xbc, 0xbd, 0xbe, 0xc6]],
  ['ầẩẫấậ', [0xc7, 0xc8, 0xc9, 0xca, 0xcb]],
  ['èẻẽéẹ', [0xcc, 0xce, 0xcf, 0xd0, 0xd1]],
  ['ềểễếệ', [0xd2, 0xd3, 0xd4, 0xd5, 0xd6]],
  ['ìỉĩíị', [0xd7, 0xd8, 0xdc, 0xdd, 0xde]],
  ['òỏõóọ', [0xdf, 0xe1, 0xe2, 0xe3, 0xe4]],
  ['ồổỗốộ', [0xe5, 0xe6, 0xe7, 0xe8, 0xe9]],
  ['ờởỡớợ', [0xea, 0xeb, 0xec, 0xed, 0xee]],
  ['ùủũúụ', [0xef, 0xf1, 0xf2, 0xf3, 0xf4]],
  ['ừửữứự', [0xf5, 0xf6, 0xf7, 0xf8, 0xf9]],
  ['ỳỷỹýỵ', [0xfa, 0xfb, 0xfc, 0xfd, 0xfe]],
  ['ăâêôơưđ', [0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae]],
  ['ĂÂÊÔƠƯĐ', [0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7]],
];

const CODE = new Map<string, number>(ROWS.flatMap(([letters, codes]) => [...letters].map((c, i) => [c, codes[i]!] as [string, number])));

export function encodeTcvn3(text: string): Buffer {
  const out: number[] = [];
  for (const c of text.normalize('NFC')) {
    const code = CODE.get(c) ?? CODE.get(c.toLowerCase());
    if (code !== undefined) out.push(code);
    else if (c.charCodeAt(0) < 0x80) out.push(c.charCodeAt(0));
    else out.push(0x3f); // '?': what a legacy editor wrote for a character outside the table
  }
  return Buffer.from(out);
}
