import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type DrawCandidate, nextMonth, type StratumCount } from '#libs/assessment';
import { cleanRow } from '#libs/node-kit';

export const FOLLOW_UP_STATUSES = ['pending', 'unreached', 'completed'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** One call to the applicant, as the coordinator recorded it. */
export interface FollowUpCall {
  reached: boolean;
  satisfied?: boolean;
  problems?: string;
  note?: string;
  calledAt: string;
  recordedAt: string;
  by: string;
  byName: string;
}

export interface FollowUp {
  id: string;
  drawId: string;
  month: string;
  caseNumber: string;
  stratum: string;
  decidingNode: string;
  intakeNode: string;
  itemName: string;
  closedOn: string;
  status: FollowUpStatus;
  calls: FollowUpCall[];
  /** The call that reached the applicant: the follow-up's result. */
  result?: FollowUpCall;
  problemFound: boolean;
  rectificationId?: string;
}

export interface Draw {
  id: string;
  month: string;
  seed: string;
  size: number;
  candidateCount: number;
  candidatesDigest: string;
  strata: StratumCount[];
  algorithm: string;
  drawnAt: string;
  drawnBy: string;
  drawnByName: string;
}

/** A closed case as the monitor has it, for a follow-up row. */
export interface ClosedCase {
  caseNumber: string;
  intakeNode: string;
  itemName: string;
  closedOn: string;
}

const DRAW = `id, month, seed, size, candidate_count as "candidateCount", candidates_digest as "candidatesDigest", strata, algorithm,
  drawn_at as "drawnAt", drawn_by as "drawnBy", drawn_by_name as "drawnByName"`;
const ITEM = `id, draw_id as "drawId", month, case_number as "caseNumber", stratum, deciding_node as "decidingNode", intake_node as "intakeNode",
  item_name as "itemName", to_char(closed_on, 'YYYY-MM-DD') as "closedOn", status, calls, result, problem_found as "problemFound", rectification_id as "rectificationId"`;

/** The first day of a month (`YYYY-MM`) and of the next: the month is [from, to). */
export function monthRange(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${nextMonth(month)}-01` };
}

/** The only place that queries the follow-up tables. */
@Injectable()
export class FollowUpsRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /**
   * The cases the city's monitor saw close during the month, with the node that decided each. It reads
   * the monitor's table, which has no query for this yet (closed cases are in no index but the key: a
   * scan, once a month).
   */
  async closedIn(month: string): Promise<DrawCandidate[]> {
    const { from, to } = monthRange(month);
    return this.ds.query(
      `select case_number as "caseNumber", deciding_node as "decidingNode" from monitor_case where not live and closed_on >= $1::date and closed_on < $2::date`,
      [from, to],
    );
  }

  /** What a follow-up row shows of each case drawn, from the monitor. */
  async closedCases(caseNumbers: readonly string[]): Promise<Map<string, ClosedCase>> {
    const rows: ClosedCase[] = await this.ds.query(
      `select case_number as "caseNumber", intake_node as "intakeNode", item_name as "itemName", to_char(closed_on, 'YYYY-MM-DD') as "closedOn"
       from monitor_case where case_number = any($1::text[])`,
      [caseNumbers],
    );
    return new Map(rows.map((r) => [r.caseNumber, r]));
  }

  /** Stores a draw; false when the month has one already (another coordinator, or another replica, was first). */
  async insertDraw(m: EntityManager, d: Draw, candidates: Buffer): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into follow_up_draw (id, month, seed, size, candidate_count, candidates_digest, candidates, strata, algorithm, drawn_at, drawn_by, drawn_by_name)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       on conflict (month) do nothing returning id`,
      [d.id, d.month, d.seed, d.size, d.candidateCount, d.candidatesDigest, candidates, JSON.stringify(d.strata), d.algorithm, d.drawnAt, d.drawnBy, d.drawnByName],
    );
    return rows.length === 1;
  }

  async insertItems(m: EntityManager, items: readonly FollowUp[]): Promise<void> {
    if (items.length === 0) return;
    await m.query(
      `insert into follow_up (id, draw_id, month, case_number, stratum, deciding_node, intake_node, item_name, closed_on)
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[])`,
      [
        items.map((i) => i.id),
        items.map((i) => i.drawId),
        items.map((i) => i.month),
        items.map((i) => i.caseNumber),
        items.map((i) => i.stratum),
        items.map((i) => i.decidingNode),
        items.map((i) => i.intakeNode),
        items.map((i) => i.itemName),
        items.map((i) => i.closedOn),
      ],
    );
  }

  async findDraw(month: string, m: EntityManager | DataSource = this.ds): Promise<Draw | undefined> {
    const rows: Record<string, unknown>[] = await m.query(`select ${DRAW} from follow_up_draw where month = $1`, [month]);
    return rows[0] && cleanRow<Draw>(rows[0]);
  }

  /** The candidate list a draw recorded, as stored (gzipped). */
  async drawCandidates(month: string): Promise<Buffer | undefined> {
    const rows: Array<{ candidates: Buffer }> = await this.ds.query(`select candidates from follow_up_draw where month = $1`, [month]);
    return rows[0]?.candidates;
  }

  async drawItems(drawId: string, m: EntityManager | DataSource = this.ds): Promise<FollowUp[]> {
    const rows: Record<string, unknown>[] = await m.query(`select ${ITEM} from follow_up where draw_id = $1 order by stratum, case_number`, [drawId]);
    return rows.map((r) => cleanRow<FollowUp>(r));
  }

  async findItem(id: string, m: EntityManager | DataSource = this.ds, lock = false): Promise<FollowUp | undefined> {
    const rows: Record<string, unknown>[] = await m.query(`select ${ITEM} from follow_up where id = $1${lock ? ' for update' : ''}`, [id]);
    return rows[0] && cleanRow<FollowUp>(rows[0]);
  }

  async saveCall(m: EntityManager, f: FollowUp): Promise<void> {
    await m.query(
      `update follow_up set status = $2, calls = $3, result = $4, problem_found = $5, rectification_id = $6, updated_at = clock_timestamp() where id = $1`,
      [f.id, f.status, JSON.stringify(f.calls), f.result ? JSON.stringify(f.result) : null, f.problemFound, f.rectificationId ?? null],
    );
  }

  async listItems(f: { month?: string; status?: string; limit: number; offset: number }): Promise<{ total: number; items: FollowUp[] }> {
    const args = [f.month ?? null, f.status ?? null];
    const where = `where ($1::text is null or month = $1) and ($2::text is null or status = $2)`;
    const total: Array<{ n: string }> = await this.ds.query(`select count(*) as n from follow_up ${where}`, args);
    const rows: Record<string, unknown>[] = await this.ds.query(`select ${ITEM} from follow_up ${where} order by month desc, stratum, case_number limit $3 offset $4`, [...args, f.limit, f.offset]);
    return { total: Number(total[0]!.n), items: rows.map((r) => cleanRow<FollowUp>(r)) };
  }
}
