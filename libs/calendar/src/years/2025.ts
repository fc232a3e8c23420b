import type { CalendarYearFile } from '../types.js';

/**
 * 2025, from 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12), the first
 * year under the 2024 revision of 全国年节及纪念日放假办法 (春节 and 劳动节 one day longer). Checked
 * against the Xinhua text as republished at https://m.gmw.cn/2024-11/12/content_1303894933.htm.
 * 国庆节 and 中秋节 (10-06) are one eight-day break.
 */
export const CALENDAR_2025: CalendarYearFile = {
  year: 2025,
  version: 1,
  provisional: false,
  notice: {
    titleZh: '国务院办公厅关于2025年部分节假日安排的通知',
    number: '国办发明电〔2024〕12号',
    issuedOn: '2024-11-12',
    url: 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
  },
  statementZh: '依据国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）。',
  statementEn: 'From the State Council General Office notice on the 2025 holidays (国办发明电〔2024〕12号).',
  exceptions: [
    { date: '2025-01-01', kind: 'off', holiday: 'new_year', nameZh: '元旦' }, // Wed
    { date: '2025-01-26', kind: 'on', holiday: 'spring_festival', nameZh: '春节调休上班' }, // Sun
    { date: '2025-01-28', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Tue
    { date: '2025-01-29', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Wed
    { date: '2025-01-30', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Thu
    { date: '2025-01-31', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Fri
    { date: '2025-02-01', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Sat
    { date: '2025-02-02', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Sun
    { date: '2025-02-03', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Mon
    { date: '2025-02-04', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Tue
    { date: '2025-02-08', kind: 'on', holiday: 'spring_festival', nameZh: '春节调休上班' }, // Sat
    { date: '2025-04-04', kind: 'off', holiday: 'qingming', nameZh: '清明节' }, // Fri
    { date: '2025-04-05', kind: 'off', holiday: 'qingming', nameZh: '清明节' }, // Sat
    { date: '2025-04-06', kind: 'off', holiday: 'qingming', nameZh: '清明节' }, // Sun
    { date: '2025-04-27', kind: 'on', holiday: 'labour_day', nameZh: '劳动节调休上班' }, // Sun
    { date: '2025-05-01', kind: 'off', holiday: 'labour_day', nameZh: '劳动节' }, // Thu
    { date: '2025-05-02', kind: 'off', holiday: 'labour_day', nameZh: '劳动节' }, // Fri
    { date: '2025-05-03', kind: 'off', holiday: 'labour_day', nameZh: '劳动节' }, // Sat
    { date: '2025-05-04', kind: 'off', holiday: 'labour_day', nameZh: '劳动节' }, // Sun
    { date: '2025-05-05', kind: 'off', holiday: 'labour_day', nameZh: '劳动节' }, // Mon
    { date: '2025-05-31', kind: 'off', holiday: 'dragon_boat', nameZh: '端午节' }, // Sat
    { date: '2025-06-01', kind: 'off', holiday: 'dragon_boat', nameZh: '端午节' }, // Sun
    { date: '2025-06-02', kind: 'off', holiday: 'dragon_boat', nameZh: '端午节' }, // Mon
    { date: '2025-09-28', kind: 'on', holiday: 'national_day', nameZh: '国庆节、中秋节调休上班' }, // Sun
    { date: '2025-10-01', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Wed
    { date: '2025-10-02', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Thu
    { date: '2025-10-03', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Fri
    { date: '2025-10-04', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Sat
    { date: '2025-10-05', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Sun
    { date: '2025-10-06', kind: 'off', holiday: 'mid_autumn', nameZh: '中秋节' }, // Mon
    { date: '2025-10-07', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Tue
    { date: '2025-10-08', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Wed
    { date: '2025-10-11', kind: 'on', holiday: 'national_day', nameZh: '国庆节、中秋节调休上班' }, // Sat
  ],
};
