import { createHash } from 'node:crypto';
import { agencyId, type AgencyNode } from '../../graph-schema/index.js';
import { COLLECTIVE_NOUN_RE, DEPARTMENT_RE, resolveAgencyName, shadowOf } from './agency-names.js';
import { cleanInline } from './lines.js';
import type { StructureContext } from './types.js';

/**
 * Who leads (chủ trì) and who coordinates (phối hợp) a task, read from its words.
 *
 * A list of agencies is split at "," / ";" / "và" / "với" only where a new agency starts: a named
 * body (a head noun such as Sở, Bộ, Ban, Ủy ban, UBND, Văn phòng, Đài, Báo, … followed by a
 * capitalised word), a known department ("Sở Văn hóa, Thể thao và Du lịch", "Sở KH&CN"), or a
 * collective ("các …", "UBND các huyện, thị xã, thành phố"). So "Sở Khoa học và Công nghệ",
 * "Sở Lao động - Thương binh và Xã hội", "Ủy ban nhân dân các huyện, thị xã, thành phố" stay whole,
 * while "Sở Ngoại vụ, Sở Tài chính và các cơ quan liên quan" gives three mentions. A collective
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
];
const QUALIFIERS_THAT_CONTINUE = ['có liên quan', 'liên quan', 'trên địa bàn', 'trực thuộc', 'thuộc'];
const VERB_STOP_RE = new RegExp(`^(?:${VERB_STOPS.sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`, 'u');
const CONTINUE_RE = new RegExp(`^(?:${QUALIFIERS_THAT_CONTINUE.join('|')})(?![\\p{L}\\p{N}])`, 'u');

/** Head nouns of named bodies (lower-case shadow), longest first, with what may follow them. */
type HeadRule = 'complete' | 'capital' | 'ban' | 'place' | 'office' | 'press';
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
    ['bộ đội', 'capital'], ['cảnh sát', 'capital'], ['hội đồng', 'capital'], ['phòng', 'capital'],
    ['ban quản lý', 'complete'], ['liên minh', 'capital'], ['viện kiểm sát nhân dân', 'complete'], ['tòa án nhân dân', 'complete'], ['báo và phát thanh', 'press'], ['cổng thông tin điện tử', 'complete'], ['bộ trưởng', 'capital'], ['thủ trưởng', 'capital'], ['người đứng đầu', 'capital'],
  ] as [string, HeadRule][]
).sort((a, b) => b[0].length - a[0].length);
const BAN_LOWER = ['cán sự', 'chấp hành', 'chỉ đạo', 'thường vụ', 'quản lý', 'bí thư', 'tuyên giáo', 'dân vận', 'tổ chức', 'nội chính', 'kinh tế', 'dân tộc', 'đối ngoại', 'đảng'];
const PLACE_LOWER = ['tỉnh', 'huyện', 'thành phố', 'thị xã', 'sở', 'bộ', 'chính phủ'];
const OFFICE_LOWER = ['các', 'ủy ban', 'ubnd', 'hđnd', 'tỉnh ủy', 'đoàn'];

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
  /** Length of a named body's head noun at i, or 0. */
  headAt(i: number): number {
    if (!isUpper(this.s[i])) return 0;
    const rest = this.low.slice(i);
    for (const [head, rule] of HEADS) {
      if (!rest.startsWith(head)) continue;
      const after = rest.slice(head.length);
      if (/^[\p{L}\p{N}&]/u.test(after)) continue;
      if (rule === 'complete') return head.length;
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
      /^(?:chủ tịch\s+)?(?:ủy ban nhân dân|ubnd)\s+(?:các|cấp)\s+(?=huyện|quận|xã|tỉnh|thị xã|thành phố)/u.exec(rest) ??
      // Since the 2025 reform without "các": "UBND xã, phường", "UBND phường, xã, đặc khu".
      /^(?:chủ tịch\s+)?(?:ủy ban nhân dân|ubnd)\s+(?=(?:xã|phường|huyện|quận|thị xã|đặc khu)\s*,\s*(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã)(?![\p{L}]))/u.exec(rest);
    if (district) return i + district[0].length;
    const partyCommittees = /^cấp ủy(?:\s+đảng)?(?![\p{L}])/u.exec(rest);
    if (partyCommittees) return i;
    // "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, …": the heads of all ministries.
    if (/^(?:các\s+)?bộ trưởng(?=\s*,|\s+các\s)/u.test(rest)) return i;
    if (allowBareNoun && isLower(this.s[i]) && COLLECTIVE_NOUN_RE.test(rest) && !this.verbAt(i)) return i;
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
export function scanAgencyList(text: string, from = 0, opts: { stopAtVerb?: boolean } = {}): ListScan {
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
    const m = matchMention(t, p, stopAtVerb, mentions.length > 0);
    if (!m) break;
    mentions.push(levelOfPrevious(m, mentions[mentions.length - 1]) ?? m);
    pos = m.end;
  }
  return { mentions, end: mentions.length ? pos : from };
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
      // named body or a verb ends it.
      const continues =
        t.collectiveAt(next, true) >= 0 ||
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
      if (!zones && (t.startsAgency(next) || !isUpper(s[next]))) break;
    } else {
      const space = /^\s+/u.exec(rest);
      if (!space && i !== from) break;
      next = i + (space?.[0].length ?? 0);
      if (stopAtVerb && t.verbAt(next)) break;
      if (/^(?:và|với)\s/u.test(s.slice(next))) break;
    }
    const w = WORD_RE.exec(s.slice(next));
    if (!w) break;
    i = next + w[0].length;
    lastGood = i;
  }
  return lastGood;
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

const PREFIX_RE = /^(?:Đề nghị|Giao cho|Giao|Yêu cầu|Ủy quyền cho|Ủy quyền|Do)\s*:?\s+/iu;
const COORD_RE = /^\s*,?\s*(?:và\s+)?(?:chủ trì\s*,?\s*(?:và\s+)?)?phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+/iu;
const LEAD_WORD_RE = /^\s*,?\s*(?:chủ trì|làm đầu mối|là cơ quan (?:chủ trì|đầu mối|thường trực))(?![\p{L}])/iu;

/**
 * The agencies a text assigns, in this order of evidence:
 *  1. labelled fields: "Cơ quan chủ trì: …", "Cơ quan phối hợp: …";
 *  2. the subject the text opens with (after "Giao", "Đề nghị", "Yêu cầu"): "<list>:" (a lead-in),
 *     "<list> chủ trì[, phối hợp (với) <list>]", "<list> phối hợp với <list> <verb>…", or
 *     "<list> <verb> …" (not passive "được"); a text that is nothing but a list counts only when
 *     `wholeIsList` (a heading, a table cell);
 *  3. "<list> chủ trì" anywhere, inside its own clause ("…; giao Sở Tài chính chủ trì …",
 *     "(Sở Nội vụ chủ trì, phối hợp với …)");
 *  4. coordinating agencies of clauses that open with "phối hợp với" / "chủ trì, phối hợp với".
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

  // 2. The subject the text opens with.
  const start = PREFIX_RE.exec(t)?.[0].length ?? 0;
  const subject = scanAgencyList(t, start, { stopAtVerb: true });
  if (subject.mentions.length) {
    const after = t.slice(subject.end);
    const rest = after.replace(/^\s*,?\s*/u, '');
    if (/^\s*:/u.test(after)) setLead(subject.mentions);
    else if (LEAD_WORD_RE.test(after)) {
      setLead(subject.mentions);
      coordAfter(subject.end + LEAD_WORD_RE.exec(after)![0].length);
    } else if (/^phối hợp/iu.test(rest)) {
      setLead(subject.mentions);
      coordAfter(subject.end);
    } else if (rest === '') {
      if (opts.wholeIsList) setLead(subject.mentions);
    } else if (new Text(rest).verbAt(0) && !/^được(?![\p{L}])/u.test(rest)) {
      setLead(subject.mentions);
    }
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

  // 4. Clauses that open with "phối hợp với".
  const clauseStarts = [start, ...[...t.matchAll(/[;:]\s*|\.\s+/gu)].map((m) => (m.index ?? 0) + m[0].length)];
  for (const cs of clauseStarts) {
    const m = /^(?:chủ trì\s*,?\s*)?(?:và\s+)?phối hợp(?:\s+chặt chẽ)?\s+với\s+/iu.exec(t.slice(cs));
    if (m) addCoord(scanAgencyList(t, cs + m[0].length, { stopAtVerb: true }).mentions);
  }
  // An agency does not coordinate the task it leads.
  out.coord = out.coord.filter((c) => !out.lead.some((l) => l.raw === c.raw));
  if (!out.coord.length) out.coordRaw = null;
  return out;
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
