import type { CalendarYearFile } from '../types.js';

/**
 * 2026, from 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号, 2025-11-04). Checked
 * against the Xinhua text as republished at https://politics.gmw.cn/2025-11/04/content_38391083.htm.
 * The make-up day 09-20 belongs to 国庆节 in the notice (its item 七), though it falls before 中秋节.
 */
export const CALENDAR_2026: CalendarYearFile = {
  year: 2026,
  version: 1,
  provisional: false,
  notice: {
    titleZh: '国务院办公厅关于2026年部分节假日安排的通知',
    number: '国办发明电〔2025〕7号',
    issuedOn: '2025-11-04',
    url: 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm',
  },
  statementZh: '依据国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）。',
  statementEn: 'From the State Council General Office notice on the 2026 holidays (国办发明电〔2025〕7号).',
  exceptions: [
    { date: '2026-01-01', kind: 'off', holiday: 'new_year', nameZh: '元旦' }, // Thu
    { date: '2026-01-02', kind: 'off', holiday: 'new_year', nameZh: '元旦' }, // Fri
    { date: '2026-01-03', kind: 'off', holiday: 'new_year', nameZh: '元旦' }, // Sat
    { date: '2026-01-04', kind: 'on', holiday: 'new_year', nameZh: '元旦调休上班' }, // Sun
    { date: '2026-02-14', kind: 'on', holiday: 'spring_festival', nameZh: '春节调休上班' }, // Sat
    { date: '2026-02-15', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Sun
    { date: '2026-02-16', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Mon
    { date: '2026-02-17', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Tue
    { date: '2026-02-18', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Wed
    { date: '2026-02-19', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Thu
    { date: '2026-02-20', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Fri
    { date: '2026-02-21', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Sat
    { date: '2026-02-22', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Sun
    { date: '2026-02-23', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }, // Mon
    { date: '2026-02-28', kind: 'on', holiday: 'spring_festival', nameZh: '春节调休上班' }, // Sat
    { date: '2026-04-04', kind: 'off', holiday: 'qingming', nameZh: '清明节' }, // Sat
    { date: '2026-04-05', kind: 'off', holiday: 'qingming', nameZh: '清明节' }, // Sun
    { date: '2026-04-06', kind: 'off', holiday: 'qingming', nameZh: '清明节' }, // Mon
    { date: '2026-05-01', kind: 'off', holiday: 'labour_day', nameZh: '劳动节' }, // Fri
    { date: '2026-05-02', kind: 'off', holiday: 'labour_day', nameZh: '劳动节' }, // Sat
    { date: '2026-05-03', kind: 'off', holiday: 'labour_day', nameZh: '劳动节' }, // Sun
    { date: '2026-05-04', kind: 'off', holiday: 'labour_day', nameZh: '劳动节' }, // Mon
    { date: '2026-05-05', kind: 'off', holiday: 'labour_day', nameZh: '劳动节' }, // Tue
    { date: '2026-05-09', kind: 'on', holiday: 'labour_day', nameZh: '劳动节调休上班' }, // Sat
    { date: '2026-06-19', kind: 'off', holiday: 'dragon_boat', nameZh: '端午节' }, // Fri
    { date: '2026-06-20', kind: 'off', holiday: 'dragon_boat', nameZh: '端午节' }, // Sat
    { date: '2026-06-21', kind: 'off', holiday: 'dragon_boat', nameZh: '端午节' }, // Sun
    { date: '2026-09-20', kind: 'on', holiday: 'national_day', nameZh: '国庆节调休上班' }, // Sun
    { date: '2026-09-25', kind: 'off', holiday: 'mid_autumn', nameZh: '中秋节' }, // Fri
    { date: '2026-09-26', kind: 'off', holiday: 'mid_autumn', nameZh: '中秋节' }, // Sat
    { date: '2026-09-27', kind: 'off', holiday: 'mid_autumn', nameZh: '中秋节' }, // Sun
    { date: '2026-10-01', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Thu
    { date: '2026-10-02', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Fri
    { date: '2026-10-03', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Sat
    { date: '2026-10-04', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Sun
    { date: '2026-10-05', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Mon
    { date: '2026-10-06', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Tue
    { date: '2026-10-07', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Wed
    { date: '2026-10-10', kind: 'on', holiday: 'national_day', nameZh: '国庆节调休上班' }, // Sat
  ],
};
