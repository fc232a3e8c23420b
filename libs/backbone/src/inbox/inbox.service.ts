import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type EventEnvelope, EventRegistry, isAddressedTo } from '#libs/contracts';
import { DomainError } from '#libs/domain';
import type { IncomingMessage } from '#libs/messaging';
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

  /** One attempt, in one transaction: record the id, check the key's version, apply. */
  async applyOnce(env: EventEnvelope, at: MessagePosition): Promise<ApplyOutcome> {
    const outcome = await this.ds.transaction(async (m): Promise<ApplyOutcome> => {
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
    });
    if (outcome === 'applied') this.stats.applied++;
    else if (outcome === 'duplicate') this.stats.duplicates++;
    else this.stats.stale++;
    return outcome;
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
