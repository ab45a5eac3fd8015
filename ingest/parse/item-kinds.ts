import { foldMarks, matchKey } from '../../core/vn-text.js';
import type { StructureContext } from './types.js';

/**
 * What kind of item a section holds, and so whether its items are tasks, directives, plain items
 * or not items at all. The category comes from the nearest section heading above the item whose
 * title opens with one of these words (a document's own sections, e.g. 69-KL/TW's six numbered
 * groups, have none and fall back to `action`):
 *
 *   action          NHIỆM VỤ, GIẢI PHÁP, NỘI DUNG, CHƯƠNG TRÌNH/KẾ HOẠCH HÀNH ĐỘNG, HOẠT ĐỘNG,
 *                   KINH PHÍ, DANH MỤC; a title that also names targets ("MỤC TIÊU, NHIỆM VỤ") is
 *                   action; tables of tasks and appendices are action
 *   implementation  TỔ CHỨC THỰC HIỆN, TRÁCH NHIỆM (thực hiện), PHÂN CÔNG, CHẾ ĐỘ BÁO CÁO
 *   objective       MỤC TIÊU, PHƯƠNG HƯỚNG, CHỈ TIÊU, ĐỊNH HƯỚNG, TẦM NHÌN
 *   views           QUAN ĐIỂM
 *   purpose         MỤC ĐÍCH, YÊU CẦU
 *   situation       TÌNH HÌNH, KẾT QUẢ, ĐÁNH GIÁ, THỰC TRẠNG, BỐI CẢNH, NGUYÊN NHÂN, HẠN CHẾ, …
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

export type SectionCategory = 'action' | 'implementation' | 'objective' | 'views' | 'purpose' | 'situation' | 'basis';

/** Categories whose paragraphs are not items. */
export const DROPPED_CATEGORIES: ReadonlySet<SectionCategory> = new Set(['purpose', 'situation', 'basis']);
/** Categories whose paragraphs are plain items, neither task nor directive. */
export const PLAIN_CATEGORIES: ReadonlySet<SectionCategory> = new Set(['objective', 'views']);

/** The category a section heading announces, or null when its title says nothing about it. */
export function categoryOfTitle(title: string): SectionCategory | null {
  const f = foldMarks(title)
    .toLowerCase()
    .replace(/[*_"“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(cac|nhung|mot so)\s+/, '');
  if (/^(nhiem vu|giai phap|noi dung|chuong trinh hanh dong|ke hoach hanh dong|hoat dong|kinh phi|danh muc)\b/.test(f)) return 'action';
  if (/^to chuc thuc hien\b(?!.{60})/.test(f) || /^(trach nhiem( thuc hien| cua)?|phan cong( nhiem vu| thuc hien)?|che do (thong tin, )?bao cao)\b(?!.{80})/.test(f)) {
    return 'implementation';
  }
  if (/^(muc dich|yeu cau)\b/.test(f)) return 'purpose';
  if (/^quan diem\b/.test(f)) return 'views';
  if (/^(tinh hinh|ket qua|danh gia|thuc trang|boi canh|nguyen nhan|han che|uu diem|khuyet diem|ton tai|so ket|tong ket)\b/.test(f)) {
    return 'situation';
  }
  if (/^(can cu|co so (phap ly|chinh tri|thuc tien))\b/.test(f)) return 'basis';
  if (/^(muc tieu|phuong huong|chi tieu|dinh huong|tam nhin)\b/.test(f)) return /\b(nhiem vu|giai phap)\b/.test(f) ? 'action' : 'objective';
  return null;
}

/**
 * Promulgation formulas of a decision or resolution that carries a plan ("Điều 1. Ban hành kèm
 * theo …", "… có hiệu lực kể từ ngày ký", "… chịu trách nhiệm thi hành …"): not items.
 */
export function isPromulgationFormula(text: string): boolean {
  const f = matchKey(text);
  if (f.length > 400) return false;
  return (
    /^ban hanh kem theo\b/.test(f) ||
    /^phe duyet\b.{0,300}\bkem theo\b/.test(f) ||
    /\bco hieu luc (thi hanh )?(ke )?tu\b/.test(f) ||
    /\bchiu trach nhiem (to chuc )?thi hanh\b/.test(f) ||
    /^(bai bo|thay the)\b/.test(f)
  );
}

export interface ItemKind {
  /** False: the paragraph is not an item at all. */
  keep: boolean;
  isTask: boolean;
  isDirective: boolean;
}

export function isActionable(category: SectionCategory): boolean {
  return category === 'action' || category === 'implementation';
}

export function isPartyCommittee(issuerPath: string): boolean {
  return /(^|\/)tu$/.test(issuerPath);
}

export function itemKind(category: SectionCategory, ctx: Pick<StructureContext, 'level' | 'issuerPath'>, hasLead: boolean): ItemKind {
  if (DROPPED_CATEGORIES.has(category)) return { keep: false, isTask: false, isDirective: false };
  if (PLAIN_CATEGORIES.has(category)) return { keep: true, isTask: false, isDirective: false };
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
