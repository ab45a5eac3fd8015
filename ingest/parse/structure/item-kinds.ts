import { foldMarks, matchKey } from '../../../core/vn-text.js';
import type { StructureContext } from '../types.js';

/**
 * What kind of item a section holds, and so whether its items are tasks, directives, plain items
 * or not items at all. The category comes from the nearest section heading above the item whose
 * title opens with one of these words (a document's own sections, e.g. 69-KL/TW's six numbered
 * groups, have none and fall back to `action`):
 *
 *   action          NHIỆM VỤ, GIẢI PHÁP, NỘI DUNG, CHƯƠNG TRÌNH/KẾ HOẠCH HÀNH ĐỘNG, HOẠT ĐỘNG,
 *                   LỘ TRÌNH, DANH MỤC; a title that also names targets ("MỤC TIÊU, NHIỆM VỤ") is
 *                   action; tables of tasks and appendices are action
 *   funding         KINH PHÍ, NGUỒN VỐN, NGUỒN LỰC: where the money comes from is no task; a paragraph there
 *                   that gives a named body work ("Sở Tài chính tham mưu bố trí …") is one
 *   implementation  TỔ CHỨC THỰC HIỆN, TRÁCH NHIỆM (thực hiện), PHÂN CÔNG, CHẾ ĐỘ BÁO CÁO
 *   objective       MỤC TIÊU, PHƯƠNG HƯỚNG, CHỈ TIÊU, ĐỊNH HƯỚNG, TẦM NHÌN, DỰ BÁO (CÁC) CHỈ TIÊU
 *   views           QUAN ĐIỂM
 *   rules           ĐỐI TƯỢNG, PHẠM VI, THỜI GIAN (thi đua, áp dụng, và phạm vi), TIÊU CHÍ, TIÊU CHUẨN, CÁCH THỨC
 *                   (chấm điểm, xếp hạng), THANG ĐIỂM, BIỂU MẪU: who and when a plan covers and
 *                   how it scores, not work anyone is given; appendices titled so
 *   closing         the closing lines of TỔ CHỨC THỰC HIỆN ("Trong quá trình thực hiện, nếu có
 *                   khó khăn, vướng mắc … báo cáo …", "Yêu cầu … nghiêm túc thực hiện")
 *   purpose         MỤC ĐÍCH, YÊU CẦU
 *   situation       TÌNH HÌNH, KẾT QUẢ, ĐÁNH GIÁ, THỰC TRẠNG, BỐI CẢNH, NGUYÊN NHÂN, HẠN CHẾ, …,
 *                   DỰ BÁO (NHỮNG) TÁC ĐỘNG / TÌNH HÌNH
 *   basis           CĂN CỨ, CƠ SỞ PHÁP LÝ
 *
 * The rule (`itemKind`):
 *  - purpose, situation and basis paragraphs are not items: they restate the document's reasons
 *    and past results, which nobody implements and no auditor follows up;
 *  - objective and views paragraphs are kept as plain items (isTask = isDirective = false): they
 *    are searchable and auditors compare targets ("trên 30 doanh nghiệp"), but nothing implements
 *    them and nobody is assigned to them;
 *  - action and implementation items are actionable, and their kind depends on the document:
 *      central (Party Central Committee, Politburo, Government, Prime Minister): action items are
 *        directive items (what lower levels implement), and also tasks when a body is assigned to
 *        them (a Government programme's task table); implementation items ("7. Tổ chức thực
 *        hiện") are tasks for central bodies, not directives;
 *      ministry: tasks and directive items (provinces implement ministry plans too);
 *      province or district Party committee (issuerPath ending in "/tu"): tasks and directive
 *        items (its People's Committee's plan implements them);
 *      province or district People's Committee and other local bodies: tasks.
 */

export type SectionCategory =
  | 'action'
  | 'implementation'
  | 'funding'
  | 'objective'
  | 'views'
  | 'rules'
  | 'closing'
  | 'purpose'
  | 'situation'
  | 'basis';

/** Categories whose paragraphs are not items. */
export const DROPPED_CATEGORIES: ReadonlySet<SectionCategory> = new Set(['purpose', 'situation', 'basis', 'closing']);
/** Categories whose paragraphs are plain items, neither task nor directive. */
export const PLAIN_CATEGORIES: ReadonlySet<SectionCategory> = new Set(['objective', 'views', 'rules', 'funding']);

/** The category a section heading announces, or null when its title says nothing about it. */
export function categoryOfTitle(title: string): SectionCategory | null {
  const f = foldMarks(title)
    .toLowerCase()
    .replace(/[*_"“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(cac|nhung|mot so)\s+/, '');
  // A heading of targets, rules or forecasts that also names tasks or solutions heads work ("MỤC TIÊU, NHIỆM VỤ").
  const unlessWork = (category: SectionCategory): SectionCategory => (/\b(nhiem vu|giai phap)\b/.test(f) ? 'action' : category);
  if (/^(kinh phi|nguon (kinh phi|von|luc)|du toan kinh phi)\b/.test(f)) return /^kinh phi[^.]{0,20}\b(va|,)\s*(nhiem vu|giai phap|to chuc thuc hien)\b/.test(f) ? 'action' : 'funding';
  if (/^(nhiem vu|giai phap|noi dung|chuong trinh hanh dong|ke hoach hanh dong|hoat dong|lo trinh|danh muc)\b/.test(f)) return 'action';
  if (/^to chuc thuc hien\b(?!.{60})/.test(f) || /^(trach nhiem( thuc hien| cua)?|phan cong( nhiem vu| thuc hien)?|che do (thong tin, )?bao cao)\b(?!.{80})/.test(f)) {
    return 'implementation';
  }
  if (/^(muc dich|yeu cau)\b/.test(f)) return 'purpose';
  // A plan's forecasts (the three-year budget plans of the State Budget Law): the figures it expects
  // are targets, what may affect it is its situation. "Dự báo, cảnh báo thiên tai" is work.
  if (/^du bao (cac |mot so |nhung )?(chi tieu|tac dong|tinh hinh|kha nang|xu huong|bien dong)\b/.test(f)) {
    return unlessWork(/^du bao (cac |mot so )?chi tieu\b/.test(f) ? 'objective' : 'situation');
  }
  if (/^quan diem\b/.test(f)) return 'views';
  if (/^(tinh hinh|ket qua|danh gia|thuc trang|hien trang|boi canh|nguyen nhan|han che|uu diem|khuyet diem|ton tai|so ket|tong ket|tong hop ket qua)\b/.test(f)) {
    return 'situation';
  }
  // "CĂN CỨ XÂY DỰNG KẾ HOẠCH" is a heading; "Căn cứ tình hình thực tế, các cơ quan … thực hiện các hoạt động sau:" leads tasks in.
  if (/^(can cu|co so (phap ly|chinh tri|thuc tien))\b/.test(f) && f.length <= 60) return 'basis';
  if (/^(doi tuong|pham vi|thoi gian (thi dua|ap dung|to chuc|phat dong|va pham vi)|tieu chi|tieu chuan|cach thuc (cham|xep|danh gia|tinh)|thang diem|bieu mau|mau (bao cao|bieu))\b/.test(f)) {
    return unlessWork('rules');
  }
  if (/^(muc tieu|phuong huong|chi tieu|dinh huong|tam nhin)\b/.test(f)) return unlessWork('objective');
  return null;
}

/** An appendix is a list of tasks unless its title says it holds rules, targets, results or forms ("Mẫu số 01"). */
export function categoryOfAppendix(title: string): SectionCategory {
  const words = title.replace(/^\s*(phụ lục|phụ biểu)(\s+(số\s+)?[\divxlIVXL]+)?\s*[:.\-–]?\s*/iu, '');
  const own = categoryOfTitle(words);
  if (own === 'situation' || /^mau(\s+so)?\b/.test(matchKey(words))) return own === 'situation' ? 'situation' : 'rules';
  return own === 'rules' || own === 'objective' ? own : 'action';
}

/**
 * Promulgation formulas of a decision or resolution that carries a plan ("Điều 1. Ban hành kèm
 * theo …", "… có hiệu lực kể từ ngày ký", "… chịu trách nhiệm thi hành …"): not items.
 */
export function isPromulgationFormula(text: string): boolean {
  const f = matchKey(text);
  if (/^(quyet dinh|nghi quyet|thong tu|chi thi|ke hoach|quy che|quy dinh) nay co hieu luc\b/.test(f)) return true;
  if (f.length > 400) return false;
  return (
    /^ban hanh kem theo\b/.test(f) ||
    /^phe duyet\b.{0,300}\bkem theo\b/.test(f) ||
    /\bco hieu luc (thi hanh )?(ke )?tu\b/.test(f) ||
    /\bchiu trach nhiem (to chuc )?thi hanh\b/.test(f) ||
    /^(bai bo|thay the)\b/.test(f)
  );
}

const CLOSING = /^(can cu chuc nang,? nhiem vu(?:,? quyen han)?(?: duoc giao)?,? (?:chu dong )?(?:to chuc )?(?:trien khai )?thuc hien (?:ke hoach|tot ke hoach)(?: nay)?(?: theo quy dinh)?\.?$|trong qua trinh (to chuc |trien khai )?thuc hien[^.]{0,80}\bneu co\b|qua trinh (to chuc |trien khai )?thuc hien[^.]{0,40}\bneu\b|yeu cau (cac|thu truong)\b.{0,200}\b(nghiem tuc|khan truong) (thuc hien|trien khai)|tren day la\b)/;

/** The closing lines of a plan: what to do with difficulties, a call to carry the plan out. */
export function isClosingLine(text: string): boolean {
  return CLOSING.test(matchKey(text));
}

const TARGET = /^(?:\(\d+\)\s*)?(?:phan dau\b|it nhat\s+\d|tren\s+\d+(?:[.,]\d+)?\s*%|\d+(?:[.,]\d+)?\s*%|(?:den|trong)\s+(?:nam|giai doan)\s+\d{4}[^.;]{0,60}?\d+(?:[.,]\d+)?\s*%)/;

/** A target stated as a figure ("100% số người hưởng …", "Phấn đấu đến năm 2030 …", "Ít nhất 85% …"): what to reach, not work. */
export function isTargetStatement(text: string): boolean {
  return TARGET.test(matchKey(text));
}

/**
 * A paragraph that opens with the money as its subject ("Kinh phí khen thưởng: Từ nguồn …", "Kinh
 * phí … thực hiện theo quy định phân cấp …"): where it comes from, not work. Work with money opens
 * with a verb ("Bố trí kinh phí …").
 */
export function isFundingStatement(text: string): boolean {
  return /^(kinh phi|nguon kinh phi|nguon von)\b/.test(matchKey(text));
}

/** A paragraph that is only a note in parentheses ("(Chi tiết tại Phụ lục kèm theo)"). */
export function isParentheticalNote(text: string): boolean {
  return /^\s*\([^()]*\)\s*\.?\s*$/.test(text.replace(/\*/g, ''));
}

const NORMATIVE_TYPES: ReadonlySet<string> = new Set(['luat', 'nd', 'tt']);
const NORMATIVE_TITLE =
  /^(?:ve viec\s+)?(?:(?:ban hanh|sua doi,? bo sung(?: mot so dieu cua)?|phe duyet)\s+)?(?:quy che|quy dinh|dieu le|noi quy|quy trinh|danh muc|danh sach)\b|^(?:ve viec\s+)?(?:cong bo|chuan hoa|bai bo|thay the)\b.{0,40}\bthu tuc hanh chinh\b|^(?:ve viec\s+)?(?:ap dung,?\s+(?:va\s+)?)?bai bo\b|^(?:ve viec\s+)?phan cap\b|^sua doi,? bo sung mot so dieu\b/;
/** Articles of a text of rules: what it governs and whom it applies to. */
const SCOPE_ARTICLE = /^dieu\s+\d+\s*[.:]\s*(pham vi dieu chinh|doi tuong ap dung)\b/;
const NORMATIVE_HEADING = /^(quy che|quy dinh|dieu le|noi quy)$/;

/**
 * A text of rules rather than of work: a law, decree or circular; a regulation, statute or
 * procedure list ("Quy chế", "Quy định", "Điều lệ", "công bố thủ tục hành chính"), whether it is
 * the document or attached to the decision that issues it (its articles say what it governs and
 * whom it applies to: "Điều 1. Phạm vi điều chỉnh"); a repeal, a delegation of powers. Its
 * articles and clauses bind, but give nobody a task: its items are plain items.
 */
export function isNormative(typeCode: string, title: string | null, headings: readonly string[], articles: readonly string[] = []): boolean {
  if (NORMATIVE_TYPES.has(typeCode)) return true;
  if (title && NORMATIVE_TITLE.test(matchKey(title))) return true;
  const keys = headings.map((h) => matchKey(h).replace(/[*:.]/g, '').trim());
  const plan = keys.some((k) => /^(ke hoach|chuong trinh( hanh dong)?|de an)$/.test(k));
  return !plan && (keys.some((k) => NORMATIVE_HEADING.test(k)) || articles.some((a) => SCOPE_ARTICLE.test(matchKey(a))));
}

export interface ItemKind {
  /** False: the paragraph is not an item at all. */
  keep: boolean;
  isTask: boolean;
  isDirective: boolean;
}

export function isActionable(category: SectionCategory): boolean {
  return category === 'action' || category === 'implementation' || category === 'funding';
}

export function isPartyCommittee(issuerPath: string): boolean {
  return /(^|\/)tu$/.test(issuerPath);
}

export function itemKind(
  category: SectionCategory,
  ctx: Pick<StructureContext, 'level' | 'issuerPath' | 'normative' | 'typeCode'>,
  hasLead: boolean,
  named = true,
): ItemKind {
  if (DROPPED_CATEGORIES.has(category)) return { keep: false, isTask: false, isDirective: false };
  if (PLAIN_CATEGORIES.has(category) || ctx.normative) return { keep: true, isTask: false, isDirective: false };
  // A letter or notice whose numbered points sit under no heading of work (a customs ruling's
  // product fields, the hours of a system outage): a point is a task only when a body is named to do it.
  if (!named && (ctx.typeCode === 'cv' || ctx.typeCode === 'tb' || ctx.typeCode === 'other')) {
    return { keep: true, isTask: hasLead, isDirective: false };
  }
  switch (ctx.level) {
    case 'central':
      return category === 'implementation'
        ? { keep: true, isTask: true, isDirective: false }
        : { keep: true, isTask: hasLead, isDirective: true };
    case 'ministry':
      return { keep: true, isTask: true, isDirective: true };
    default:
      return { keep: true, isTask: true, isDirective: isPartyCommittee(ctx.issuerPath) };
  }
}
