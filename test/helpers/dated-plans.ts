/**
 * Two real plans of data/wild whose tasks carry dated deadlines (the demo corpus has only
 * recurring or undated ones). Read from the files:
 *  - Nghệ An 980/KH-UBND (2025-11-18), appendix row I.1 "Tổ chức lại Ban Chỉ huy Phòng thủ dân sự
 *    cấp tỉnh, cấp xã; …", time "Trước ngày 30/11/2025" (file lines 203–217);
 *  - Hà Nội 308/KH-UBND (2025-11-17), task II.1.1 "Xây dựng các Chiến lược triển khai của thành phố
 *    Hà Nội", "c) Thời gian thực hiện: Hoàn thành trong năm 2025" (lines 66–82).
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../../core/paths.js';

export const DATED_PLAN_FILES = ['tnt305__c5d930a5fc8373cd.md', 'tnt305__8e9a425dd83e56b3.md'].map((f) => join(REPO_ROOT, 'data/wild/docs', f));

export const NGHE_AN_DUE_30_11 = { province: 'Nghệ An', deadline: '2025-11-30', text: 'Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh' };
export const HA_NOI_DUE_2025 = { province: 'Hà Nội', deadline: '2025-12-31', text: 'Xây dựng các Chiến lược triển khai của thành phố' };
