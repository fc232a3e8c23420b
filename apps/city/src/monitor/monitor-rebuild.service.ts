import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CalendarService, CaseEventRefusedError, type CaseFile, CaseLightsService, CaseRepository, checkCaseStepEvent } from '#libs/case-service';
import { CaseStepEvent, type CaseStepPayload, type EventEnvelope } from '#libs/contracts';
import { ConflictError } from '#libs/domain';
import { BUILD_SCHEMA, MonitorRebuildRepository, MonitorRepository } from '#libs/monitor';
import { Clock, NodeContext } from '#libs/node-kit';
import { LinkLogReader } from '../event-log/link-log.reader.js';
import { SupervisionRepository } from '#libs/supervision';
import { monitorRowOf } from './monitor-row.js';

export type RebuildPhase = 'starting' | 'reading' | 'indexing' | 'comparing' | 'swapping' | 'done' | 'failed';

export interface RebuildProgress {
  id: string;
  phase: RebuildPhase;
  startedAt: string;
  finishedAt: string | null;
  topics: number;
  /** Messages on the link topics when the read began, and how many have been read. */
  messages: { total: number; read: number };
  /** `case.step` events used, and those refused with the reason (the addressee parked them too). */
  caseSteps: number;
  refused: Record<string, number>;
  /**
   * Cases no message on the links carries any more (their last step is older than the links' 30-day
   * retention) or ever carried (taken in and decided at the city itself): projected from the city's
   * copies, which were built from their events when those arrived.
   */
  fromCopies: number;
  /** Cases in the rebuilt projection. */
  cases: number;
  /** Against the live projection just before the swap: cases whose rows differ, a few of them, and the aggregates' drift. */
  comparison: { differing: number; sample: string[]; drift: Record<string, number> } | null;
  error: string | null;
}

/** A rebuild already runs (here or at another replica of the city). */
export class MonitorRebuildRunningError extends ConflictError {
  override readonly code = 'MONITOR_REBUILD_RUNNING';
}

/** Held by whoever rebuilds (a session-level advisory lock), so that two replicas never build at once. */
const REBUILD_LOCK = 7_460_100_001;
const ROWS_PER_TRANSACTION = 500;

/**
 * Drops the city monitor and builds it again from Kafka (docs/monitor.md "Rebuilding"): every link
 * topic of the network, the city's own included, read from its first message to its end at the
 * start, each message checked as the inbox checks it (sender from the topic, envelope, payload, the
 * case's path), the newest version of each case projected, read at this moment with its supervision.
 * The build fills tables beside the live ones, which go on answering (and on being written: the
 * build gets those writes too) until the build is swapped in.
 */
@Injectable()
export class MonitorRebuildService implements OnApplicationBootstrap {
  private current?: RebuildProgress;

  constructor(
    private readonly ctx: NodeContext,
    private readonly ds: DataSource,
    private readonly log: LinkLogReader,
    private readonly cases: CaseRepository,
    private readonly lights: CaseLightsService,
    private readonly calendar: CalendarService,
    private readonly orders: SupervisionRepository,
    private readonly monitor: MonitorRepository,
    private readonly builds: MonitorRebuildRepository,
    private readonly clock: Clock,
  ) {}

  /** A build left by a rebuild that died with its process is dropped, so live writes stop going to it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.withLock(async () => {
      if (await this.builds.building()) {
        this.ctx.logger.warn({ component: 'monitor' }, 'an unfinished monitor rebuild was found and dropped');
        await this.ds.transaction((m) => this.builds.abandonBuild(m));
      }
    }).catch(() => undefined);
  }

  progress(): RebuildProgress | null {
    return this.current ?? null;
  }

  /** Starts a rebuild in the background and answers at once with its progress. */
  async start(): Promise<RebuildProgress> {
    if (this.current && !['done', 'failed'].includes(this.current.phase)) {
      throw new MonitorRebuildRunningError('监察视图正在重建', 'The monitor is being rebuilt already', { id: this.current.id });
    }
    const p: RebuildProgress = {
      id: uuidv7(),
      phase: 'starting',
      startedAt: this.clock.now().toISOString(),
      finishedAt: null,
      topics: 0,
      messages: { total: 0, read: 0 },
      caseSteps: 0,
      refused: {},
      fromCopies: 0,
      cases: 0,
      comparison: null,
      error: null,
    };
    this.current = p;
    const locked = this.withLock(() => this.run(p));
    locked
      .then((got) => {
        if (!got) throw new MonitorRebuildRunningError('监察视图正在由另一实例重建', 'Another replica of the city is rebuilding the monitor');
      })
      .catch((err: unknown) => {
        p.phase = 'failed';
        p.error = err instanceof Error ? err.message : String(err);
        p.finishedAt = this.clock.now().toISOString();
        this.ctx.logger.error({ component: 'monitor', err }, 'the monitor rebuild failed');
      });
    return p;
  }

  /** Runs `work` holding the rebuild lock on a connection of its own; false if someone else holds it. */
  private async withLock(work: () => Promise<void>): Promise<boolean> {
    const q = this.ds.createQueryRunner();
    await q.connect();
    try {
      const [r] = (await q.query('select pg_try_advisory_lock($1) as got', [REBUILD_LOCK])) as Array<{ got: boolean }>;
      if (!r?.got) return false;
      try {
        await work();
      } finally {
        await q.query('select pg_advisory_unlock($1)', [REBUILD_LOCK]);
      }
      return true;
    } finally {
      await q.release();
    }
  }

  private async run(p: RebuildProgress): Promise<void> {
    const log = this.ctx.logger;
    await this.ds.transaction((m) => this.builds.beginBuild(m));
    try {
      // Whatever the city committed before the build existed is on its way to Kafka: wait until it is there.
      await this.outboxPublishedUpTo(await this.lastOutboxSeq());
      p.phase = 'reading';
      log.info({ component: 'monitor', rebuild: p.id }, 'monitor rebuild: reading every link from the beginning');
      const now = this.clock.now();
      let lastLog = 0;
      const read = await this.log.read(p.id, {
        purpose: 'monitor-rebuild',
        onBatch: (events, refuse) => this.applyBatch(events, refuse, now, p),
        onProgress: (done, total) => {
          p.messages = { total, read: done };
          if (Date.now() - lastLog > 5000) {
            lastLog = Date.now();
            log.info({ component: 'monitor', rebuild: p.id, read: done, total }, `monitor rebuild: ${done} of ${total} messages`);
          }
        },
      });
      p.messages = { total: read.total, read: read.read };
      p.topics = read.topics;
      for (const [code, n] of Object.entries(read.refused)) p.refused[code] = (p.refused[code] ?? 0) + n;
      p.fromCopies = await this.applyCopiesNotInLog(now);
      p.phase = 'indexing';
      await this.builds.finishBuild();
      p.phase = 'comparing';
      p.comparison = await this.compare();
      p.phase = 'swapping';
      await this.ds.transaction((m) => this.builds.swapBuild(m));
      const [count] = (await this.ds.query('select count(*)::int as n from monitor_case')) as Array<{ n: number }>;
      p.cases = count?.n ?? 0;
      p.phase = 'done';
      p.finishedAt = this.clock.now().toISOString();
      log.info({ component: 'monitor', rebuild: p.id, cases: p.cases, differing: p.comparison.differing }, 'monitor rebuild: swapped in');
    } catch (err) {
      await this.ds.transaction((m) => this.builds.abandonBuild(m)).catch(() => undefined);
      throw err;
    }
  }

  /** One fetched batch: the newest version of each case in it, checked as a receiver without a copy checks it, projected into the build. */
  private async applyBatch(events: Array<{ env: EventEnvelope }>, refuse: (code: string) => void, now: Date, p: RebuildProgress): Promise<void> {
    const newest = new Map<string, CaseFile>();
    for (const { env } of events) {
      if (env.type !== CaseStepEvent.type) continue;
      try {
        const { file } = checkCaseStepEvent(env as unknown as EventEnvelope<CaseStepPayload>);
        p.caseSteps++;
        const seen = newest.get(file.state.caseNumber);
        if (!seen || seen.state.version < file.state.version) newest.set(file.state.caseNumber, file);
      } catch (err) {
        if (!(err instanceof CaseEventRefusedError)) throw err;
        refuse(err.code);
      }
    }
    await this.project([...newest.values()], now);
  }

  private async project(files: CaseFile[], now: Date): Promise<void> {
    for (let i = 0; i < files.length; i += ROWS_PER_TRANSACTION) {
      const chunk = files.slice(i, i + ROWS_PER_TRANSACTION);
      await this.ds.transaction(async (m) => {
        // Read on the calendar in force, as the live projection does (an amendment being applied is waited for).
        await this.calendar.enter(m);
        const supervision = await this.orders.casesSupervision(m, chunk.map((f) => f.state.caseNumber));
        const rows = chunk.map((file) => monitorRowOf(file, this.lights.of(file, now), supervision.get(file.state.caseNumber)!));
        await this.monitor.applyMany(m, rows, 'build');
      });
    }
  }

  /** The cases the build has no row for after the read: the city's copies are their record. */
  private async applyCopiesNotInLog(now: Date): Promise<number> {
    const missing = `not exists (select 1 from ${BUILD_SCHEMA}.monitor_case b where b.case_number = c.case_number)`;
    let n = 0;
    for (let after = ''; ; ) {
      const files = await this.cases.pageAfter(after, ROWS_PER_TRANSACTION, missing);
      if (files.length === 0) return n;
      await this.project(files, now);
      n += files.length;
      after = files.at(-1)!.state.caseNumber;
    }
  }

  private async lastOutboxSeq(): Promise<string> {
    const [r] = (await this.ds.query('select coalesce(max(seq), 0)::text as seq from outbox')) as Array<{ seq: string }>;
    return r?.seq ?? '0';
  }

  private async outboxPublishedUpTo(seq: string, timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [r] = (await this.ds.query('select count(*)::int as n from outbox where seq <= $1 and published_at is null and parked_at is null', [seq])) as Array<{ n: number }>;
      if ((r?.n ?? 0) === 0) return;
      if (Date.now() > until) throw new Error(`the city's outbox has not published its events up to ${seq} within ${timeoutMs / 1000} s; is the broker up?`);
      await new Promise((res) => setTimeout(res, 200));
    }
  }

  /** The build against the live tables: rows that differ (all columns but the write time), and each build's aggregates against its rows. */
  private async compare(): Promise<{ differing: number; sample: string[]; drift: Record<string, number> }> {
    const cols = `case_number, intake_node, holder, deciding_node, item_code, item_name, status, outcome, live, paused, light, step_light, received_on, accepted_on, due_on, closed_on, closed_late, overdue_days, light_due_at, supervision_round, flagged, version, calendar_version`;
    const rows = (await this.ds.query(
      `select coalesce(l.case_number, b.case_number) as case_number from (select ${cols} from monitor_case) l
       full join (select ${cols} from monitor_build.monitor_case) b on b.case_number = l.case_number
       where l is distinct from b order by 1`,
    )) as Array<{ case_number: string }>;
    const drift = await this.builds.countDrift(this.ds, 'build');
    return { differing: rows.length, sample: rows.slice(0, 10).map((r) => r.case_number), drift };
  }
}
