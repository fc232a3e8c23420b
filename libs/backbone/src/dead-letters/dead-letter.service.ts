import { Injectable } from '@nestjs/common';
import { EventRegistry } from '#libs/contracts';
import { DomainError, NotFoundError } from '#libs/domain';
import { InboxService } from '../inbox/inbox.service.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { type DeadLetter, DeadLetterRepository, type DeadLetterStatus } from './dead-letter.repository.js';

export class DeadLetterNotParkedError extends DomainError {
  readonly code = 'DEAD_LETTER_NOT_PARKED';
  readonly status = 409;
}

export interface ReplayResult {
  id: string;
  /** `replayed`: applied now, or found already applied (never twice), or (outgoing) put back in the outbox; `parked`: it failed again. */
  result: 'replayed' | 'parked';
  outcome?: 'applied' | 'duplicate' | 'stale' | 'requeued';
  errorCode?: string;
  error?: string;
}

/** Operators' work on parked messages: list, inspect, replay through the inbox, discard. */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly repo: DeadLetterRepository,
    private readonly registry: EventRegistry,
    private readonly inbox: InboxService,
    private readonly outbox: OutboxRepository,
  ) {}

  list(status: DeadLetterStatus | undefined, limit: number, offset: number): Promise<{ items: DeadLetter[]; total: number }> {
    return this.repo.list(status, limit, offset);
  }

  async get(id: string): Promise<DeadLetter> {
    const dl = await this.repo.get(id);
    if (!dl) throw new NotFoundError(`未找到死信 ${id}`, `dead letter ${id} not found`);
    return dl;
  }

  async replay(id: string, by: string): Promise<ReplayResult> {
    const dl = await this.get(id);
    if (dl.status !== 'parked') throw new DeadLetterNotParkedError(`死信 ${id} 已是 ${dl.status} 状态`, `dead letter ${id} is already ${dl.status}`);
    if (dl.direction === 'outgoing') {
      // An outbox row the broker refused goes back in line (e.g. once its topic exists); parked again if still refused.
      await this.outbox.unpark(dl.offset);
      await this.repo.resolve(id, 'replayed', by);
      return { id, result: 'replayed', outcome: 'requeued' };
    }
    const parsed = this.registry.parse(dl.value);
    if (!parsed.ok) {
      await this.repo.recordFailedReplay(id, parsed.code, parsed.reason);
      return { id, result: 'parked', errorCode: parsed.code, error: parsed.reason };
    }
    try {
      const outcome = await this.inbox.applyOnce(parsed.envelope, { topic: dl.topic, partition: dl.partition, offset: dl.offset });
      await this.repo.resolve(id, 'replayed', by);
      return { id, result: 'replayed', outcome };
    } catch (err) {
      const code = err instanceof DomainError ? err.code : 'HANDLER_FAILED';
      await this.repo.recordFailedReplay(id, code, (err as Error).message);
      return { id, result: 'parked', errorCode: code, error: (err as Error).message };
    }
  }

  /** Replays every parked message, oldest first. */
  async replayAll(by: string): Promise<{ replayed: number; stillParked: number; results: ReplayResult[] }> {
    const results: ReplayResult[] = [];
    for (const id of await this.repo.parkedIds()) results.push(await this.replay(id, by));
    const replayed = results.filter((r) => r.result === 'replayed').length;
    return { replayed, stillParked: results.length - replayed, results };
  }

  async discard(id: string, by: string): Promise<void> {
    const dl = await this.get(id);
    if (!(await this.repo.resolve(id, 'discarded', by))) {
      throw new DeadLetterNotParkedError(`死信 ${id} 已是 ${dl.status} 状态`, `dead letter ${id} is already ${dl.status}`);
    }
  }
}
