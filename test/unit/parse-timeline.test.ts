import { describe, expect, it } from 'vitest';
import { Timeline } from '../../graph-schema/index.js';
import { findTimelineInText, parseTimeline } from '../../ingest/parse/structure/timeline.js';

const t = (raw: string) => {
  const tl = parseTimeline(raw);
  if (tl) Timeline.parse(tl);
  return tl;
};

describe('parseTimeline', () => {
  it('returns null for empty text and keeps the raw words otherwise', () => {
    expect(t('')).toBeNull();
    expect(t('   ')).toBeNull();
    expect(t('<p></p>')).toBeNull();
    expect(t('<p>Thường xuyên</p>')?.raw).toBe('Thường xuyên');
  });

  it('reads recurring timelines', () => {
    expect(t('Thường xuyên')).toEqual({ kind: 'recurring', raw: 'Thường xuyên', from: null, to: null, recurrence: 'continuous' });
    expect(t('Thường xuyên, liên tục')?.recurrence).toBe('continuous');
    expect(t('Hằng năm')).toMatchObject({ kind: 'recurring', recurrence: 'annual', from: null, to: null });
    expect(t('Hàng năm')).toMatchObject({ kind: 'recurring', recurrence: 'annual' });
    expect(t('Định kỳ hằng năm')).toMatchObject({ kind: 'recurring', recurrence: 'annual' });
    expect(t('Hàng quý')).toMatchObject({ kind: 'recurring', recurrence: null });
  });

  it('bounds a recurring timeline by the period named with it', () => {
    expect(t('Hằng năm, giai đoạn 2024 - 2030')).toMatchObject({ kind: 'recurring', recurrence: 'annual', from: '2024-01-01', to: '2030-12-31' });
    expect(t('Năm 2025 và hằng năm')).toMatchObject({ kind: 'recurring', from: '2025-01-01', to: null });
  });

  it('reads a year', () => {
    for (const raw of ['năm 2025', 'Năm 2025', '2025', 'Trong năm 2025']) {
      expect(t(raw)).toMatchObject({ kind: 'year', from: '2025-01-01', to: '2025-12-31', recurrence: null });
    }
  });

  it('reads quarters in Roman and Arabic numerals', () => {
    expect(t('Quý III/2024')).toMatchObject({ kind: 'quarter', from: '2024-07-01', to: '2024-09-30' });
    expect(t('quý 3 năm 2024')).toMatchObject({ kind: 'quarter', from: '2024-07-01', to: '2024-09-30' });
    expect(t('Quý IV/2024')).toMatchObject({ kind: 'quarter', from: '2024-10-01', to: '2024-12-31' });
    expect(t('Quý I năm 2025')).toMatchObject({ kind: 'quarter', from: '2025-01-01', to: '2025-03-31' });
    expect(t('Quý III-IV/2024')).toMatchObject({ kind: 'quarter', from: '2024-07-01', to: '2024-12-31' });
  });

  it('reads deadlines: "trước" a date is inclusive, "trước" a period ends the day before it', () => {
    expect(t('trước 30/6/2025')).toMatchObject({ kind: 'deadline', from: null, to: '2025-06-30' });
    expect(t('Trước ngày 15/12/2024')).toMatchObject({ kind: 'deadline', to: '2024-12-15' });
    expect(t('chậm nhất ngày 31-12-2025')).toMatchObject({ kind: 'deadline', to: '2025-12-31' });
    expect(t('Trước tháng 6/2025')).toMatchObject({ kind: 'deadline', to: '2025-05-31' });
    expect(t('trước năm 2026')).toMatchObject({ kind: 'deadline', to: '2025-12-31' });
    expect(t('Trước Quý III/2024')).toMatchObject({ kind: 'deadline', to: '2024-06-30' });
  });

  it('reads "đến năm …" as a deadline at the end of that period', () => {
    expect(t('đến năm 2030')).toMatchObject({ kind: 'deadline', from: null, to: '2030-12-31' });
    expect(t('Đến hết năm 2025')).toMatchObject({ kind: 'deadline', to: '2025-12-31' });
    expect(t('Từ nay đến năm 2030')).toMatchObject({ kind: 'deadline', to: '2030-12-31' });
  });

  it('reads ranges', () => {
    for (const raw of ['2024-2025', '2024 - 2025', 'Năm 2024-2025', 'Từ năm 2024 đến năm 2025', '2024, 2025']) {
      expect(t(raw), raw).toMatchObject({ kind: 'range', from: '2024-01-01', to: '2025-12-31' });
    }
    expect(t('giai đoạn 2024 - 2030')).toMatchObject({ kind: 'range', from: '2024-01-01', to: '2030-12-31' });
    expect(t('Giai đoạn 2021-2025')).toMatchObject({ kind: 'range', from: '2021-01-01', to: '2025-12-31' });
    expect(t('Từ tháng 9/2024 đến tháng 12/2024')).toMatchObject({ kind: 'range', from: '2024-09-01', to: '2024-12-31' });
    expect(t('Quý IV/2024 - Quý I/2025')).toMatchObject({ kind: 'range', from: '2024-10-01', to: '2025-03-31' });
    expect(t('6 tháng đầu năm 2025')).toMatchObject({ kind: 'range', from: '2025-01-01', to: '2025-06-30' });
    expect(t('6 tháng cuối năm 2024')).toMatchObject({ kind: 'range', from: '2024-07-01', to: '2024-12-31' });
  });

  it('reads open-ended ranges', () => {
    expect(t('Từ năm 2025')).toMatchObject({ kind: 'range', from: '2025-01-01', to: null });
    expect(t('Năm 2025 và các năm tiếp theo')).toMatchObject({ kind: 'range', from: '2025-01-01', to: null });
  });

  it('reads a month as the range of its days', () => {
    expect(t('Tháng 9/2024')).toMatchObject({ kind: 'range', from: '2024-09-01', to: '2024-09-30' });
    expect(t('tháng 2 năm 2024')).toMatchObject({ kind: 'range', from: '2024-02-01', to: '2024-02-29' });
    expect(t('tháng 12-2025')).toMatchObject({ kind: 'range', from: '2025-12-01', to: '2025-12-31' });
  });

  it('reads single days', () => {
    expect(t('30/6/2025')).toMatchObject({ kind: 'date', from: '2025-06-30', to: '2025-06-30' });
    expect(t('ngày 15 tháng 8 năm 2024')).toMatchObject({ kind: 'date', from: '2024-08-15', to: '2024-08-15' });
    expect(t('31/2/2025')?.kind).not.toBe('date');
  });

  it('keeps anything else as "other" with its words', () => {
    expect(t('Sau khi Bộ Khoa học và Công nghệ ban hành hướng dẫn')).toEqual({
      kind: 'other',
      raw: 'Sau khi Bộ Khoa học và Công nghệ ban hành hướng dẫn',
      from: null,
      to: null,
      recurrence: null,
    });
    expect(t('Theo tiến độ của Trung ương')?.kind).toBe('other');
  });
});

describe('findTimelineInText', () => {
  it('reads a labelled field', () => {
    expect(findTimelineInText('Xây dựng đề án phát triển thị trường. Thời gian thực hiện: Quý IV/2024.')).toMatchObject({
      kind: 'quarter',
      from: '2024-10-01',
    });
    expect(findTimelineInText('Rà soát các quy định; thời hạn hoàn thành: trước 30/6/2025')).toMatchObject({ kind: 'deadline', to: '2025-06-30' });
    expect(findTimelineInText('Tổ chức hội thảo (Tiến độ: năm 2025)')).toMatchObject({ kind: 'year' });
  });

  it('reads "hoàn thành trong/trước …"', () => {
    expect(findTimelineInText('Trình UBND tỉnh ban hành quy chế, hoàn thành trong năm 2025.')).toMatchObject({ kind: 'year', from: '2025-01-01' });
    expect(findTimelineInText('Ban hành chính sách hỗ trợ; hoàn thành trước 30/6/2025.')).toMatchObject({ kind: 'deadline', to: '2025-06-30' });
  });

  it('reads a final parenthesis that is a timeline', () => {
    expect(findTimelineInText('Xây dựng Đề án thu hút nhân tài (Quý III/2025).')).toMatchObject({ kind: 'quarter', from: '2025-07-01' });
  });

  it('reads a text that opens with "Thường xuyên" or "Hằng năm"', () => {
    expect(findTimelineInText('Thường xuyên kiểm tra, thanh tra, xử lý nghiêm vi phạm.')).toMatchObject({ kind: 'recurring', recurrence: 'continuous' });
    expect(findTimelineInText('Hằng năm báo cáo kết quả thực hiện.')).toMatchObject({ kind: 'recurring', recurrence: 'annual' });
  });

  it('does not take the horizon of a strategy named in the text for a deadline', () => {
    expect(findTimelineInText('Tổ chức thực hiện tốt Chiến lược phát triển khoa học, công nghệ và đổi mới sáng tạo đến năm 2030.')).toBeNull();
    expect(findTimelineInText('Tiếp tục thực hiện Nghị quyết số 20-NQ/TW ngày 01/11/2012 của Ban Chấp hành Trung ương.')).toBeNull();
    expect(findTimelineInText('')).toBeNull();
  });
});
