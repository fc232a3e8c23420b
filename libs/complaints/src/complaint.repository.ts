import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { ComplaintChannel, ComplaintOutcome, ComplaintStatus } from '#libs/contracts';

export interface ComplaintAnswer {
  content: string;
  outcome: ComplaintOutcome;
  at: string;
  by: string;
  byName: string;
}

/** A complaint as a node keeps it. */
export interface Complaint {
  id: string;
  number: string;
  againstNode: string;
  caseNumber?: string;
  takenAtNode: string;
  handlingNode: string;
  channel: ComplaintChannel;
  complainant: { name: string; phone: string };
  content: string;
  receivedAt: string;
  dueOn: string;
  takenBy: string;
  takenByName: string;
  status: ComplaintStatus;
  outcome?: ComplaintOutcome;
  answeredAt?: string;
  answer?: ComplaintAnswer;
  version: number;
}

export interface ComplaintStep {
  id: string;
  complaintId: string;
  at: string;
  node: string;
  actorId: string;
  actorName: string;
  action: string;
  details: Record<string, unknown>;
}

export interface ComplaintListFilters {
  number?: string;
  status?: string;
  againstNode?: string;
  handlingNode?: string;
  takenAtNode?: string;
  caseNumber?: string;
  channel?: string;
  outcome?: string;
  /** Unanswered past their date on this day: marked overdue, or still open with an earlier due date. */
  overdueOn?: string;
  /** The opposite: answered, or still within their date on this day. */
  inTimeOn?: string;
  limit: number;
  offset: number;
}

const COLUMNS = `id, number, against_node as "againstNode", case_number as "caseNumber", taken_at_node as "takenAtNode", handling_node as "handlingNode",
  channel, complainant_name as "complainantName", complainant_phone as "complainantPhone", content, received_at as "receivedAt",
  to_char(due_on, 'YYYY-MM-DD') as "dueOn", taken_by as "takenBy", taken_by_name as "takenByName", status, outcome, answered_at as "answeredAt", answer, version`;

/** Rows come back with nulls and Dates; the services speak in absent fields and ISO strings. */
function toComplaint(row: Record<string, unknown>): Complaint {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === null || k === 'complainantName' || k === 'complainantPhone') continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  out.complainant = { name: row.complainantName, phone: row.complainantPhone };
  return out as unknown as Complaint;
}

/** The only place that queries the complaint tables. */
@Injectable()
export class ComplaintRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** The next number of the node's daily sequence: one counter row per local date, locked by the update. */
  async nextSequence(m: EntityManager, day: string): Promise<number> {
    const rows: Array<{ last: number }> = await m.query(
      `insert into complaint_number_counter as c (day, last) values ($1::date, 1) on conflict (day) do update set last = c.last + 1 returning last`,
      [day],
    );
    return rows[0]!.last;
  }

  async find(id: string, m: EntityManager | DataSource = this.ds, lock = false): Promise<Complaint | undefined> {
    const rows: Record<string, unknown>[] = await m.query(`select ${COLUMNS} from complaint where id = $1${lock ? ' for update' : ''}`, [id]);
    return rows[0] && toComplaint(rows[0]);
  }

  async findByNumber(number: string, m: EntityManager | DataSource = this.ds): Promise<(Complaint & { secretHash?: string }) | undefined> {
    const rows: Record<string, unknown>[] = await m.query(`select ${COLUMNS}, secret_hash as "secretHash" from complaint where number = $1`, [number]);
    return rows[0] && toComplaint(rows[0]);
  }

  /**
   * Keeps a complaint this node has not seen: true when it was inserted, false when one with that id
   * or that number is here already (the caller compares them).
   */
  async insert(m: EntityManager, c: Complaint, secretHash?: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into complaint (id, number, against_node, case_number, taken_at_node, handling_node, channel, received_at, due_on, status, outcome, answered_at, version,
                              complainant_name, complainant_phone, content, taken_by, taken_by_name, answer, secret_hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       on conflict do nothing
       returning id`,
      [
        c.id,
        c.number,
        c.againstNode,
        c.caseNumber ?? null,
        c.takenAtNode,
        c.handlingNode,
        c.channel,
        c.receivedAt,
        c.dueOn,
        c.status,
        c.outcome ?? null,
        c.answeredAt ?? null,
        c.version,
        c.complainant.name,
        c.complainant.phone,
        c.content,
        c.takenBy,
        c.takenByName,
        c.answer ? JSON.stringify(c.answer) : null,
        secretHash ?? null,
      ],
    );
    return rows.length === 1;
  }

  /** Records the answer on this node's copy if it has none yet; false when it had one. */
  async saveAnswer(m: EntityManager, id: string, answer: ComplaintAnswer): Promise<boolean> {
    const res: [unknown[], number] = await m.query(
      `update complaint set status = 'answered', outcome = $2, answered_at = $3, answer = $4, version = version + 1, updated_at = clock_timestamp()
       where id = $1 and answer is null`,
      [id, answer.outcome, answer.at, JSON.stringify(answer)],
    );
    return res[1] === 1;
  }

  /** Open complaints whose due date has passed, locked; another replica's sweep skips them. */
  async dueUnanswered(m: EntityManager, today: string, limit: number): Promise<Complaint[]> {
    const rows: Record<string, unknown>[] = await m.query(
      `select ${COLUMNS} from complaint where status = 'open' and due_on < $1::date order by due_on, id limit $2 for update skip locked`,
      [today, limit],
    );
    return rows.map(toComplaint);
  }

  async markOverdue(m: EntityManager, id: string): Promise<void> {
    await m.query(`update complaint set status = 'overdue', version = version + 1, updated_at = clock_timestamp() where id = $1 and status = 'open'`, [id]);
  }

  async addStep(m: EntityManager, step: Omit<ComplaintStep, 'id'>): Promise<void> {
    await m.query(
      `insert into complaint_step (id, complaint_id, at, node, actor_id, actor_name, action, details) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [uuidv7(), step.complaintId, step.at, step.node, step.actorId, step.actorName, step.action, JSON.stringify(step.details)],
    );
  }

  async steps(complaintId: string): Promise<ComplaintStep[]> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `select id, complaint_id as "complaintId", to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, node, actor_id as "actorId",
              actor_name as "actorName", action, details
       from complaint_step where complaint_id = $1 order by at, id`,
      [complaintId],
    );
    return rows as unknown as ComplaintStep[];
  }

  /** A page of complaints, newest first, under the filters given. */
  async list(f: ComplaintListFilters): Promise<{ total: number; items: Complaint[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      if (value === undefined || value === '') return;
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    add('number = ?', f.number);
    add('status = ?', f.status);
    add('against_node = ?', f.againstNode);
    add('handling_node = ?', f.handlingNode);
    add('taken_at_node = ?', f.takenAtNode);
    add('case_number = ?', f.caseNumber);
    add('channel = ?', f.channel);
    add('outcome = ?', f.outcome);
    add(`(status = 'overdue' or (status = 'open' and due_on < ?::date))`, f.overdueOn);
    add(`not (status = 'overdue' or (status = 'open' and due_on < ?::date))`, f.inTimeOn);
    const clause = where.length ? `where ${where.join(' and ')}` : '';
    const [count] = (await this.ds.query(`select count(*)::int as n from complaint ${clause}`, params)) as Array<{ n: number }>;
    const rows: Record<string, unknown>[] = await this.ds.query(
      `select ${COLUMNS} from complaint ${clause} order by received_at desc, id limit $${params.length + 1} offset $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { total: count?.n ?? 0, items: rows.map(toComplaint) };
  }

  /**
   * Counts one more hit of `key` in its fixed window of `windowSeconds` (the window restarts once
   * over), in the node's database so the limit holds across replicas.
   */
  async hit(key: string, windowSeconds: number): Promise<{ hits: number; resetIn: number }> {
    const rows: Array<{ hits: number; resetIn: number }> = await this.ds.query(
      `insert into complaint_rate as r (key, window_start, hits) values ($1, clock_timestamp(), 1)
       on conflict (key) do update set
         hits = case when r.window_start <= clock_timestamp() - make_interval(secs => $2) then 1 else r.hits + 1 end,
         window_start = case when r.window_start <= clock_timestamp() - make_interval(secs => $2) then clock_timestamp() else r.window_start end
       returning hits, extract(epoch from r.window_start + make_interval(secs => $2) - clock_timestamp())::float8 as "resetIn"`,
      [key, windowSeconds],
    );
    return rows[0]!;
  }
}
