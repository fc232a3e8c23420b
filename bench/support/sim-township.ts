/**
 * Simulated townships for the routing benchmark: many in one process, but each with what a real
 * township has on the wire and on disk — its own schema in the simulation database (cases, outbox,
 * inbox), its own broker principal and secret, its own producer on its own link topic, its own
 * consumer group on the county's link to it. An intake is one transaction (the case and its
 * outgoing event), built by the same pure rules a township node runs (openCase, act: intake,
 * acceptance, hand-up) and validated as the node's outbox validates it; a relay per township
 * publishes the outbox in order with the idempotent producer; what comes back is parsed and checked
 * by the same registry a node uses and recorded once in the township's inbox.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { CatalogItemInput } from '#libs/catalog';
import { WorkingCalendar } from '#libs/calendar';
import { act, type CaseFile, type StepActor, type TimelineStep } from '#libs/case-service';
import { checkMaterials, formatCaseNumber, localDate, openCase } from '#libs/cases';
import type { TopologyIndex } from '#libs/config';
import { ALL_EVENTS, CaseStepEvent, CaseStepPayload, describeErrors, EventRegistry, nodeGroup, type Topics, topicFor } from '#libs/contracts';
import { GroupConsumer, IdempotentProducer, type Kafka } from '#libs/messaging';

export interface SimOptions {
  code: string;
  county: string;
  pool: pg.Pool;
  kafka: Kafka;
  topics: Topics;
  topology: TopologyIndex;
  item: CatalogItemInput;
  itemCode: string;
  itemOrigin: string;
  /** A valid resident ID for the organisation's contact person. */
  contactId: string;
}

const registry = new EventRegistry(ALL_EVENTS);
const calendar = WorkingCalendar.official();
/** Keeps a record batch well under the broker's 1 MB message limit. */
const RELAY_MAX_BYTES = 700_000;

export class SimTownship {
  readonly schema: string;
  private readonly producer: IdempotentProducer;
  private consumer?: GroupConsumer;
  private readonly clerk: StepActor;
  private relayWake?: () => void;
  private relayPending = false;
  private relayLoop?: Promise<void>;
  private stopping = false;
  taken = 0;
  published = 0;
  received = 0;
  duplicates = 0;
  rejected = 0;
  relayError?: string;

  constructor(private readonly o: SimOptions) {
    this.schema = `t_${o.code}`;
    this.producer = new IdempotentProducer(o.kafka);
    this.clerk = { id: `sim-clerk-${o.code}`, name: '模拟窗口', role: 'township_clerk', node: o.code, backupOf: [] };
  }

  async create(): Promise<void> {
    const s = this.schema;
    await this.o.pool.query(`
      create schema ${s};
      create sequence ${s}.case_seq;
      create table ${s}.sim_case (case_number text primary key, file jsonb not null, event_id uuid not null);
      create table ${s}.outbox (seq bigserial primary key, event_id uuid not null unique, topic text not null, key text not null, envelope jsonb not null, published_at timestamptz);
      create table ${s}.inbox (event_id uuid primary key, type text not null, key text not null, status text, applied_at timestamptz not null default clock_timestamp());`);
  }

  async start(): Promise<void> {
    await this.producer.connect();
    this.relayLoop = this.relay();
    const county = this.o.county;
    this.consumer = new GroupConsumer(this.o.kafka, { groupId: nodeGroup(this.o.topics.prefix, this.o.code), topics: [this.o.topics.link(county, this.o.code)], concurrency: 1 });
    await this.consumer.start(async (messages, control) => {
      const rows: unknown[] = [];
      for (const msg of messages) {
        const parsed = registry.parse(msg.value);
        // What a node would park; counted here (the county sends nothing of the kind in this run).
        if (!parsed.ok || parsed.envelope.source !== county) {
          this.rejected++;
          continue;
        }
        const env = parsed.envelope;
        const status = (env.payload as { state?: { status?: string } }).state?.status ?? null;
        rows.push([env.id, env.type, env.key, status]);
      }
      if (rows.length > 0) {
        const values = rows.map((_, i) => `($${i * 4 + 1}::uuid, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(', ');
        const res = await this.o.pool.query(`insert into ${this.schema}.inbox (event_id, type, key, status) values ${values} on conflict do nothing`, rows.flat());
        this.received += res.rowCount ?? 0;
        this.duplicates += rows.length - (res.rowCount ?? 0);
      }
      control.resolveOffset(messages[messages.length - 1]!.offset);
    });
  }

  /** Builds the case a complete intake makes, handed up at once (全程代办), and its case.step for the county. */
  private build(sequence: number, now: Date): { file: CaseFile; envelope: Record<string, unknown>; topic: string } {
    const caseNumber = formatCaseNumber({ nodeCode: this.o.code, date: localDate(now), sequence });
    const opened = openCase({ caseNumber, intakeNode: this.o.code, item: this.o.item, firstContact: this.clerk.id });
    if (!opened.ok) throw new Error(`openCase refused: ${opened.problem}`);
    const materials = this.o.item.materials.map((m) => ({ name: m.name, originals: m.originals, copies: m.copies }));
    const check = checkMaterials(this.o.item, materials, []);
    let file: CaseFile = {
      state: opened.state,
      record: {
        itemCode: this.o.itemCode,
        itemName: this.o.item.name,
        decisionLevel: this.o.item.decisionLevel,
        itemOrigin: this.o.itemOrigin,
        firstContactName: this.clerk.name,
        applicant: { kind: 'organisation', name: `模拟餐饮${sequence}有限公司`, idNumber: '91350100M000100Y43', contactName: '经办人', contactIdNumber: this.o.contactId, phone: '0951-6192345', address: '银川市兴庆区解放东街 1 号' },
        channel: '1',
        materials: { brought: materials, conditions: [], missing: check.missing, unexpected: check.unexpected },
        receivedAt: now.toISOString(),
        committedDays: this.o.item.committedTimeLimit.days,
        documents: [],
      },
    };
    if (!check.complete) throw new Error(`the simulated intake is not complete: ${JSON.stringify(check.missing)}`);
    const steps: TimelineStep[] = [];
    for (const [action, input] of [['intake_complete', { missing: [], channel: '1' }], ['accept', {}], ['hand_up', {}]] as const) {
      const r = act(file, action, this.clerk, input, now, calendar);
      steps.push(r.step);
      file = r.file;
    }
    const payload = plainToInstance(CaseStepPayload, { state: file.state, record: file.record, steps });
    const problems = describeErrors(validateSync(payload));
    if (problems.length > 0) throw new Error(`invalid case.step: ${problems.join('; ')}`);
    const id = uuidv7();
    const envelope = {
      id,
      type: CaseStepEvent.type,
      schemaVersion: CaseStepEvent.schemaVersion,
      source: this.o.code,
      target: this.o.county,
      key: caseNumber,
      occurredAt: now.toISOString(),
      actor: { kind: 'staff', id: this.clerk.id, role: this.clerk.role },
      correlationId: id,
      payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>,
    };
    return { file, envelope, topic: topicFor(this.o.topics, this.o.topology, CaseStepEvent.channel, this.o.code, this.o.county) };
  }

  private prepared: Array<{ file: CaseFile; envelope: Record<string, unknown>; topic: string }> = [];

  /**
   * Builds `n` intakes ahead (their case numbers reserved), so that a burst measures the county, not
   * the simulator's own CPU: what a clerk fills in before the counter commits it.
   */
  async prepare(n: number): Promise<void> {
    const { rows } = await this.o.pool.query<{ n: string }>(`select nextval('${this.schema}.case_seq') as n from generate_series(1, $1)`, [n]);
    const now = new Date();
    for (const r of rows) this.prepared.push(this.build(Number(r.n), now));
  }

  /** One intake: the case and its event in one statement, so one transaction. Resolves once committed. */
  async intake(): Promise<string> {
    let next = this.prepared.shift();
    if (!next) {
      const { rows } = await this.o.pool.query<{ n: string }>(`select nextval('${this.schema}.case_seq') as n`);
      next = this.build(Number(rows[0]!.n), new Date());
    }
    const { file, envelope, topic } = next;
    await this.o.pool.query(
      `with c as (insert into ${this.schema}.sim_case (case_number, file, event_id) values ($1, $2, $3))
       insert into ${this.schema}.outbox (event_id, topic, key, envelope) values ($3, $4, $1, $5)`,
      [file.state.caseNumber, file, envelope.id, topic, envelope],
    );
    this.taken++;
    this.wake();
    return file.state.caseNumber;
  }

  private wake(): void {
    this.relayPending = true;
    this.relayWake?.();
  }

  /** Publishes the outbox in write order, in batches bounded by size, and marks what the broker took. */
  private async relay(): Promise<void> {
    while (!this.stopping) {
      this.relayPending = false;
      try {
        for (;;) {
          const { rows } = await this.o.pool.query<{ seq: string; topic: string; key: string; envelope: Record<string, unknown>; event_id: string }>(
            `select seq, topic, key, envelope, event_id from ${this.schema}.outbox where published_at is null order by seq limit 200`,
          );
          if (rows.length === 0) break;
          let bytes = 0;
          const batch: typeof rows = [];
          for (const r of rows) {
            const size = JSON.stringify(r.envelope).length;
            if (batch.length > 0 && bytes + size > RELAY_MAX_BYTES) break;
            batch.push(r);
            bytes += size;
          }
          await this.producer.send(batch.map((r) => ({ topic: r.topic, key: r.key, value: JSON.stringify(r.envelope), headers: { 'event-id': r.event_id, 'event-type': 'case.step', source: this.o.code } })));
          await this.o.pool.query(`update ${this.schema}.outbox set published_at = clock_timestamp() where seq = any($1::bigint[])`, [batch.map((r) => r.seq)]);
          this.published += batch.length;
        }
        this.relayError = undefined;
      } catch (err) {
        this.relayError = (err as Error).message;
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (this.relayPending) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, 1000);
        function done(): void {
          clearTimeout(t);
          resolve();
        }
        this.relayWake = done;
      });
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.relayWake?.();
    await this.relayLoop;
    await this.consumer?.stop().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
  }
}
