import type { CentreFigures, MonthlyReport, RankedCentre } from '../report.types.js';

/**
 * What the PDF and the workbook both say, worded once: titles, the report's status, the change from
 * last month, and the columns of a centre's figures.
 */

export interface ReportRenderOptions {
  /** The city, as it heads the report (e.g. 银川市); by default read from the city centre's name. */
  cityName?: string;
}

/** `2026-11` → `2026年11月`. */
export function monthZh(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** The city's name from its centre's (`银川市政务服务中心` → `银川市`), or nothing when it cannot be read. */
export function cityNameOf(report: MonthlyReport, options: ReportRenderOptions = {}): string {
  if (options.cityName) return options.cityName;
  const name = report.city?.figures.name ?? '';
  return /^(.+?[市州盟])/.exec(name)?.[1] ?? '';
}

export function reportTitle(report: MonthlyReport, options: ReportRenderOptions = {}): string {
  return `${cityNameOf(report, options)}政务服务效能月度通报（${monthZh(report.month)}）`;
}

/** The report's status as staff read it: a draft until the month is closed (frozen). */
export function statusZh(report: MonthlyReport): string {
  return report.status === 'closed' ? `正式版（本月数据已于 ${localTime(report.closedAt!)} 封存）` : '草稿（本月数据尚未封存，仍可能变化）';
}

/** An instant as Beijing time, `2026-12-02 10:05`. */
export function localTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The move in rank since last month: `↑2`, `↓1`, `持平`, or `新增` for a centre not ranked then. */
export function rankChangeZh(c: RankedCentre): string {
  if (c.previousRank === null) return '新增';
  const d = c.previousRank - c.rank;
  return d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : '持平';
}

/** The index's change since last month, signed, two decimals; null when there is nothing to compare. */
export function indexChange(c: RankedCentre): number | null {
  return c.previousIndex === null ? null : Math.round((c.index - c.previousIndex) * 100) / 100;
}

export function signed(n: number | null): string {
  if (n === null) return '—';
  return n > 0 ? `+${n.toFixed(2)}` : n.toFixed(2);
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export function decimal(n: number | null, digits = 1): string {
  return n === null ? '—' : n.toFixed(digits);
}

export const TIER_ZH: Record<CentreFigures['tier'], string> = { city: '市级', county: '县（区）级', township: '乡镇（街道）级' };

/** Every centre of the report, city first, then each county followed by its townships. */
export function centresOf(report: MonthlyReport): RankedCentre[] {
  const out: RankedCentre[] = report.city ? [report.city] : [];
  for (const county of report.counties) {
    out.push(county);
    out.push(...(report.townships.find((t) => t.county === county.figures.node)?.ranked ?? []));
  }
  // Townships of a county that is not ranked itself (none expected) are not lost.
  for (const group of report.townships) if (!report.counties.some((c) => c.figures.node === group.county)) out.push(...group.ranked);
  return out;
}

/** A centre's name from the report, or its code. */
export function centreName(report: MonthlyReport, node: string): string {
  return centresOf(report).find((c) => c.figures.node === node)?.figures.name ?? node;
}
