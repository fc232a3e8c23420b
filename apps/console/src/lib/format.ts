import dayjs from 'dayjs';
import type { Lang } from './i18n';

// How staff expect to read dates, codes and people: 2026-11-24 09:30 in Beijing time, IDs masked in lists.

const TZ_OFFSET_MIN = 8 * 60; // Asia/Shanghai, no daylight saving

/** A local (Beijing) date-time, whatever the browser's zone. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  if (!d.isValid()) return '—';
  return d.add(TZ_OFFSET_MIN + d.toDate().getTimezoneOffset(), 'minute').format('YYYY-MM-DD HH:mm');
}

/** A date as the case clock keeps it (YYYY-MM-DD, already local), or the local date of an instant. */
export function date(v: string | null | undefined): string {
  if (!v) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return dateTime(v).slice(0, 10);
}

/** 6401**********123X: only the first 4 and last 4 characters of a resident ID. */
export function maskId(id: string | null | undefined): string {
  if (!id) return '—';
  if (id.includes('*')) return id;
  return id.length <= 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 张* / 欧阳** : a name in a list, masked but for its first character. */
export function maskName(name: string | null | undefined): string {
  if (!name) return '—';
  return name.length <= 1 ? name : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}`;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643-1999: 18 characters, a valid birth date, and the ISO 7064 MOD 11-2 check character. */
export function residentIdProblem(id: string, lang: Lang): string | null {
  const v = id.trim().toUpperCase();
  const zh = lang === 'zh';
  if (!/^\d{17}[\dX]$/.test(v)) return zh ? '身份证号应为18位：17位数字加1位数字或X' : 'A resident ID is 17 digits and a digit or X';
  const birth = dayjs(`${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`, 'YYYY-MM-DD');
  if (!birth.isValid() || birth.format('YYYYMMDD') !== v.slice(6, 14) || birth.isAfter(dayjs())) {
    return zh ? '身份证号中的出生日期无效' : 'The birth date in the resident ID is not valid';
  }
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(v[i]), 0);
  if (CHECK[sum % 11] !== v[17]) return zh ? '身份证号校验位不正确，请核对' : 'The check character of the resident ID is wrong; check the number';
  return null;
}

export type Light = 'green' | 'yellow' | 'red' | 'none';
export const LIGHT_COLOR: Record<Light, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d', none: '#bfbfbf' };
export function lightLabel(l: Light | string | null | undefined, lang: Lang): string {
  const zh: Record<string, string> = { green: '绿灯（正常）', yellow: '黄灯（预警）', red: '红灯（超期）', none: '未计时' };
  const en: Record<string, string> = { green: 'green (on time)', yellow: 'yellow (warning)', red: 'red (overdue)', none: 'no clock' };
  return (lang === 'zh' ? zh : en)[l ?? 'none'] ?? String(l);
}

export const STATUS_ZH: Record<string, string> = {
  received: '已收件',
  awaiting_materials: '待补齐材料',
  materials_complete: '材料齐全，待受理',
  accepted: '已受理',
  in_transit_up: '上报途中',
  under_review: '审查中',
  awaiting_correction: '待补正',
  special_procedure: '特别程序中',
  approved: '准予',
  denied: '不予批准',
  not_accepted: '不予受理',
  withdrawn: '已撤回',
  result_in_transit_down: '结果下送途中',
  awaiting_delivery: '待送达',
  delivered: '已送达',
  rated: '已评价',
};

export function statusLabel(s: string | null | undefined, lang: Lang): string {
  if (!s) return '—';
  return lang === 'zh' ? (STATUS_ZH[s] ?? s) : s.replaceAll('_', ' ');
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015: an 18-character unified social credit code with its check character. */
export function creditCodeProblem(code: string, lang: Lang): string | null {
  const v = code.trim().toUpperCase();
  const zh = lang === 'zh';
  if (v.length !== 18 || [...v].some((c) => !CREDIT_ALPHABET.includes(c))) {
    return zh ? '统一社会信用代码应为18位数字或大写字母（不含 I、O、S、V、Z）' : 'A credit code is 18 digits or capital letters (no I, O, S, V or Z)';
  }
  const sum = CREDIT_WEIGHTS.reduce((s, w, i) => s + w * CREDIT_ALPHABET.indexOf(v[i]!), 0);
  if (CREDIT_ALPHABET[(31 - (sum % 31)) % 31] !== v[17]) return zh ? '统一社会信用代码校验位不正确，请核对' : 'The check character of the credit code is wrong; check the code';
  return null;
}

const PHONE = /^(?:0\d{2,3}-?[2-9]\d{6,7}(?:-\d{1,6})?|1[3-9]\d{9}|12\d{3}|400-?\d{3}-?\d{4})$/;

/** A telephone number as the node accepts it: a mobile, a landline with area code, a 12xxx hotline or a 400 number. */
export function phoneProblem(phone: string, lang: Lang): string | null {
  if (PHONE.test(phone.trim())) return null;
  return lang === 'zh' ? '请填写手机号码（11位）或带区号的固定电话，如 0951-6192345' : 'Enter a mobile number (11 digits) or a landline with its area code, e.g. 0951-6192345';
}

/** A case number (办件编号): 26 digits and a check character. */
export function isCaseNumber(v: string): boolean {
  return /^\d{26}[\dX]$/.test(v.trim().toUpperCase());
}

/** An instant as a Beijing wall-clock time, for a date-time picker that shows Beijing time in any browser zone. */
export function toBeijingWallClock(d: dayjs.Dayjs): dayjs.Dayjs {
  return d.add(TZ_OFFSET_MIN + d.toDate().getTimezoneOffset(), 'minute');
}

/** The instant a Beijing wall-clock time (as a picker holds it) stands for. */
export function fromBeijingWallClock(d: dayjs.Dayjs): dayjs.Dayjs {
  return d.subtract(TZ_OFFSET_MIN + d.toDate().getTimezoneOffset(), 'minute');
}
