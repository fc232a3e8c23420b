import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AssessmentWeights, CaseFileLike, ComplaintFact, MonthlyReport, OrderFact, RectificationFact } from '#libs/assessment';

export interface WeightsVersion {
  version: number;
  weights: AssessmentWeights;
  changedBy: string;
  changedByName: string;
  changedAt: string;
  reason: string;
}

export interface FrozenMonth {
  month: string;
  closedAt: string;
  closedBy: string;
  closedByName: string;
  weightsVersion: number;
  report: MonthlyReport;
}

/** A month's bounds as instants (ISO, UTC): its first local midnight and the next month's. */
export interface MonthBounds {
  from: string;
  to: string;
}

const WEIGHT_COLUMNS = `version, weights, changed_by as "changedBy", changed_by_name as "changedByName", changed_at as "changedAt", reason`;

/** The only place that queries the assessment's tables, and the city's tables for a month's facts. */
@Injectable()
export class AssessmentRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async currentWeights(m: EntityManager | DataSource = this.ds): Promise<WeightsVersion> {
    const [row] = (await m.query(`select ${WEIGHT_COLUMNS} from assessment_weights order by version desc limit 1`)) as WeightsVersion[];
    return iso(row!);
  }

  async weights(version: number): Promise<WeightsVersion | undefined> {
    const [row] = (await this.ds.query(`select ${WEIGHT_COLUMNS} from assessment_weights where version = $1`, [version])) as WeightsVersion[];
    return row && iso(row);
  }

  async weightsHistory(): Promise<WeightsVersion[]> {
    return ((await this.ds.query(`select ${WEIGHT_COLUMNS} from assessment_weights order by version desc`)) as WeightsVersion[]).map(iso);
  }

  async addWeights(m: EntityManager, w: Omit<WeightsVersion, 'version'>): Promise<WeightsVersion> {
    await m.query('lock table assessment_weights in exclusive mode');
    const [row] = (await m.query(
      `insert into assessment_weights (version, weights, changed_by, changed_by_name, changed_at, reason)
       select coalesce(max(version), 0) + 1, $1, $2, $3, $4, $5 from assessment_weights returning ${WEIGHT_COLUMNS}`,
      [JSON.stringify(w.weights), w.changedBy, w.changedByName, w.changedAt, w.reason],
    )) as WeightsVersion[];
    return iso(row!);
  }

  async frozen(month: string, m: EntityManager | DataSource = this.ds): Promise<FrozenMonth | undefined> {
    const [row] = (await m.query(
      `select month, closed_at as "closedAt", closed_by as "closedBy", closed_by_name as "closedByName", weights_version as "weightsVersion", report
       from assessment_month where month = $1`,
      [month],
    )) as Array<FrozenMonth & { closedAt: Date | string }>;
    return row && { ...row, closedAt: new Date(row.closedAt).toISOString() };
  }

  /** Freezes a month; false when it was closed already (by someone else at the same time). */
  async freeze(m: EntityManager, f: FrozenMonth): Promise<boolean> {
    const rows = (await m.query(
      `insert into assessment_month (month, closed_at, closed_by, closed_by_name, weights_version, report) values ($1, $2, $3, $4, $5, $6)
       on conflict (month) do nothing returning month`,
      [f.month, f.closedAt, f.closedBy, f.closedByName, f.weightsVersion, JSON.stringify(f.report)],
    )) as unknown[];
    return rows.length === 1;
  }

  /** The city's copies of the cases received, decided or rated within the month. */
  async casesOfMonth(b: MonthBounds): Promise<CaseFileLike[]> {
    return this.ds.query(
      `select state, record from case_file
       where (received_at >= $1::timestamptz and received_at < $2::timestamptz) or (decided_at >= $1::timestamptz and decided_at < $2::timestamptz)
          or ((record->'rating'->>'at')::timestamptz >= $1::timestamptz and (record->'rating'->>'at')::timestamptz < $2::timestamptz)`,
      [b.from, b.to],
    );
  }

  /** The copies of the given cases (the ones a recomputation found no event for). */
  async cases(caseNumbers: readonly string[]): Promise<CaseFileLike[]> {
    return this.ds.query(`select state, record from case_file where case_number = any($1::text[])`, [caseNumbers]);
  }

  /** Orders issued within the month (all, or only those addressed to `holder`). */
  async ordersOfMonth(b: MonthBounds, holder?: string): Promise<OrderFact[]> {
    const rows = (await this.ds.query(
      `select id, holder, issued_at as "issuedAt", to_char(answer_by, 'YYYY-MM-DD') as "answerBy", answer->>'at' as "answeredAt", flagged
       from supervision_order where issued_at >= $1 and issued_at < $2 ${holder ? 'and holder = $3' : ''}`,
      holder ? [b.from, b.to, holder] : [b.from, b.to],
    )) as Array<OrderFact & { issuedAt: Date | string }>;
    return rows.map((r) => ({ ...r, issuedAt: new Date(r.issuedAt).toISOString() }));
  }

  complaintsOfMonth(b: MonthBounds, onlyAt?: string): Promise<ComplaintFact[]> {
    return complaintsOf(this.ds, b, onlyAt);
  }

  /** Rectification items opened within the month (all, or only those of `node`). */
  async rectificationsOfMonth(b: MonthBounds, node?: string): Promise<RectificationFact[]> {
    const rows = (await this.ds.query(
      `select id, node, opened_at as "openedAt", to_char(due_on, 'YYYY-MM-DD') as "dueOn", answer->>'at' as "answeredAt"
       from rectification where opened_at >= $1 and opened_at < $2 ${node ? 'and node = $3' : ''}`,
      node ? [b.from, b.to, node] : [b.from, b.to],
    )) as Array<RectificationFact & { openedAt: Date | string }>;
    return rows.map((r) => ({ ...r, openedAt: new Date(r.openedAt).toISOString() }));
  }
}

/** Complaints received within the month: all, or only those taken and handled at `onlyAt` (which never travel). */
async function complaintsOf(ds: DataSource, b: MonthBounds, onlyAt?: string): Promise<ComplaintFact[]> {
  const rows = (await ds.query(
    `select id, against_node as "againstNode", received_at as "receivedAt", outcome from complaint
     where received_at >= $1 and received_at < $2 ${onlyAt ? 'and taken_at_node = $3 and handling_node = $3' : ''}`,
    onlyAt ? [b.from, b.to, onlyAt] : [b.from, b.to],
  )) as Array<ComplaintFact & { receivedAt: Date | string }>;
  return rows.map((r) => ({ ...r, receivedAt: new Date(r.receivedAt).toISOString() }));
}

function iso(w: WeightsVersion): WeightsVersion {
  return { ...w, changedAt: new Date(w.changedAt).toISOString() };
}
