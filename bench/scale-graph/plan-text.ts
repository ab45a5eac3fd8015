/**
 * A PlanSpec written out as the text of the document, laid out as provinces write them (header,
 * number and date, title, "Căn cứ …", numbered sections, "chủ trì, phối hợp với …: …", "Thời gian
 * thực hiện: …", recipients and signature), so that the product's parser reads it like any plan.
 */
import { CENTRAL_CITIES } from '../../ingest/parse/provinces.js';
import type { PlanSpec, TaskSpec } from './plans.js';

const KL69 = 'Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 20-NQ/TW ngày 01/11/2012 của Ban Chấp hành Trung ương Đảng khóa XI về phát triển khoa học và công nghệ';

const dmy = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
};
const spelledDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `ngày ${d} tháng ${Number(m)} năm ${y}`;
};

function taskLine(path: string, t: TaskSpec): string {
  const who = t.lead ? `${t.lead} chủ trì${t.coordinating.length > 0 ? `, phối hợp với ${t.coordinating.join(', ')}` : ''}: ` : '';
  const when = t.timeline ? ` Thời gian thực hiện: ${t.timeline}.` : '';
  return `${path}. ${who}${t.text}${when}`;
}

export function planText(p: PlanSpec): string {
  const city = CENTRAL_CITIES.has(p.province);
  const body = p.groups.flatMap((g, i) => [`${i + 1}. ${g.title}`, ...g.tasks.map((t, k) => taskLine(`${i + 1}.${k + 1}`, t))]);
  if (p.kind === 'tu') {
    const committee = city ? 'THÀNH ỦY' : 'TỈNH ỦY';
    return [
      `ĐẢNG BỘ ${city ? 'THÀNH PHỐ' : 'TỈNH'} ${p.province.toUpperCase()}`,
      committee,
      '*',
      `Số ${p.number}`,
      '',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      `${p.province}, ${spelledDate(p.date)}`,
      '',
      'KẾ HOẠCH',
      `thực hiện ${KL69}`,
      '',
      `Thực hiện ${KL69}, Ban Thường vụ ${city ? 'Thành ủy' : 'Tỉnh ủy'} ban hành Kế hoạch thực hiện như sau:`,
      '',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Quán triệt sâu sắc, thống nhất nhận thức và hành động về vai trò của khoa học, công nghệ và đổi mới sáng tạo.',
      '',
      'II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU',
      ...body,
      '',
      'III. TỔ CHỨC THỰC HIỆN',
      '1. Các cấp ủy, tổ chức đảng tổ chức quán triệt, xây dựng chương trình, kế hoạch thực hiện Kế hoạch này.',
      `2. Ban cán sự đảng Ủy ban nhân dân ${city ? 'thành phố' : 'tỉnh'} lãnh đạo xây dựng kế hoạch triển khai thực hiện.`,
      '',
      'Nơi nhận:',
      '- Ban Bí thư Trung ương Đảng;',
      `- Lưu Văn phòng ${city ? 'Thành ủy' : 'Tỉnh ủy'}.`,
      '',
      'T/M BAN THƯỜNG VỤ',
      'PHÓ BÍ THƯ',
      'Trần Văn Bình',
      '',
    ].join('\n');
  }
  const parent = p.parent!;
  const committee = city ? 'Thành ủy' : 'Tỉnh ủy';
  const parentRef = `Kế hoạch số ${parent.number} ngày ${dmy(parent.date)} của Ban Thường vụ ${committee}`;
  return [
    'ỦY BAN NHÂN DÂN',
    `${city ? 'THÀNH PHỐ' : 'TỈNH'} ${p.province.toUpperCase()}`,
    '',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    '',
    `Số: ${p.number}`,
    `${p.province}, ${spelledDate(p.date)}`,
    '',
    'KẾ HOẠCH',
    `Triển khai thực hiện ${parentRef} thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về ${p.topic}`,
    '',
    `Căn cứ ${parentRef} về thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị, Ủy ban nhân dân ${city ? 'thành phố' : 'tỉnh'} ban hành Kế hoạch triển khai thực hiện như sau:`,
    '',
    'I. MỤC ĐÍCH, YÊU CẦU',
    `1. Cụ thể hóa các nhiệm vụ, giải pháp của Kế hoạch số ${parent.number} phù hợp với điều kiện thực tế của địa phương.`,
    '',
    'II. NHIỆM VỤ VÀ GIẢI PHÁP',
    ...body,
    '',
    'III. TỔ CHỨC THỰC HIỆN',
    `1. Sở Khoa học và Công nghệ chủ trì, phối hợp với các cơ quan, đơn vị theo dõi, đôn đốc việc triển khai thực hiện Kế hoạch này; tổng hợp, báo cáo Ủy ban nhân dân ${city ? 'thành phố' : 'tỉnh'} trước ngày 15 tháng 12 hằng năm.`,
    '',
    'Nơi nhận:',
    `- Ban Thường vụ ${committee};`,
    '- Lưu: VT.',
    '',
    'TM. ỦY BAN NHÂN DÂN',
    'KT. CHỦ TỊCH',
    'PHÓ CHỦ TỊCH',
    'Nguyễn Văn An',
    '',
  ].join('\n');
}
