import type { CalendarYearFile } from '../types.js';

/**
 * 2027, provisional: the State Council has not published its notice for 2027 (it usually comes in
 * November of the year before). Until it does, only the statutory holidays of 全国年节及纪念日放假办法
 * (2024 revision, https://www.gov.cn/zhengce/content/202411/content_6986380.htm) that fall on weekdays
 * are listed, with no make-up working days: 元旦 01-01; 春节 除夕 to 初三, 02-05 to 02-08 (02-06 and 02-07
 * are a weekend); 清明节 04-05; 劳动节 05-01 and 05-02 (a weekend); 端午节 06-09; 中秋节 09-15; 国庆节
 * 10-01 to 10-03 (10-02 and 10-03 are a weekend). When the notice is issued, replace this file with
 * `provisional: false` and the notice (the calendar's version then reads 2027v1 instead of 2027p1);
 * until then every deadline that reaches into 2027 says it is provisional.
 */
export const CALENDAR_2027: CalendarYearFile = {
  year: 2027,
  version: 1,
  provisional: true,
  notice: null,
  statementZh: '2027年放假安排国务院办公厅尚未发布，暂按《全国年节及纪念日放假办法》规定的法定节假日计算（仅列工作日中的节日，不含调休），通知发布后更新。',
  statementEn:
    'The State Council General Office has not yet published the 2027 holiday arrangements; until it does, only the statutory holidays that fall on weekdays count, with no make-up working days.',
  exceptions: [
    { date: '2027-01-01', kind: 'off', holiday: 'new_year', nameZh: '元旦' }, // Fri
    { date: '2027-02-05', kind: 'off', holiday: 'spring_festival', nameZh: '春节（除夕）' }, // Fri
    { date: '2027-02-08', kind: 'off', holiday: 'spring_festival', nameZh: '春节（初三）' }, // Mon
    { date: '2027-04-05', kind: 'off', holiday: 'qingming', nameZh: '清明节' }, // Mon
    { date: '2027-06-09', kind: 'off', holiday: 'dragon_boat', nameZh: '端午节' }, // Wed
    { date: '2027-09-15', kind: 'off', holiday: 'mid_autumn', nameZh: '中秋节' }, // Wed
    { date: '2027-10-01', kind: 'off', holiday: 'national_day', nameZh: '国庆节' }, // Fri
  ],
};
