/**
 * The monthly performance assessment (效能考核) as the city publishes it: each centre's figures for a
 * month, its efficiency index (效能综合指数) with the breakdown of how it was made, its rank, and the
 * list of late cases. The report renderers (PDF, Excel) and the API read these shapes.
 */

/** `YYYY-MM`. */
export type Month = string;

export type CentreTier = 'city' | 'county' | 'township';

/** One centre's figures for one month, computed at the city from the events it observed. */
export interface CentreFigures {
  node: string;
  name: string;
  tier: CentreTier;
  /** The county a township belongs to (its parent); null for a county or the city. */
  county: string | null;
  month: Month;
  /** Cases taken in at this centre's counter during the month. */
  received: number;
  /** Cases this centre decided (it is the deciding node) during the month: approved, denied, not accepted, withdrawn. */
  decided: number;
  /** Of those decided with a clock, within their deadline. */
  onTime: number;
  late: number;
  /** onTime / (onTime + late); null when nothing with a clock was decided. */
  onTimeRate: number | null;
  /** Average working days used (the clock's counted days) of the cases decided with a clock; null when none. */
  avgDaysUsed: number | null;
  /** Average committed working days of the same cases; null when none. */
  avgDaysCommitted: number | null;
  /** Ratings given during the month on cases this centre decided, by level '1' (非常满意) … '5' (非常不满意). */
  ratings: Record<'1' | '2' | '3' | '4' | '5', number>;
  ratingsTotal: number;
  /** (level 4 + level 5) / ratingsTotal; null when no rating. */
  poorShare: number | null;
  /** Rectification items (整改) opened at this centre during the month, and of them those answered by their due date. */
  rectificationsOpened: number;
  rectificationsAnsweredInTime: number;
  /** Of the items opened this month, those that can be judged at the month's end: answered, or due by then. The index's denominator. */
  rectificationsDue: number;
  /** Supervision orders (督办) addressed to this centre during the month, answered by their date, and flagged. */
  ordersReceived: number;
  ordersAnsweredInTime: number;
  /** Of the orders received this month, those that can be judged at the month's end: answered, or due by then. The index's denominator. */
  ordersDue: number;
  ordersFlagged: number;
  /** Complaints (投诉) against this centre received during the month, and of them those upheld. */
  complaintsReceived: number;
  complaintsUpheld: number;
}

/** One part of an index: the figure it reads, its score (0-100), its weight, and the points it gives. */
export interface ScorePart {
  code: string;
  labelZh: string;
  labelEn: string;
  /** The figure as read (a rate, an average, a count); null when the centre had nothing to measure. */
  value: number | null;
  /** 0-100; a part with no value scores full marks (nothing went wrong). */
  score: number;
  /** The part's weight in percent; the weights sum to 100. */
  weight: number;
  /** score × weight / 100. */
  points: number;
}

export interface RankedCentre {
  figures: CentreFigures;
  /** The efficiency index, 0-100, two decimals. */
  index: number;
  parts: ScorePart[];
  /** 1 = best, among the centres ranked together (the counties; the townships of one county). */
  rank: number;
  /** Last month's rank and index, when the centre was ranked then. */
  previousRank: number | null;
  previousIndex: number | null;
}

export interface LateCase {
  caseNumber: string;
  itemName: string;
  decidingNode: string;
  holder: string;
  dueOn: string;
  /** null while still live and late. */
  closedOn: string | null;
  overdueDays: number;
}

export interface MonthlyReport {
  month: Month;
  /** 'open' while the month's figures may still change; 'closed' once frozen. */
  status: 'open' | 'closed';
  closedAt: string | null;
  /** The version of the weights the index was computed with. */
  weightsVersion: number;
  generatedAt: string;
  counties: RankedCentre[];
  /** Each county's townships, ranked among themselves. */
  townships: Array<{ county: string; countyName: string; ranked: RankedCentre[] }>;
  /** The city's own centre, scored but not ranked (it has nobody to rank against). */
  city: RankedCentre | null;
  lateCases: LateCase[];
}
