import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type EventEnvelope, EventRegistry, isAddressedTo } from '#libs/contracts';
import { DomainError } from '#libs/domain';
import type { BatchControl, IncomingMessage } from '#libs/messaging';
import { NodeContext } from '#libs/node-kit';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository.js';
import { crashPoint } from '../faults.js';
import { EventHandlers } from './event-handlers.js';
import { InboxRepository, type MessagePosition } from './inbox.repository.js';

export class NoHandlerError extends DomainError {
  readonly code = 'NO_HANDLER';
  readonly status = 500;
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'stale';

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
  retries = 0;
}

/**
 * Applies incoming events exactly once: the event id is recorded in the same transaction as its
 * effect, a duplicate is acknowledged and ignored, a stale one recognised, a failing one retried
 * with backoff and then parked so that its partition moves on.
 */
@Injectable()
export class InboxService {
  readonly stats = new InboxStats();

  constructor(
    private readonly ctx: NodeContext,
    private readonly ds: DataSource,
    private readonly registry: EventRegistry,
    private readonly handlers: EventHandlers,
    private readonly inbox: InboxRepository,
    private readonly deadLetters: DeadLetterRepository,
    @Inject(INBOX_SETTINGS) private readonly settings: InboxSettings,
  ) {}

  async handle(msg: IncomingMessage, heartbeat: () => Promise<void>): Promise<void> {
    const parsed = this.registry.parse(msg.value);
    if (!parsed.ok) {
      await this.park(msg, undefined, parsed.code, parsed.reason, 1);
      return;
    }
    const env = parsed.envelope;
    if (env.source === this.ctx.code || !isAddressedTo(this.ctx.topology, env.target, this.ctx.code)) {
      this.stats.ignored++;
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.applyOnce(env, msg);
        return;
      } catch (err) {
        const retryable = !(err instanceof DomainError) || err.retryable;
        if (!retryable || attempt >= this.settings.maxAttempts) {
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
      let done = await this.applyChunk(chunk).catch((err: unknown) => {
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

  /**
   * Applies the leading valid messages of a chunk in one transaction; returns how many it finished.
   * Throws (and so applies none) if any of them fails.
   */
  private async applyChunk(chunk: IncomingMessage[]): Promise<number> {
    const counts = { applied: 0, duplicate: 0, stale: 0, ignored: 0 };
    let done = 0;
    await this.ds.transaction(async (m) => {
      for (const msg of chunk) {
        const parsed = this.registry.parse(msg.value);
        if (!parsed.ok) break;
        const env = parsed.envelope;
        if (env.source === this.ctx.code || !isAddressedTo(this.ctx.topology, env.target, this.ctx.code)) counts.ignored++;
        else counts[await this.applyIn(m, env, msg)]++;
        done++;
      }
    });
    this.stats.applied += counts.applied;
    this.stats.duplicates += counts.duplicate;
    this.stats.stale += counts.stale;
    this.stats.ignored += counts.ignored;
    return done;
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

  private async park(msg: IncomingMessage, env: EventEnvelope | undefined, code: string, reason: string, attempts: number): Promise<void> {
    await this.deadLetters.park({
      node: this.ctx.code,
      deadLetterTopic: this.ctx.topics.deadLetter,
      message: msg,
      envelope: env,
      errorCode: code,
      errorMessage: reason,
      attempts,
    });
    this.stats.parked++;
    this.ctx.logger.error({ eventId: env?.id, type: env?.type, topic: msg.topic, partition: msg.partition, offset: msg.offset, code, reason, attempts }, 'message parked as a dead letter');
  }

  private async backoff(attempt: number, heartbeat: () => Promise<void>): Promise<void> {
    let wait = Math.min(this.settings.backoffMaxMs, this.settings.backoffBaseMs * 4 ** (attempt - 1));
    while (wait > 0) {
      const step = Math.min(wait, 2000);
      await new Promise((r) => setTimeout(r, step));
      wait -= step;
      await heartbeat();
    }
  }
}
