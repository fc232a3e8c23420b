import { Injectable } from '@nestjs/common';
import { cleanRow } from '#libs/node-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AnswerData, OrderStatus, RectificationSource, RectificationStatus, ReratingData } from '#libs/contracts';

export interface SupervisionOrder {
  id: string;
  caseNumber: string;
  round: number;
  previousId?: string;
  holder: string;
  content: string;
  answerBy: string;
  issuedAt: string;
  issuedBy: string;
  issuedByName: string;
  rule?: string;
  status: OrderStatus;
  flagged: boolean;
  answer?: AnswerData;
  version: number;
}

export interface OrderStep {
  id: string;
  orderId: string;
  at: string;
  node: string;
  actorId: string;
  actorName: string;
  action: string;
  details: Record<string, unknown>;
}

export interface Rectification {
  id: string;
  caseNumber: string;
  node: string;
  source: RectificationSource;
  /** A rating's item: the poor rating that opened it. */
  ratingLevel?: string;
  ratingComment?: string;
  /** A follow-up's item: the follow-up call and the problem it found. */
  followUpId?: string;
  problem?: string;
  openedAt: string;
  dueOn: string;
  status: RectificationStatus;
  answer?: AnswerData;
  rerating?: ReratingData;
  version: number;
}

export interface WeeklyRow {
  node: string;
  issued: number;
  answered: number;
  overdue: number;
  flagged: number;
  open: number;
}

const ORDER_COLUMNS = `id, case_number as "caseNumber", round, previous_id as "previousId", holder, content, to_char(answer_by, 'YYYY-MM-DD') as "answerBy",
  issued_at as "issuedAt", issued_by as "issuedBy", issued_by_name as "issuedByName", rule, status, flagged, answer, version`;
const ITEM_COLUMNS = `id, case_number as "caseNumber", node, source, rating_level as "ratingLevel", rating_comment as "ratingComment",
  follow_up_id as "followUpId", problem, opened_at as "openedAt",
  to_char(due_on, 'YYYY-MM-DD') as "dueOn", status, answer, rerating, version`;

/** A filter (SQL with one `?`) and its value; skipped when the value is not given. */
type Filter = [sql: string, value: unknown];

/** The only place that queries the supervision tables. */
@Injectable()
export class SupervisionRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async findOrder(id: string, m: EntityManager | DataSource = this.ds, lock = false): Promise<SupervisionOrder | undefined> {
    const rows: Record<string, unknown>[] = await m.query(`select ${ORDER_COLUMNS} from supervision_order where id = $1${lock ? ' for update' : ''}`, [id]);
    return rows[0] && cleanRow<SupervisionOrder>(rows[0]);
  }

  /** Inserts the order, or replaces this node's copy with a newer version; false when the copy was as new already. */
  async saveOrder(m: EntityManager, o: SupervisionOrder): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into supervision_order (id, case_number, round, previous_id, holder, content, answer_by, issued_at, issued_by, issued_by_name, rule, status, flagged, answer, version)
       values ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12, $13, $14, $15)
       on conflict (id) do update set status = excluded.status, flagged = excluded.flagged, answer = coalesce(excluded.answer, supervision_order.answer),
         version = excluded.version, updated_at = clock_timestamp()
       where supervision_order.version < excluded.version
       returning id`,
      [o.id, o.caseNumber, o.round, o.previousId ?? null, o.holder, o.content, o.answerBy, o.issuedAt, o.issuedBy, o.issuedByName, o.rule ?? null, o.status, o.flagged, o.answer ? JSON.stringify(o.answer) : null, o.version],
    );
    return rows.length === 1;
  }

  /** Records an answer on this node's copy (the version stays the city's). */
  async answerOrder(m: EntityManager, id: string, status: OrderStatus, answer: AnswerData): Promise<void> {
    await m.query(`update supervision_order set status = $2, answer = $3, updated_at = clock_timestamp() where id = $1`, [id, status, JSON.stringify(answer)]);
  }

  async openOrderFor(m: EntityManager, caseNumber: string): Promise<SupervisionOrder | undefined> {
    const rows: Record<string, unknown>[] = await m.query(`select ${ORDER_COLUMNS} from supervision_order where case_number = $1 and status = 'open' limit 1`, [caseNumber]);
    return rows[0] && cleanRow<SupervisionOrder>(rows[0]);
  }

  /** Open orders whose answer date has passed, locked; another replica's sweeper skips them. */
  /**
   * A case's supervision as the city's monitor shows it: the highest round of its orders still
   * unanswered (open or gone overdue; 0 if none), and whether one was flagged (监察建议).
   */
  async caseSupervision(m: EntityManager, caseNumber: string): Promise<{ round: number; flagged: boolean }> {
    return (await this.casesSupervision(m, [caseNumber])).get(caseNumber)!;
  }

  /** `caseSupervision` of several cases in one query; every case asked for is in the map. */
  async casesSupervision(m: EntityManager, caseNumbers: readonly string[]): Promise<Map<string, { round: number; flagged: boolean }>> {
    const out = new Map(caseNumbers.map((n) => [n, { round: 0, flagged: false }]));
    const rows = (await m.query(
      `select case_number as "caseNumber", coalesce(max(round) filter (where answer is null), 0)::int as round, bool_or(flagged) as flagged
       from supervision_order where case_number = any($1::text[]) group by case_number`,
      [caseNumbers],
    )) as Array<{ caseNumber: string; round: number; flagged: boolean }>;
    for (const r of rows) out.set(r.caseNumber, { round: r.round, flagged: r.flagged });
    return out;
  }

  async overdueOrders(m: EntityManager, today: string, limit: number): Promise<SupervisionOrder[]> {
    const rows: Record<string, unknown>[] = await m.query(
      `select ${ORDER_COLUMNS} from supervision_order where status = 'open' and answer_by < $1::date order by answer_by limit $2 for update skip locked`,
      [today, limit],
    );
    return rows.map((r) => cleanRow<SupervisionOrder>(r));
  }

  async listOrders(f: { caseNumber?: string; holder?: string; status?: string; flagged?: boolean; limit: number; offset: number }): Promise<{ total: number; items: SupervisionOrder[] }> {
    const filters: Filter[] = [
      ['case_number = ?', f.caseNumber],
      ['holder = ?', f.holder],
      ['status = ?', f.status],
      ['flagged = ?', f.flagged],
    ];
    return this.page<SupervisionOrder>('supervision_order', ORDER_COLUMNS, 'issued_at', filters, f);
  }

  async addStep(m: EntityManager, step: Omit<OrderStep, 'id'>): Promise<void> {
    await m.query(
      `insert into supervision_order_step (id, order_id, at, node, actor_id, actor_name, action, details) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [uuidv7(), step.orderId, step.at, step.node, step.actorId, step.actorName, step.action, JSON.stringify(step.details)],
    );
  }

  async steps(orderId: string): Promise<OrderStep[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `select id, order_id as "orderId", at, node, actor_id as "actorId", actor_name as "actorName", action, details from supervision_order_step where order_id = $1 order by at, id`,
      [orderId],
    );
    return rows.map((r) => cleanRow<OrderStep>(r));
  }

  /** Orders issued in [from, to) by holder: how many, answered, gone overdue, flagged, still open. */
  async weekly(from: string, to: string): Promise<WeeklyRow[]> {
    const rows: Array<Record<string, string>> = await this.ds.query(
      `select holder as node, count(*) as issued,
              count(*) filter (where answer is not null) as answered,
              count(*) filter (where status = 'overdue') as overdue,
              count(*) filter (where flagged) as flagged,
              count(*) filter (where status = 'open') as open
       from supervision_order
       where issued_at >= ($1::date)::timestamp at time zone 'Asia/Shanghai' and issued_at < ($2::date)::timestamp at time zone 'Asia/Shanghai'
       group by holder order by holder`,
      [from, to],
    );
    return rows.map((r) => ({ node: r.node!, issued: Number(r.issued), answered: Number(r.answered), overdue: Number(r.overdue), flagged: Number(r.flagged), open: Number(r.open) }));
  }

  async findItem(id: string, m: EntityManager | DataSource = this.ds, lock = false): Promise<Rectification | undefined> {
    const rows: Record<string, unknown>[] = await m.query(`select ${ITEM_COLUMNS} from rectification where id = $1${lock ? ' for update' : ''}`, [id]);
    return rows[0] && cleanRow<Rectification>(rows[0]);
  }

  /** Inserts the item, or replaces this node's copy with a newer version; false when the copy was as new already. */
  async saveItem(m: EntityManager, r: Rectification): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into rectification (id, case_number, node, rating_level, rating_comment, opened_at, due_on, status, answer, rerating, version, source, follow_up_id, problem)
       values ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12, $13, $14)
       on conflict (id) do update set status = excluded.status, answer = excluded.answer, rerating = excluded.rerating, version = excluded.version, updated_at = clock_timestamp()
       where rectification.version < excluded.version
       returning id`,
      [r.id, r.caseNumber, r.node, r.ratingLevel ?? null, r.ratingComment ?? null, r.openedAt, r.dueOn, r.status, r.answer ? JSON.stringify(r.answer) : null, r.rerating ? JSON.stringify(r.rerating) : null, r.version,
        r.source, r.followUpId ?? null, r.problem ?? null],
    );
    return rows.length === 1;
  }

  async listItems(f: { caseNumber?: string; node?: string; status?: string; source?: string; overdueOn?: string; limit: number; offset: number }): Promise<{ total: number; items: Rectification[] }> {
    const filters: Filter[] = [
      ['case_number = ?', f.caseNumber],
      ['node = ?', f.node],
      ['status = ?', f.status],
      ['source = ?', f.source],
      [`status = 'open' and due_on < ?::date`, f.overdueOn],
    ];
    return this.page<Rectification>('rectification', ITEM_COLUMNS, 'opened_at', filters, f);
  }

  /** A page of a table, newest first, under the filters whose value is given (one `?` each). */
  private async page<T extends object>(table: string, columns: string, newest: string, filters: Filter[], p: { limit: number; offset: number }): Promise<{ total: number; items: T[] }> {
    const given = filters.filter(([, v]) => v !== undefined && v !== '');
    const args = given.map(([, v]) => v);
    const w = given.length ? `where ${given.map(([sql], i) => sql.replace('?', `$${i + 1}`)).join(' and ')}` : '';
    const total: Array<{ n: string }> = await this.ds.query(`select count(*) as n from ${table} ${w}`, args);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `select ${columns} from ${table} ${w} order by ${newest} desc, id limit $${args.length + 1} offset $${args.length + 2}`,
      [...args, p.limit, p.offset],
    );
    return { total: Number(total[0]!.n), items: rows.map((r) => cleanRow<T>(r)) };
  }
}
