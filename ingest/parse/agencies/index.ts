import { createHash } from 'node:crypto';
import { agencyId, type AgencyNode } from '../../../graph-schema/index.js';
import { COLLECTIVE_NOUN_RE, DEPARTMENT_RE, POST_RE, resolveAgencyName, shadowOf } from './names.js';
import { cleanInline } from '../text/lines.js';
import type { StructureContext } from '../types.js';

/**
 * Who leads (chủ trì) and who coordinates (phối hợp) a task, read from its words.
 *
 * A list of agencies is split at "," / ";" / "và" / "với" only where a new agency starts: a named
 * body (a head noun such as Sở, Bộ, Ban, Ủy ban, UBND, Văn phòng, Đài, Báo, … followed by a
 * capitalised word), a known department ("Sở Văn hóa, Thể thao và Du lịch", "Sở KH&CN"), or a
 * collective ("các …", "UBND các huyện, thị xã, thành phố"). So "Sở Khoa học và Công nghệ",
 * "Sở Lao động - Thương binh và Xã hội", "Ủy ban nhân dân các huyện, thị xã, thành phố" stay whole,
 * while "Sở Ngoại vụ, Sở Tài chính và các cơ quan liên quan" gives three mentions, and "Bộ trưởng
 * các Bộ: Quốc phòng, Công an" gives Bộ Quốc phòng and Bộ Công an. A collective
 * runs on over commas while the next words are lower-case nouns or another collective form
 * ("Các sở, ban, ngành, đơn vị cấp tỉnh, UBND các huyện, thị xã, thành phố" is one mention).
 * A list ends where the predicate starts: the first lower-case verb or qualifier ("chủ trì",
 * "tham mưu", "tổ chức", "trong phạm vi …", "được", …) outside a known name.
 */

export interface Mention {
  /** The words as written. */
  raw: string;
  start: number;
  end: number;
  collective: boolean;
}

export interface ListScan {
  mentions: Mention[];
  /** Where the list ended (before the separator or predicate that follows it). */
  end: number;
}

/** Lower-case words that begin a predicate (tone-marked, modern tone placement). */
const VERB_STOPS = [
  'chủ trì', 'phối hợp', 'tham mưu', 'chỉ đạo', 'lãnh đạo', 'tổ chức', 'thực hiện', 'triển khai',
  'xây dựng', 'nghiên cứu', 'rà soát', 'hướng dẫn', 'theo dõi', 'chịu trách nhiệm', 'có trách nhiệm',
  'đẩy mạnh', 'tăng cường', 'tiếp tục', 'là', 'căn cứ', 'thường xuyên', 'định kỳ', 'kiểm tra',
  'giám sát', 'đôn đốc', 'tuyên truyền', 'phổ biến', 'quán triệt', 'ban hành', 'báo cáo', 'bố trí',
  'cân đối', 'đề xuất', 'hỗ trợ', 'phát huy', 'nâng cao', 'khẩn trương', 'chủ động', 'tích cực',
  'hoàn thành', 'sơ kết', 'tổng kết', 'vận động', 'thẩm định', 'cụ thể hóa', 'hoàn thiện', 'sửa đổi',
  'bảo đảm', 'đảm bảo', 'huy động', 'ưu tiên', 'khuyến khích', 'tạo điều kiện', 'quan tâm',
  'cung cấp', 'xác định', 'thành lập', 'sử dụng', 'lồng ghép', 'thúc đẩy', 'ứng dụng', 'tập trung',
  'phân công', 'giao', 'yêu cầu', 'tiến hành', 'định hướng', 'được', 'sẽ', 'cần', 'phải', 'có',
  'theo', 'trong', 'trên', 'thông qua', 'để', 'nhằm', 'cho', 'tại', 'làm', 'đồng thời', 'kết hợp',
  'chuẩn bị', 'quản lý', 'đổi mới', 'phát triển', 'thu hút', 'đào tạo', 'bồi dưỡng', 'đánh giá',
  'xử lý', 'kiểm soát', 'cập nhật', 'tham gia', 'gửi', 'tổng hợp', 'đăng ký', 'đưa', 'góp phần',
  'xem xét', 'về', 'khi', 'nếu', 'kịp thời', 'duy trì', 'điều chỉnh', 'bổ sung', 'tiếp nhận',
  'phê duyệt', 'chấp hành', 'biểu dương', 'khen thưởng', 'trực tiếp', 'hợp tác', 'liên kết',
  'mở rộng', 'đề nghị', 'xúc tiến', 'của', 'nghiêm túc', 'tăng', 'giảm', 'hình thành', 'vận hành',
  'giải quyết', 'quyết định', 'khắc phục', 'tiếp thu', 'kiện toàn', 'củng cố', 'lựa chọn',
  'thống nhất', 'điều tra', 'tuần tra', 'truy quét', 'vận chuyển', 'khảo sát', 'kiểm kê', 'thể chế hóa', 'dựng',
];
const QUALIFIERS_THAT_CONTINUE = ['có liên quan', 'liên quan', 'trên địa bàn', 'trực thuộc', 'thuộc'];
const VERB_STOP_RE = new RegExp(`^(?:${VERB_STOPS.sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`, 'u');
const CONTINUE_RE = new RegExp(`^(?:${QUALIFIERS_THAT_CONTINUE.join('|')})(?![\\p{L}\\p{N}])`, 'u');

/** Head nouns of named bodies (lower-case shadow), longest first, with what may follow them. */
type HeadRule = 'complete' | 'capital' | 'ban' | 'place' | 'office' | 'press' | 'council';
const HEADS: [string, HeadRule][] = (
  [
    ['ủy ban nhân dân', 'complete'], ['ubnd', 'complete'], ['hội đồng nhân dân', 'complete'], ['hđnd', 'complete'],
    ['ủy ban mặt trận', 'complete'], ['mttq', 'complete'], ['chính phủ', 'complete'], ['quốc hội', 'complete'],
    ['thủ tướng', 'complete'], ['phó thủ tướng', 'complete'], ['bộ chính trị', 'complete'], ['ban bí thư', 'complete'],
    ['tỉnh ủy', 'complete'], ['thành ủy', 'complete'], ['huyện ủy', 'complete'], ['thị ủy', 'complete'],
    ['tỉnh đoàn', 'complete'], ['thành đoàn', 'complete'], ['đảng ủy', 'complete'], ['đảng đoàn', 'complete'],
    ['ban cán sự đảng', 'complete'], ['ban thường vụ', 'complete'], ['ban chấp hành', 'complete'],
    ['ban chỉ đạo', 'complete'], ['bảo hiểm xã hội', 'complete'], ['bchqs', 'complete'], ['nhnn', 'complete'],
    ['ban', 'ban'], ['sở', 'capital'], ['bộ', 'capital'], ['ủy ban', 'capital'], ['văn phòng', 'office'],
    ['vp', 'office'], ['liên hiệp', 'office'], ['thanh tra', 'place'], ['công an', 'place'],
    ['cục', 'capital'], ['chi cục', 'capital'], ['tổng cục', 'capital'], ['trung ương đoàn', 'complete'],
    ['đoàn', 'capital'], ['liên đoàn', 'capital'], ['hội', 'capital'], ['hiệp hội', 'capital'],
    ['mặt trận', 'capital'], ['đài', 'capital'], ['báo', 'capital'], ['trường', 'capital'],
    ['học viện', 'capital'], ['đại học', 'capital'], ['viện', 'capital'], ['trung tâm', 'capital'],
    ['kho bạc', 'capital'], ['ngân hàng', 'capital'], ['chủ tịch', 'capital'], ['phó chủ tịch', 'capital'],
    ['giám đốc', 'capital'], ['tập đoàn', 'capital'], ['tổng công ty', 'capital'], ['công ty', 'capital'],
    ['tòa án', 'capital'], ['viện kiểm sát', 'capital'], ['kiểm toán', 'capital'], ['thông tấn xã', 'capital'],
    ['bộ đội', 'capital'], ['cảnh sát', 'capital'], ['hội đồng', 'council'], ['phòng', 'capital'],
    ['ban quản lý', 'complete'], ['liên minh', 'capital'], ['viện kiểm sát nhân dân', 'complete'], ['tòa án nhân dân', 'complete'], ['báo và phát thanh', 'press'], ['cổng thông tin điện tử', 'complete'], ['bộ trưởng', 'capital'], ['thủ trưởng', 'capital'], ['người đứng đầu', 'capital'],
    // Since 2025 the tax office of a province is "Thuế tỉnh"; state bodies of a region are written "… nhà nước khu vực II".
    ['thuế', 'place'], ['kiểm toán nhà nước', 'complete'], ['kho bạc nhà nước', 'complete'], ['ngân hàng nhà nước', 'complete'],
  ] as [string, HeadRule][]
).sort((a, b) => b[0].length - a[0].length);
const BAN_LOWER = ['cán sự', 'chấp hành', 'chỉ đạo', 'thường vụ', 'quản lý', 'bí thư', 'tuyên giáo', 'dân vận', 'tổ chức', 'nội chính', 'kinh tế', 'dân tộc', 'đối ngoại', 'đảng'];
const PLACE_LOWER = ['tỉnh', 'huyện', 'thành phố', 'thị xã', 'sở', 'bộ', 'chính phủ'];
const OFFICE_LOWER = ['các', 'ủy ban', 'ubnd', 'hđnd', 'tỉnh ủy', 'đoàn'];
/** A council named by its work in lower case, then its scope: "Hội đồng thẩm định Nhà nước", "Hội đồng xét duyệt cấp tỉnh". */
const COUNCIL_NAME_RE = /^\s+(?:[^\s,;:()]+\s+){1,4}?(?:nhà nước|quốc gia|trung ương|cấp tỉnh|tỉnh)(?![\p{L}])/u;
/** Elected bodies one office may serve together ("Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh"). */
const ELECTED = '(?:đoàn đại biểu quốc hội|đoàn đbqh|hội đồng nhân dân|hđnd|ủy ban nhân dân|ubnd)';
const ELECTED_ONLY_RE = new RegExp(`^\\s*${ELECTED}(?:\\s*,\\s*${ELECTED})*$`, 'u');
const ELECTED_AT_RE = new RegExp(`^${ELECTED}(?![\\p{L}])`, 'u');

const isUpper = (ch: string | undefined) => !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLower = (ch: string | undefined) => !!ch && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
const WORD_RE = /^[^\s,;:()"“”!?]+/u;
const END_RE = /^\s*(?:[;:()"“”!?]|\.(?:\s|$)|$)/u;

class Text {
  readonly low: string;
  constructor(readonly s: string) {
    this.low = shadowOf(s);
  }
  verbAt(i: number): boolean {
    return isLower(this.s[i]) && !CONTINUE_RE.test(this.low.slice(i)) && VERB_STOP_RE.test(this.low.slice(i));
  }
  /** Length of a named body's head noun at i (with a post before it: "Trưởng Ban Chỉ đạo"), or 0. */
  headAt(i: number): number {
    if (!isUpper(this.s[i])) return 0;
    const rest = this.low.slice(i);
    const post = POST_RE.exec(rest);
    const body = post ? this.headAt(i + post[0].length) : 0;
    if (body > 0) return post![0].length + body;
    for (const [head, rule] of HEADS) {
      if (!rest.startsWith(head)) continue;
      const after = rest.slice(head.length);
      if (/^[\p{L}\p{N}&]/u.test(after)) continue;
      if (rule === 'complete') return head.length;
      const council = rule === 'council' ? COUNCIL_NAME_RE.exec(after) : null;
      if (council) return head.length + council[0].length;
      if (rule === 'press') {
        // "Báo và Phát thanh, Truyền hình Cần Thơ": the 2025 merged provincial press body.
        const tv = /^\s*[,\-–]?\s*truyền hình(?![\p{L}])/u.exec(after);
        return tv ? head.length + tv[0].length : 0;
      }
      const nextAt = i + head.length + (/^\s+/.exec(after)?.[0].length ?? 0);
      const next = this.low.slice(nextAt);
      if (nextAt === i + head.length) return 0; // nothing follows
      if (isUpper(this.s[nextAt])) return head.length;
      const allowed = rule === 'ban' ? BAN_LOWER : rule === 'place' ? PLACE_LOWER : rule === 'office' ? OFFICE_LOWER : [];
      if (allowed.some((w) => next.startsWith(w) && !/^[\p{L}\p{N}]/u.test(next.slice(w.length)))) return head.length;
      return 0;
    }
    return 0;
  }
  /** Length of a known department ("Sở Khoa học và Công nghệ", "Bộ KH&CN") at i, or 0. */
  departmentAt(i: number): number {
    if (!isUpper(this.s[i])) return 0;
    const m = DEPARTMENT_RE.exec(this.low.slice(i));
    return m ? m[0].length : 0;
  }
  /** Where a collective's words start at i ("các sở…", "UBND các huyện…", "hội quần chúng"), or -1. */
  collectiveAt(i: number, allowBareNoun: boolean): number {
    const rest = this.low.slice(i);
    const lead = /^(?:(?:tất cả|toàn bộ)\s+)?(?:(?:thủ trưởng|giám đốc|người đứng đầu|lãnh đạo|chủ tịch(?:\s+(?:ủy ban nhân dân|ubnd))?)\s+)?các\s+/u.exec(rest);
    if (lead && COLLECTIVE_NOUN_RE.test(rest.slice(lead[0].length))) return i + lead[0].length;
    const district =
      /^(?:chủ tịch\s+)?(?:ủy ban nhân dân|ubnd)\s+(?:các|cấp)\s+(?=huyện|quận|xã|phường|đặc khu|thị trấn|tỉnh|thị xã|thành phố)/u.exec(rest) ??
      // Since the 2025 reform without "các": "UBND xã, phường", "UBND phường, xã, đặc khu".
      /^(?:chủ tịch\s+)?(?:ủy ban nhân dân|ubnd)\s+(?=(?:xã|phường|huyện|quận|thị xã|đặc khu)\s*,\s*(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã)(?![\p{L}]))/u.exec(rest);
    if (district) return i + district[0].length;
    const partyCommittees = /^cấp ủy(?:\s+đảng)?(?![\p{L}])/u.exec(rest);
    if (partyCommittees) return i;
    // "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, …": the heads of all ministries.
    if (/^(?:các\s+)?bộ trưởng(?=\s*,|\s+các\s)/u.test(rest)) return i;
    // "cấp trên" / "cấp dưới" is whoever is above or below, no group of bodies.
    if (allowBareNoun && isLower(this.s[i]) && COLLECTIVE_NOUN_RE.test(rest) && !this.verbAt(i) && !/^cấp\s+(?:trên|dưới)(?![\p{L}])/u.test(rest)) return i;
    // Groups named without "các": "Sở, ban, ngành liên quan", "Doanh nghiệp, nhà đầu tư", "Chủ đầu tư …".
    if (/^(?:sở,\s*ban,?\s*ngành|doanh nghiệp|nhà đầu tư|chủ đầu tư|nhà cung cấp)(?![\p{L}])/u.test(rest)) return i;
    return -1;
  }
  startsAgency(i: number): boolean {
    return this.collectiveAt(i, false) >= 0 || this.departmentAt(i) > 0 || this.headAt(i) > 0;
  }
}

/**
 * The agencies named from `from` on, up to where the list ends. With `stopAtVerb` (running
 * text) a lower-case verb ends a name; without it (a table cell, a text known to be a list) names
 * run to the next separator.
 */
export function scanAgencyList(text: string, from = 0, opts: { stopAtVerb?: boolean; bareFirst?: boolean } = {}): ListScan {
  const t = new Text(text);
  const stopAtVerb = opts.stopAtVerb ?? true;
  const mentions: Mention[] = [];
  let pos = from;
  while (pos < text.length) {
    const rest = text.slice(pos);
    let p: number;
    if (mentions.length > 0) {
      const sep = /^(?:\s*[,;/]\s*(?:và\s+|cùng\s+)?|\s+(?:và|với|cùng với|cùng)\s+)/u.exec(rest);
      if (!sep) break;
      p = pos + sep[0].length;
    } else {
      p = pos + (/^[\s,;:\-–+•]*/u.exec(rest)?.[0].length ?? 0);
    }
    const members = memberList(t, p);
    if (members.length) {
      mentions.push(...members);
      pos = members[members.length - 1]!.end;
      continue;
    }
    const m = matchMention(t, p, stopAtVerb, mentions.length > 0 || (opts.bareFirst ?? false));
    if (!m) break;
    mentions.push(levelOfPrevious(m, mentions[mentions.length - 1]) ?? m);
    pos = m.end;
  }
  return { mentions, end: mentions.length ? pos : from };
}

/** "(Bộ trưởng) các Bộ: Quốc phòng, Công an", "Giám đốc các Sở Y tế, Tài chính": the noun said once for all. */
const MEMBERS_RE = /^(?:(?:bộ trưởng|giám đốc|thủ trưởng|lãnh đạo)\s+)?các\s+(bộ|sở)\s*:?\s+/u;

/**
 * The ministries or departments of a list that names the noun once: one mention per known field
 * ("Bộ Quốc phòng", "Bộ Công an", …), the first spanning the words before it. None when the words
 * after the noun are no field ("các sở, ban, ngành" stays a collective).
 */
function memberList(t: Text, p: number): Mention[] {
  const m = MEMBERS_RE.exec(t.low.slice(p));
  if (!m) return [];
  const noun = m[1]!;
  const out: Mention[] = [];
  let q = p + m[0].length;
  for (;;) {
    const field = DEPARTMENT_RE.exec(`${noun} ${t.low.slice(q)}`);
    if (!field || !isUpper(t.s[q])) break;
    const end = q + field[0].length - noun.length - 1;
    out.push({ raw: `${noun === 'bộ' ? 'Bộ' : 'Sở'} ${t.s.slice(q, end)}`, start: out.length ? q : p, end, collective: false });
    const sep = /^(?:\s*,\s*(?:và\s+)?|\s+và\s+)/u.exec(t.s.slice(end));
    if (!sep) break;
    q = end + sep[0].length;
  }
  return out;
}

/**
 * "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã": a bare level after a body named with its level
 * is the same body at that level, not a collective "cấp xã".
 */
function levelOfPrevious(m: Mention, previous: Mention | undefined): Mention | null {
  const level = /^cấp\s+(?:tỉnh|huyện|xã|cơ sở|thành phố)$/iu.exec(m.raw.trim());
  const stem = previous && /^(.*\S)\s+cấp\s+(?:tỉnh|huyện|xã|cơ sở|thành phố)$/iu.exec(previous.raw.trim());
  if (!level || !stem) return null;
  return { ...m, raw: `${stem[1]} ${level[0]}`, collective: false };
}

function matchMention(t: Text, p: number, stopAtVerb: boolean, afterSeparator: boolean): Mention | null {
  const s = t.s;
  const c = t.collectiveAt(p, afterSeparator);
  if (c >= 0) {
    const end = extendCollective(t, c, stopAtVerb);
    return end > p ? { raw: s.slice(p, end).trim(), start: p, end, collective: true } : null;
  }
  const d = t.departmentAt(p);
  if (d > 0) {
    let end = p + d;
    const province = /^\s+tỉnh(?:\s+\p{Lu}[\p{L}]*)*(?=\s*(?:[,;:()]|\.(?:\s|$)|$)|\s+(?:và|với)\s)/u.exec(s.slice(end));
    if (province) end += province[0].length;
    return { raw: s.slice(p, end), start: p, end, collective: false };
  }
  const h = t.headAt(p);
  if (h > 0) {
    const end = extendName(t, p + h, stopAtVerb);
    return { raw: s.slice(p, end), start: p, end, collective: false };
  }
  return null;
}

function extendCollective(t: Text, from: number, stopAtVerb: boolean): number {
  const s = t.s;
  let i = from;
  let lastGood = from;
  for (let guard = 0; guard < 60; guard++) {
    const w = WORD_RE.exec(s.slice(i));
    if (!w) break;
    i += w[0].length;
    lastGood = i;
    const rest = s.slice(i);
    if (END_RE.test(rest)) break;
    const sep = /^(?:\s*,\s*(?:và\s+)?|\s+(?:và|với|cùng)\s+)/u.exec(rest);
    if (sep) {
      const next = i + sep[0].length;
      // More nouns of the same group ("ban, ngành", "UBND các huyện…", "Cao đẳng") continue it; a
      // named body or a verb ends it, and so does another group after one closed by "liên quan"
      // ("các sở, ngành liên quan, UBND các xã, phường" are two).
      const closed = /liên quan$/u.test(t.low.slice(0, i)) && t.collectiveAt(next, false) >= 0;
      const continues =
        (!closed && t.collectiveAt(next, true) >= 0) ||
        (isLower(s[next]) && !t.verbAt(next)) ||
        (isUpper(s[next]) && !t.startsAgency(next));
      if (!continues) break;
      i = next;
      continue;
    }
    const space = /^\s+/u.exec(rest);
    if (!space) break;
    const next = i + space[0].length;
    // "Các sở, ban, ngành của Thành phố": whose bodies they are, not a predicate.
    const owner = /^của\s+(?:tỉnh|thành phố|Tỉnh|Thành phố)(?![\p{L}])/u.test(s.slice(next));
    if (stopAtVerb && t.verbAt(next) && !owner) break;
    i = next;
  }
  return lastGood;
}

function extendName(t: Text, from: number, stopAtVerb: boolean): number {
  const s = t.s;
  let i = from;
  let lastGood = from;
  for (let words = 0; words < 24; words++) {
    const rest = s.slice(i);
    if (END_RE.test(rest)) break;
    const comma = /^\s*,\s*/u.exec(rest);
    const conj = /^\s+(?:và|với|cùng)\s+/u.exec(rest);
    let next: number;
    if (comma || conj) {
      next = i + (comma ?? conj)![0].length;
      // A new agency after the separator ends this one; a capitalised word continues the name
      // ("Sở Văn hóa, Thể thao và Du lịch", "Liên hiệp các Hội Khoa học và Kỹ thuật"), and so do
      // the kinds of zones a management board runs ("Ban Quản lý các khu công nghệ cao và khu công nghiệp").
      const zones = !!conj && /ban quản lý$/u.test(t.low.slice(0, from)) && /^(?:khu|công nghiệp|kinh tế|chế xuất|công nghệ cao)(?![\p{L}])/iu.test(s.slice(next));
      if (!zones && !jointOffice(t, from, i, next) && (t.startsAgency(next) || !isUpper(s[next]))) break;
    } else {
      const space = /^\s+/u.exec(rest);
      if (!space && i !== from) break;
      next = i + (space?.[0].length ?? 0);
      if (stopAtVerb && t.verbAt(next)) break;
      if (/^(?:và|với)\s/u.test(s.slice(next))) break;
    }
    // A body named inside the name is read whole, so its own lower-case words are no predicate
    // ("Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia").
    const len = t.headAt(next) || (WORD_RE.exec(s.slice(next))?.[0].length ?? 0);
    if (!len) break;
    i = next + len;
    lastGood = i;
  }
  return lastGood;
}

/**
 * "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh": an office named after elected bodies that share
 * one level word at the end serves them all, so the next elected body continues its name. With the
 * level written after the first ("Văn phòng UBND tỉnh và HĐND tỉnh") they are two bodies.
 */
function jointOffice(t: Text, from: number, end: number, next: number): boolean {
  return /văn phòng$/u.test(t.low.slice(0, from)) && ELECTED_ONLY_RE.test(t.low.slice(from, end)) && ELECTED_AT_RE.test(t.low.slice(next));
}

// ---------------------------------------------------------------------------------------------
// Lead and coordinating agencies of one text

export interface Assignment {
  lead: Mention[];
  coord: Mention[];
  /** The lead agencies' words as written ("Sở Tài chính, Sở Kế hoạch và Đầu tư"). */
  leadRaw: string | null;
  coordRaw: string | null;
}

const PREFIX_RE = /^(?:Đề nghị|Giao cho|Giao|Yêu cầu|Ủy quyền cho|Ủy quyền|Do|(?:Trách nhiệm|Nhiệm vụ)(?:\s+cụ thể)?\s+của)\s*:?\s+/iu;
const COORD_RE = /^\s*,?\s*(?:và\s+)?(?:chủ trì\s*,?\s*(?:và\s+)?)?phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+/iu;
// "… được phân công chủ trì …": the bodies assigned as leads, named as the subject.
const LEAD_WORD_RE = /^\s*,?\s*(?:(?:được (?:phân công|giao)(?: nhiệm vụ)? )?chủ trì|làm đầu mối|là cơ quan (?:chủ trì|đầu mối|thường trực))(?![\p{L}])/iu;

/**
 * The agencies a text assigns, in this order of evidence:
 *  1. labelled fields: "Cơ quan chủ trì: …", "Cơ quan phối hợp: …";
 *  2. the subject the text opens with (after "Giao", "Đề nghị", "Yêu cầu", "Trách nhiệm của"), after
 *     an opening clause ("Căn cứ Kế hoạch này, …") or after a short topic ("Về chuyển đổi số: …"):
 *     "<list>:" (a lead-in), "<list> (được phân công) chủ trì[, phối hợp (với) <list>]",
 *     "<list> phối hợp với <list> <verb>…", or "<list> <verb> …" (not passive "được"); a text that
 *     is nothing but a list counts only when `wholeIsList` (a heading, a table cell);
 *  3. "<list> chủ trì" anywhere, inside its own clause ("…; giao Sở Tài chính chủ trì …",
 *     "(Sở Nội vụ chủ trì, phối hợp với …)");
 *  4. coordinating agencies of clauses that open with "phối hợp (với)" / "chủ trì, phối hợp với",
 *     and of "phối hợp với <list>" anywhere (partnerListStarts).
 */
export function parseAssignment(text: string, opts: { wholeIsList?: boolean } = {}): Assignment {
  const t = cleanInline(text).replace(/\s+/g, ' ').trim();
  const out: Assignment = { lead: [], coord: [], leadRaw: null, coordRaw: null };
  const setLead = (ms: Mention[]) => {
    out.lead = ms;
    out.leadRaw = rawOf(t, ms);
  };
  const addCoord = (ms: Mention[]) => {
    const fresh = ms.filter((m) => !out.coord.some((c) => c.raw === m.raw));
    if (!fresh.length) return;
    out.coord.push(...fresh);
    out.coordRaw = out.coordRaw ? `${out.coordRaw}; ${rawOf(t, fresh)}` : rawOf(t, fresh);
  };
  const coordAfter = (i: number) => {
    const m = COORD_RE.exec(t.slice(i));
    if (m) addCoord(scanAgencyList(t, i + m[0].length, { stopAtVerb: true }).mentions);
  };

  // 1. Labelled fields.
  const leadLabel = /(?:^|[\s;.(])(?:Cơ quan|Đơn vị|Bộ phận)\s+chủ trì\s*:\s*/iu.exec(t);
  if (leadLabel) {
    const from = leadLabel.index + leadLabel[0].length;
    setLead(scanAgencyList(t, from, { stopAtVerb: false }).mentions);
    const coordLabel = /(?:Cơ quan|Đơn vị|Bộ phận)\s+phối hợp\s*:\s*/iu.exec(t);
    if (coordLabel) addCoord(scanAgencyList(t, coordLabel.index + coordLabel[0].length, { stopAtVerb: false }).mentions);
    if (out.lead.length) return out;
  }

  // 2. The subject the text opens with, or the one after an opening clause.
  const start = PREFIX_RE.exec(t)?.[0].length ?? 0;
  const subject = subjectAt(t, start, opts.wholeIsList ?? false) ?? subjectAfterOpeningClause(t) ?? subjectAfterTopic(t);
  if (subject) {
    setLead(subject.lead);
    if (subject.coordFrom !== null) coordAfter(subject.coordFrom);
  }

  // 3. "<list> chủ trì" inside a clause.
  if (!out.lead.length) {
    for (const m of t.matchAll(/(?<![\p{L}])chủ trì(?![\p{L}])/giu)) {
      const at = m.index ?? 0;
      const before = t.slice(0, at);
      const cut = Math.max(before.lastIndexOf(';'), before.lastIndexOf('('), before.lastIndexOf(':'), before.lastIndexOf('. '), before.lastIndexOf(', giao '));
      let seg = t.slice(cut + 1, at);
      const lead = /^\s*(?:giao cho|giao|đề nghị|do)?\s*/iu.exec(seg)![0].length;
      const segStart = cut + 1 + lead;
      seg = t.slice(segStart, at).replace(/[\s,]+$/u, '');
      if (!seg) continue;
      const scan = scanAgencyList(t, segStart, { stopAtVerb: false });
      if (scan.mentions.length && scan.end >= segStart + seg.length) {
        setLead(scan.mentions);
        coordAfter(at + m[0].length);
        break;
      }
    }
  }

  // 4. The partners named after "phối hợp".
  for (const at of partnerListStarts(t, start)) addCoord(scanAgencyList(t, at, { stopAtVerb: true, bareFirst: true }).mentions);
  // An agency does not coordinate the task it leads.
  out.coord = out.coord.filter((c) => !out.lead.some((l) => l.raw === c.raw));
  if (!out.coord.length) out.coordRaw = null;
  return out;
}

/**
 * Where the partners named after "phối hợp" start, in text order, each once: at the start of a clause
 * with or without "với" ("Phối hợp Sở Khoa học và Công nghệ đề xuất …", 597/KH-UBND of Đồng Tháp;
 * "Phối hợp thực hiện …" names none), and after "phối hợp (chặt chẽ) với" anywhere: whoever does the
 * work, the bodies it is done with take part in the task ("Căn cứ chức năng, nhiệm vụ, phối hợp với
 * các cơ quan …", "Cử chuyên viên phối hợp với UBND xã, phường …").
 */
function partnerListStarts(t: string, start: number): number[] {
  const clauseStarts = [start, ...[...t.matchAll(/[;:]\s*|\.\s+/gu)].map((m) => (m.index ?? 0) + m[0].length)];
  const atClauses = clauseStarts.flatMap((cs) => {
    const m = /^(?:chủ trì\s*,?\s*)?(?:và\s+)?phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+/iu.exec(t.slice(cs));
    return m ? [cs + m[0].length] : [];
  });
  const anywhere = [...t.matchAll(/(?<![\p{L}])phối hợp(?:\s+chặt chẽ)?\s+với\s+/giu)].map((m) => (m.index ?? 0) + m[0].length);
  return [...new Set([...atClauses, ...anywhere])].sort((a, b) => a - b);
}

interface Subject {
  lead: Mention[];
  /** Where coordinating agencies may follow ("… chủ trì, phối hợp với …"), or null. */
  coordFrom: number | null;
}

/**
 * The agencies a sentence opens with at `from`, when what follows makes them its subject: a colon,
 * "chủ trì", "phối hợp", a verb (not passive "được"); in a heading also nothing, or a role after a
 * dash ("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo").
 */
function subjectAt(t: string, from: number, wholeIsList: boolean): Subject | null {
  const subject = scanAgencyList(t, from, { stopAtVerb: true });
  if (!subject.mentions.length) return null;
  const lead = subject.mentions;
  // A note on the list is no predicate: "Sở Nội vụ (cơ quan thường trực) chủ trì …", "Đề nghị các
  // doanh nghiệp viễn thông (VNPT, Viettel, …): …".
  const end = subject.end + (/^\s*\([^()]*\)/u.exec(t.slice(subject.end))?.[0].length ?? 0);
  const after = t.slice(end);
  const rest = after.replace(/^\s*,?\s*/u, '');
  const word = LEAD_WORD_RE.exec(after);
  if (/^\s*:/u.test(after)) return { lead, coordFrom: null };
  if (word) return { lead, coordFrom: end + word[0].length };
  if (/^phối hợp/iu.test(rest)) return { lead, coordFrom: end };
  if (rest === '' || /^[-–]\s/u.test(rest)) return wholeIsList ? { lead, coordFrom: null } : null;
  if (/^của(?![\p{L}])/u.test(rest)) return ownedBy(rest, wholeIsList) ? { lead, coordFrom: null } : null;
  // Passive "được …" has no doer.
  if (new Text(rest).verbAt(0) && !/^được(?![\p{L}])/u.test(rest)) return { lead, coordFrom: null };
  return null;
}

/**
 * "của …" after a list names whose bodies they are, not a predicate: a heading is still only the
 * list ("Các thành viên Ban Chỉ đạo của Chính phủ"); a sentence assigns only when a colon or a verb
 * follows the owner ("Ban Chỉ đạo bầu cử của tỉnh: …", not "Ban Chỉ đạo của Chính phủ thẳng thắn …").
 */
function ownedBy(rest: string, wholeIsList: boolean): boolean {
  if (wholeIsList) return true;
  const owner = /^của\s+(?:tỉnh|thành phố|\p{Lu}[\p{L}]*)(?:\s+\p{Lu}[\p{L}]*)*/u.exec(rest);
  const then = owner ? rest.slice(owner[0].length).trim() : '';
  return then.startsWith(':') || new Text(then).verbAt(0);
}

/** A clause before the subject: "Căn cứ Kế hoạch này, …", "Trên cơ sở nội dung …, …". */
const OPENING_CLAUSE_RE = /^(?:Căn cứ|Trên cơ sở|Dựa (?:trên|vào)|Sau khi)\s/iu;
const OPENING_CLAUSE_MAX = 150;

/**
 * The subject after an opening clause: at the first comma after which a subject starts. A comma
 * followed by a verb ends the clause with no subject ("Trên cơ sở đề xuất của các sở, ngành, chủ trì
 * tổng hợp …": the heading above names who), so agencies further on are not taken for one.
 */
function subjectAfterOpeningClause(t: string, from = 0): Subject | null {
  if (!OPENING_CLAUSE_RE.test(t.slice(from))) return null;
  const text = new Text(t);
  for (const comma of t.slice(from).matchAll(/,\s*/gu)) {
    const at = from + (comma.index ?? 0) + comma[0].length;
    if (at - from > OPENING_CLAUSE_MAX || text.verbAt(at)) return null;
    const subject = subjectAt(t, at, false);
    if (subject) return subject;
  }
  return null;
}

/**
 * "Thực hiện mở tài khoản: Ủy ban nhân dân xã, phường phối hợp với …": a short topic, then the
 * sentence that assigns it, maybe after its own opening clause ("…: Sau khi mở tài khoản, UBND …").
 */
function subjectAfterTopic(t: string): Subject | null {
  const colon = /^[^:;.()]{1,100}:\s*/u.exec(t);
  return colon ? (subjectAt(t, colon[0].length, false) ?? subjectAfterOpeningClause(t, colon[0].length)) : null;
}

/** A heading "Trách nhiệm của …:", "Nhiệm vụ của …": whose duties follow (also read as a prefix in PREFIX_RE). */
const DUTIES_OF_RE = /^(?:Trách nhiệm|Nhiệm vụ)(?:\s+cụ thể)?\s+của\s+/iu;
const DUTIES_OF_MAX_WORDS = 10;
/** A note in parentheses that names the members of the group before it: "(gồm các Sở: …)". */
const MEMBERS_NOTE_RE = /^(?:bao gồm|gồm có|gồm)\s+/iu;

/**
 * The agencies a heading assigns:
 *  - a note in parentheses is not part of the list ("Sở Nội vụ (Cơ quan thường trực Ban …):"),
 *    unless it names the group's members ("Các cơ quan quản lý ngành (gồm các Sở: Xây dựng, Công
 *    Thương)": those Sở lead), or the heading names no body but the note lists some ("Các chủ rừng
 *    là tổ chức (các Ban quản lý rừng phòng hộ, …)");
 *  - "Trách nhiệm của X:" is led by X, even when X is no named body ("đối tượng thực hiện kiểm kê").
 */
export function headingAssignment(title: string, headingLike: boolean): Assignment {
  const t = cleanInline(title).replace(/\s+/g, ' ').trim();
  const bare = t.replace(/\s*\([^()]*\)/g, '');
  const duties = headingLike ? DUTIES_OF_RE.exec(bare) : null;
  const own = (duties && dutiesOf(bare.slice(duties[0].length))) ?? parseAssignment(bare, { wholeIsList: headingLike });
  // A group named by what it is, its members in a closing note ("Các chủ rừng là tổ chức (các …)").
  const group = !VERB_STOP_RE.test(shadowOf(bare));
  for (const note of t.matchAll(/\(([^()]*)\)/g)) {
    const members = MEMBERS_NOTE_RE.exec(note[1]!);
    const closing = group && /^[\s:.]*$/u.test(t.slice((note.index ?? 0) + note[0].length));
    if (!members && (own.lead.length || !closing)) continue;
    const listed = wholeList(note[1]!.slice(members?.[0].length ?? 0));
    if (listed) return { ...own, lead: listed, leadRaw: listed.map((m) => m.raw).join(', ') };
  }
  return own;
}

/** Whose duties a "Trách nhiệm của …" heading states: the agencies named, else the words themselves. */
function dutiesOf(phrase: string): Assignment | null {
  const words = phrase.replace(/[\s:.]+$/u, '');
  if (!words || /[:;]/u.test(words) || words.split(' ').length > DUTIES_OF_MAX_WORDS) return null;
  const lead = wholeList(words) ?? [{ raw: words, start: 0, end: words.length, collective: !isUpper(words[0]) || /^các\s/iu.test(words) }];
  return { lead, coord: [], leadRaw: words, coordRaw: null };
}

/** The agencies of a text that is nothing but a list of them, or null. */
function wholeList(text: string): Mention[] | null {
  const scan = scanAgencyList(text, 0, { stopAtVerb: false });
  return scan.mentions.length && /^[\s.,;…]*$/u.test(text.slice(scan.end)) ? scan.mentions : null;
}

/** The agencies of a table cell: everything in it, "(chủ trì)"-style notes removed. */
export function parseAgencyCell(cell: string): { mentions: Mention[]; raw: string | null; leftover: string } {
  const t = cleanInline(cell)
    .replace(/\((?:chủ trì|phối hợp|cơ quan chủ trì|đầu mối)\)/giu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!t) return { mentions: [], raw: null, leftover: '' };
  const scan = scanAgencyList(t, 0, { stopAtVerb: false });
  return { mentions: scan.mentions, raw: t, leftover: t.slice(scan.end).replace(/^[\s.,;]+/u, '') };
}

function rawOf(t: string, ms: Mention[]): string | null {
  if (!ms.length) return null;
  return t.slice(ms[0]!.start, ms[ms.length - 1]!.end).trim();
}

// ---------------------------------------------------------------------------------------------
// One node per real agency

export class AgencyRegistry {
  private readonly nodes = new Map<string, AgencyNode>();
  readonly warnings: string[] = [];
  private readonly fallbackProvince: string | null;

  constructor(private readonly ctx: StructureContext) {
    const central = ctx.level === 'central' || ctx.level === 'ministry';
    this.fallbackProvince =
      ctx.provinceSlug ?? (central ? null : `unknown-${createHash('sha1').update(ctx.documentId).digest('hex').slice(0, 8)}`);
    if (!ctx.provinceSlug && !central) {
      this.warnings.push(`province unknown: local agencies are scoped to this document (${this.fallbackProvince})`);
    }
  }

  /** The id of the node for this mention, creating it or adding the spelling as an alias. */
  add(m: Mention): string | null {
    const r = resolveAgencyName(m.raw, m.collective, { level: this.ctx.level, province: this.ctx.province });
    if (!r) return null;
    const id = agencyId(r.name, r.national ? null : this.fallbackProvince);
    const raw = m.raw.replace(/\s+/g, ' ').trim();
    const existing = this.nodes.get(id);
    if (existing) {
      if (raw !== existing.name && !existing.aliases.includes(raw)) existing.aliases.push(raw);
      if (m.collective && !existing.collective) existing.collective = true;
      return id;
    }
    this.nodes.set(id, {
      id,
      name: r.name,
      aliases: raw === r.name ? [] : [raw],
      province: r.national ? null : this.ctx.province,
      level: r.level,
      collective: r.collective,
    });
    return id;
  }

  all(): AgencyNode[] {
    return [...this.nodes.values()];
  }
}
