/** The holidays of the 全国年节及纪念日放假办法 that the State Council arranges each year, as codes. */
export const HOLIDAYS = [
  { code: 'new_year', zh: '元旦', en: 'New Year\'s Day' },
  { code: 'spring_festival', zh: '春节', en: 'Spring Festival' },
  { code: 'qingming', zh: '清明节', en: 'Qingming Festival' },
  { code: 'labour_day', zh: '劳动节', en: 'Labour Day' },
  { code: 'dragon_boat', zh: '端午节', en: 'Dragon Boat Festival' },
  { code: 'mid_autumn', zh: '中秋节', en: 'Mid-Autumn Festival' },
  { code: 'national_day', zh: '国庆节', en: 'National Day' },
] as const;
export type HolidayCode = (typeof HOLIDAYS)[number]['code'];
export const HOLIDAY_CODES: readonly HolidayCode[] = HOLIDAYS.map((h) => h.code);

/**
 * One day that differs from the Monday-to-Friday week: a holiday (`off`, usually a weekday; a weekend
 * day inside a holiday may be listed too, to be labelled) or a make-up working day (`on`, 调休上班,
 * always a Saturday or Sunday).
 */
export interface CalendarException {
  /** `YYYY-MM-DD`, inside the file's year. */
  date: string;
  kind: 'off' | 'on';
  holiday: HolidayCode;
  /** What people read for the day, e.g. 春节 or 春节调休上班. */
  nameZh: string;
}

/** The State Council notice (国务院办公厅关于…年部分节假日安排的通知) a year file was taken from. */
export interface CalendarNotice {
  titleZh: string;
  /** 发文字号, e.g. 国办发明电〔2024〕12号. */
  number: string;
  /** `YYYY-MM-DD`. */
  issuedOn: string;
  url: string;
}

/**
 * A year of the official calendar as data: only the exceptions to Monday-to-Friday, with the notice they
 * come from. A provisional year (the notice not yet issued) has `notice: null` and lists only the statutory
 * holidays that fall on weekdays; it is replaced by the real file, with a new version, when the notice comes.
 */
export interface CalendarYearFile {
  year: number;
  /** 1 for the first publication; an amendment (as in 2020) raises it. */
  version: number;
  provisional: boolean;
  notice: CalendarNotice | null;
  statementZh: string;
  statementEn: string;
  exceptions: readonly CalendarException[];
}

/**
 * A city's own change to a day (a local holiday, a day worked instead), winning over the official file
 * for its date. `version` grows with every change the city makes; the calendar's version records the highest.
 */
export interface LocalCalendarChange {
  id: string;
  date: string;
  kind: 'off' | 'on';
  nameZh: string;
  reason: string;
  version: number;
}

export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup' | 'local_off' | 'local_on';

/** What the calendar says about one day, and why. */
export interface DayInfo {
  date: string;
  working: boolean;
  reason: DayReason;
  holiday?: HolidayCode;
  nameZh?: string;
  /** The English beside `nameZh`, when the day has a name. */
  nameEn?: string;
  /** The day's year has no published notice yet (a provisional file, or no file at all). */
  provisional: boolean;
}

/** One year's data as the calendar holds it, for a page that explains where the dates come from. */
export interface CalendarYearInfo {
  year: number;
  version: number;
  provisional: boolean;
  notice: CalendarNotice | null;
  statementZh: string;
  statementEn: string;
}
