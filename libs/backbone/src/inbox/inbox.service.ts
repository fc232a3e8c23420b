import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type EventEnvelope, EventRegistry, isAddressedTo, type MessageGlimpse, originOf } from '#libs/contracts';
import { DomainError } from '#libs/domain';
import type { BatchControl, IncomingMessage } from '#libs/messaging';
import { NodeContext } from '#libs/node-kit';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository.js';
import { crashPoint } from '../faults.js';
import { EventHandlers } from './event-handlers.js';
import { classifyFailure } from './failure-kind.js';
import { InboxRepository, type MessagePosition } from './inbox.repository.js';
import { SharedTransactions } from './shared-transactions.js';

export class NoHandlerError extends DomainError {
  readonly code = 'NO_HANDLER';
  readonly status = 500;
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'stale' | 'observed';

/**
 * What to do with one message, decided from where it came from (the topic, whose only writer the
 * broker enforces) and what it says: apply it, observe it (the city, for traffic between others),
 * skip it (not for this node), or park it (wrong in itself, or claiming a sender it did not come from).
 */
type Verdict =
  | { kind: 'apply'; env: EventEnvelope }
  | { kind: 'observe'; env: EventEnvelope }
  | { kind: 'skip'; rejected?: string }
  | { kind: 'park'; code: string; reason: string; env?: EventEnvelope; glimpse?: MessageGlimpse };

export interface InboxSettings {
  maxAttempts: number;
  /** Backoff before attempt n+1 is baseMs · 4^(n-1), capped at maxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const INBOX_SETTINGS = Symbol('INBOX_SETTINGS');

/** Events applied in one transaction at most. */
const CHUNK = 200;

export class InboxStats {
  applied = 0;
  duplicates = 0;
  stale = 0;
  parked = 0;
  ignored = 0;
  observed = 0;
  /** Messages between other nodes that the observing city could not read; their addressee parks them. */
  observedRejected = 0;
  retries = 0;
  /** Waits for the database (or the way to it) to come back; no attempt is counted for them. */
  infrastructureWaits = 0;
}

/** Longest pause between two looks at a database that is down. */
const INFRA_WAIT_MAX_MS = 5000;

export class InboxStoppingError extends Error {
  constructor() {
    super('the node is shutting down while waiting for its database; the message stays unacknowledged');
  }
}

/**
 * Applies incoming events exactly once: the event id is recorded in the same transaction as its
 * effect, a duplicate is acknowledged and ignored, a stale one recognised, a failing one retried
 * with backoff and then parked so that its partition moves on.
 */
@Injectable()
export class InboxService implements BeforeApplicationShutdown {
  readonly stats = new InboxStats();
  private stopping = false;
  private readonly shared: SharedTransactions;

  constructor(
    private readonly ctx: NodeContext,
    private readonly ds: DataSource,
    private readonly registry: EventRegistry,
    private readonly handlers: EventHandlers,
    private readonly inbox: InboxRepository,
    private readonly deadLetters: DeadLetterRepository,
    @Inject(INBOX_SETTINGS) private readonly settings: InboxSettings,
  ) {
    // A county or the city reads many links at once; a few transactions in flight keep the node and
    // its database both busy (one alone leaves each waiting for the other).
    this.shared = new SharedTransactions(ds, ctx.tier === 'township' ? 2 : 3);
  }

  /** Before the consumer stops: a wait for the database gives up, so the stop is not held by it. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
  }

  async handle(msg: IncomingMessage, heartbeat: () => Promise<void>): Promise<void> {
    const verdict = this.classify(msg);
    if (verdict.kind === 'park') {
      await this.park(msg, verdict.env, verdict.code, verdict.reason, 1, verdict.glimpse);
      return;
    }
    if (verdict.kind === 'skip') {
      this.countSkip(verdict, msg);
      return;
    }
    const env = verdict.env;
    for (let attempt = 1, outage = 0; ; attempt++) {
      try {
        if (verdict.kind === 'observe') await this.observeOnce(env, msg);
        else await this.applyOnce(env, msg);
        return;
      } catch (err) {
        const kind = classifyFailure(err);
        if (kind === 'infrastructure') {
          // Not the message's fault: wait for the database, and try again without counting an attempt.
          await this.waitForInfrastructure(++outage, err, heartbeat);
          attempt--;
          continue;
        }
        outage = 0;
        if (kind === 'permanent' || attempt >= this.settings.maxAttempts) {
          const code = err instanceof DomainError ? err.code : 'HANDLER_FAILED';
          await this.park(msg, env, code, (err as Error).message, attempt);
          return;
        }
        this.stats.retries++;
        this.ctx.logger.warn({ err, eventId: env.id, type: env.type, attempt }, 'applying an event failed; retrying');
        await this.backoff(attempt, heartbeat);
      }
    }
  }

  /**
   * A fetched batch of one partition, in order, applied in chunks of one transaction each, so that
   * committing is paid once per chunk, not once per event. A chunk that fails as a whole is rolled
   * back and its messages take the one-by-one path (retries with backoff, then parking), in order.
   */
  async handleBatch(messages: IncomingMessage[], control: BatchControl): Promise<void> {
    let i = 0;
    while (i < messages.length) {
      if (!control.isRunning() || control.isStale()) return;
      const chunk = messages.slice(i, i + CHUNK);
      let done = await this.applyChunkWaitingForInfrastructure(chunk, control.heartbeat).catch((err: unknown) => {
        if (err instanceof InboxStoppingError) throw err;
        this.ctx.logger.warn({ err, topic: chunk[0]!.topic, partition: chunk[0]!.partition }, 'a chunk of events failed; applying them one by one');
        return 0;
      });
      if (done > 0) control.resolveOffset(chunk[done - 1]!.offset);
      // The chunk stopped at a message that is not valid, or failed as a whole: one by one from there.
      const rest = done === 0 ? chunk : chunk.slice(done, done + 1);
      for (const msg of rest) {
        if (!control.isRunning() || control.isStale()) return;
        await this.handle(msg, control.heartbeat);
        control.resolveOffset(msg.offset);
        done++;
      }
      i += done;
      await control.heartbeat();
    }
  }

  /** A chunk that meets a database outage is tried again as a whole once the database is back. */
  private async applyChunkWaitingForInfrastructure(chunk: IncomingMessage[], heartbeat: () => Promise<void>): Promise<number> {
    for (let outage = 1; ; outage++) {
      try {
        return await this.applyChunk(chunk);
      } catch (err) {
        if (classifyFailure(err) !== 'infrastructure') throw err;
        await this.waitForInfrastructure(outage, err, heartbeat);
      }
    }
  }

  /** Backs off (heartbeating) while the database is unreachable; gives up only when the node stops. */
  private async waitForInfrastructure(outage: number, err: unknown, heartbeat: () => Promise<void>): Promise<void> {
    if (this.stopping) throw new InboxStoppingError();
    this.stats.infrastructureWaits++;
    const wait = Math.min(INFRA_WAIT_MAX_MS, this.settings.backoffBaseMs * 2 ** (outage - 1));
    this.ctx.logger.warn({ err, outage, waitMs: wait }, 'the database is unreachable; waiting for it before applying again');
    await this.pause(wait, heartbeat);
    if (this.stopping) throw new InboxStoppingError();
  }

  /**
   * Applies the leading valid messages of a chunk in one transaction; returns how many it finished.
   * Throws (and so applies none) if any of them fails. Their ids go into the inbox in one statement
   * (one round trip per chunk, not per event); then, in order, each new one is applied.
   */
  private async applyChunk(chunk: IncomingMessage[]): Promise<number> {
    let counts = { applied: 0, duplicate: 0, stale: 0, observed: 0 };
    let skipped: Array<{ verdict: Extract<Verdict, { kind: 'skip' }>; msg: IncomingMessage }> = [];
    const items: Array<{ msg: IncomingMessage; verdict: Exclude<Verdict, { kind: 'park' }> }> = [];
    for (const msg of chunk) {
      const verdict = this.classify(msg);
      if (verdict.kind === 'park') break;
      items.push({ msg, verdict });
    }
    // Shared with the chunks of other partitions being applied now: one commit for all of them.
    // Run again alone if the shared transaction fails, so it starts from scratch.
    await this.shared.run(async (m) => {
      counts = { applied: 0, duplicate: 0, stale: 0, observed: 0 };
      skipped = [];
      const toRecord: Array<{ env: EventEnvelope; at: MessagePosition; outcome: 'applied' | 'observed' }> = [];
      for (const { msg, verdict } of items) {
        if (verdict.kind === 'apply') toRecord.push({ env: verdict.env, at: msg, outcome: 'applied' });
        else if (verdict.kind === 'observe') toRecord.push({ env: verdict.env, at: msg, outcome: 'observed' });
      }
      const fresh = await this.inbox.recordMany(m, toRecord);
      // A run of new events of one type whose handler takes runs (and no key versions to check) is applied in one call.
      let run: EventEnvelope[] = [];
      const flush = async (): Promise<void> => {
        if (run.length === 0) return;
        const envs = run;
        run = [];
        await this.handlers.many(envs[0]!.type)!(envs, m);
        crashPoint('inbox.after-apply-before-commit', envs.map((e) => e.type));
        counts.applied += envs.length;
      };
      for (const { msg, verdict } of items) {
        if (verdict.kind === 'skip') {
          skipped.push({ verdict, msg });
          continue;
        }
        // Recorded now, and the first of its id in this chunk (a repeat is a duplicate too).
        const id = verdict.env.id.toLowerCase();
        if (!fresh.delete(id)) {
          counts.duplicate++;
          continue;
        }
        const env = verdict.env;
        if (verdict.kind === 'apply' && env.keyVersion === undefined && this.handlers.many(env.type)) {
          if (run.length > 0 && run[0]!.type !== env.type) await flush();
          run.push(env);
          continue;
        }
        await flush();
        if (verdict.kind === 'observe') counts[await this.observeRecorded(m, env)]++;
        else counts[await this.applyRecorded(m, env)]++;
      }
      await flush();
    });
    this.stats.applied += counts.applied;
    this.stats.duplicates += counts.duplicate;
    this.stats.stale += counts.stale;
    this.stats.observed += counts.observed;
    for (const s of skipped) this.countSkip(s.verdict, s.msg);
    return items.length;
  }

  /**
   * Decides from the topic who truly sent a message (its only writer) and checks the envelope
   * against it. A node parks what is wrong with a message addressed to it; the city, observing a
   * link between two other nodes, only counts what it cannot read, since the addressee parks it.
   */
  private classify(msg: IncomingMessage): Verdict {
    const origin = originOf(this.ctx.topics, this.ctx.topology, msg.topic);
    if (!origin) return { kind: 'park', code: 'UNKNOWN_CHANNEL', reason: `topic ${msg.topic} is not a channel of this deployment` };
    const observing = (origin.channel === 'link' && origin.to !== this.ctx.code) || (origin.channel === 'county-catalog' && this.ctx.tier === 'city');
    const reject = (code: string, reason: string, env?: EventEnvelope, glimpse?: MessageGlimpse): Verdict =>
      observing ? { kind: 'skip', rejected: `${code}: ${reason}` } : { kind: 'park', code, reason, env, glimpse };
    const parsed = this.registry.parse(msg.value);
    if (!parsed.ok) return reject(parsed.code, parsed.reason, undefined, parsed.glimpse);
    const env = parsed.envelope;
    if (env.source !== origin.writer) {
      return reject('SOURCE_MISMATCH', `the envelope claims source ${env.source}, but ${msg.topic} is written by ${origin.writer} alone`, env);
    }
    if (parsed.definition.channel !== origin.channel) {
      return reject('WRONG_CHANNEL', `${env.type} travels on ${parsed.definition.channel} topics, not on ${msg.topic}`, env);
    }
    if (isAddressedTo(this.ctx.topology, env.target, this.ctx.code)) return { kind: 'apply', env };
    return this.ctx.tier === 'city' ? { kind: 'observe', env } : { kind: 'skip' };
  }

  /**
   * A parked message given another chance (an operator's replay): checked again exactly as on
   * arrival, sender from its topic included, so a replay can never apply what the inbox refused for
   * what the message is; then applied (or observed) once.
   */
  async replay(msg: IncomingMessage): Promise<{ ok: true; outcome: ApplyOutcome | 'ignored' } | { ok: false; code: string; reason: string }> {
    const verdict = this.classify(msg);
    if (verdict.kind === 'park') return { ok: false, code: verdict.code, reason: verdict.reason };
    if (verdict.kind === 'skip') return verdict.rejected ? { ok: false, code: 'REJECTED', reason: verdict.rejected } : { ok: true, outcome: 'ignored' };
    const outcome = verdict.kind === 'observe' ? await this.observeOnce(verdict.env, msg) : await this.applyOnce(verdict.env, msg);
    return { ok: true, outcome };
  }

  private countSkip(verdict: Extract<Verdict, { kind: 'skip' }>, msg: IncomingMessage): void {
    if (!verdict.rejected) {
      this.stats.ignored++;
      return;
    }
    this.stats.observedRejected++;
    this.ctx.logger.warn({ topic: msg.topic, partition: msg.partition, offset: msg.offset, reason: verdict.rejected }, 'an observed message between other nodes is not valid; its addressee parks it');
  }

  /** The city records an event between other nodes once, and hands it to whatever observes its type. */
  async observeOnce(env: EventEnvelope, at: MessagePosition): Promise<ApplyOutcome> {
    const outcome = await this.ds.transaction((m) => this.observeIn(m, env, at));
    if (outcome === 'observed') this.stats.observed++;
    else this.stats.duplicates++;
    return outcome;
  }

  private async observeIn(m: EntityManager, env: EventEnvelope, at: MessagePosition): Promise<'observed' | 'duplicate'> {
    if (!(await this.inbox.record(m, env, at, 'observed'))) return 'duplicate';
    return this.observeRecorded(m, env);
  }

  /** Inside the caller's transaction, for an event just recorded as observed. */
  private async observeRecorded(m: EntityManager, env: EventEnvelope): Promise<'observed'> {
    const observer = this.handlers.observer(env.type);
    if (observer) await observer(env, m);
    return 'observed';
  }

  /** One attempt, in one transaction: record the id, check the key's version, apply. */
  async applyOnce(env: EventEnvelope, at: MessagePosition): Promise<ApplyOutcome> {
    const outcome = await this.ds.transaction((m) => this.applyIn(m, env, at));
    if (outcome === 'applied') this.stats.applied++;
    else if (outcome === 'duplicate') this.stats.duplicates++;
    else this.stats.stale++;
    return outcome;
  }

  /** Inside the caller's transaction: record the id, check the key's version, apply. */
  private async applyIn(m: EntityManager, env: EventEnvelope, at: MessagePosition): Promise<ApplyOutcome> {
    if (!(await this.inbox.record(m, env, at, 'applied'))) return 'duplicate';
    return this.applyRecorded(m, env);
  }

  /** Inside the caller's transaction, for an event just recorded: check the key's version, apply. */
  private async applyRecorded(m: EntityManager, env: EventEnvelope): Promise<ApplyOutcome> {
    if (env.keyVersion !== undefined) {
      const versionKey = `${env.type.split('.')[0]}:${env.key}`;
      if (!(await this.inbox.advanceKeyVersion(m, versionKey, env.keyVersion, env.id))) {
        await this.inbox.setOutcome(m, env.id, 'stale');
        return 'stale';
      }
    }
    const handler = this.handlers.get(env.type);
    if (!handler) throw new NoHandlerError(`节点 ${this.ctx.code} 不处理 ${env.type} 事件`, `node ${this.ctx.code} has no handler for ${env.type}`);
    await handler(env, m);
    crashPoint('inbox.after-apply-before-commit', [env.type]);
    return 'applied';
  }

  private async park(msg: IncomingMessage, env: EventEnvelope | undefined, code: string, reason: string, attempts: number, glimpse?: MessageGlimpse): Promise<void> {
    await this.deadLetters.park({
      node: this.ctx.code,
      deadLetterTopic: this.ctx.topics.deadLetter,
      message: msg,
      envelope: env,
      glimpse,
      errorCode: code,
      errorMessage: reason,
      attempts,
    });
    this.stats.parked++;
    this.ctx.logger.error({ eventId: env?.id ?? glimpse?.id, type: env?.type ?? glimpse?.type, topic: msg.topic, partition: msg.partition, offset: msg.offset, code, reason, attempts }, 'message parked as a dead letter');
  }

  private async backoff(attempt: number, heartbeat: () => Promise<void>): Promise<void> {
    await this.pause(Math.min(this.settings.backoffMaxMs, this.settings.backoffBaseMs * 4 ** (attempt - 1)), heartbeat);
  }

  /** Waits `wait` ms, heartbeating at least every 2 s so the group keeps the partition. */
  private async pause(wait: number, heartbeat: () => Promise<void>): Promise<void> {
    while (wait > 0) {
      const step = Math.min(wait, 2000);
      await new Promise((r) => setTimeout(r, step));
      wait -= step;
      await heartbeat();
    }
  }
}
