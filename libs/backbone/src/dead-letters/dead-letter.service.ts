import { Injectable } from '@nestjs/common';
import { DomainError, maskResidentIdsInText, NotFoundError } from '#libs/domain';
import { InboxService } from '../inbox/inbox.service.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { type DeadLetter, DeadLetterRepository, type DeadLetterStatus } from './dead-letter.repository.js';

export class DeadLetterNotParkedError extends DomainError {
  readonly code = 'DEAD_LETTER_NOT_PARKED';
  readonly status = 409;
}

export interface ReplayResult {
  id: string;
  /** `replayed`: applied now, found already applied (never twice), or (outgoing) put back in the outbox; `parked`: it failed again; `skipped`: not found or not parked. */
  result: 'replayed' | 'parked' | 'skipped';
  outcome?: 'applied' | 'duplicate' | 'stale' | 'observed' | 'ignored' | 'requeued';
  errorCode?: string;
  error?: string;
}

export interface ReplayManyResult {
  replayed: number;
  stillParked: number;
  skipped: number;
  results: ReplayResult[];
}

function masked(dl: DeadLetter): DeadLetter {
  const mask = (t: string | null): string | null => (t === null ? null : maskResidentIdsInText(t));
  return { ...dl, key: mask(dl.key), value: maskResidentIdsInText(dl.value), errorMessage: maskResidentIdsInText(dl.errorMessage) };
}

function summarise(results: ReplayResult[]): ReplayManyResult {
  const count = (r: ReplayResult['result']): number => results.filter((x) => x.result === r).length;
  return { replayed: count('replayed'), stillParked: count('parked'), skipped: count('skipped'), results };
}

/** Operators' work on parked messages: list, inspect, replay through the inbox, discard. */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly repo: DeadLetterRepository,
    private readonly inbox: InboxService,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Parked messages as an operator sees them: resident IDs in them masked (the rows stay whole for replay). */
  async list(status: DeadLetterStatus | undefined, limit: number, offset: number): Promise<{ items: DeadLetter[]; total: number }> {
    const { items, total } = await this.repo.list(status, limit, offset);
    return { items: items.map(masked), total };
  }

  /** One parked message as an operator sees it, resident IDs masked. */
  async show(id: string): Promise<DeadLetter> {
    return masked(await this.get(id));
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
    try {
      const message = { topic: dl.topic, partition: dl.partition, offset: dl.offset, key: dl.key, value: Buffer.from(dl.value, 'utf8'), timestamp: dl.parkedAt, headers: {} };
      const res = await this.inbox.replay(message);
      if (!res.ok) {
        await this.repo.recordFailedReplay(id, res.code, res.reason);
        return { id, result: 'parked', errorCode: res.code, error: res.reason };
      }
      await this.repo.resolve(id, 'replayed', by);
      return { id, result: 'replayed', outcome: res.outcome };
    } catch (err) {
      const code = err instanceof DomainError ? err.code : 'HANDLER_FAILED';
      await this.repo.recordFailedReplay(id, code, (err as Error).message);
      return { id, result: 'parked', errorCode: code, error: (err as Error).message };
    }
  }

  /** Replays every parked message, oldest first. */
  async replayAll(by: string): Promise<ReplayManyResult> {
    const results: ReplayResult[] = [];
    for (const id of await this.repo.parkedIds()) results.push(await this.replay(id, by));
    return summarise(results);
  }

  /** Replays the named messages only, in the order given; one not found or no longer parked is skipped, not an error for the rest. */
  async replayOnly(ids: string[], by: string): Promise<ReplayManyResult> {
    const results: ReplayResult[] = [];
    for (const id of new Set(ids)) {
      try {
        results.push(await this.replay(id, by));
      } catch (err) {
        if (!(err instanceof NotFoundError || err instanceof DeadLetterNotParkedError)) throw err;
        results.push({ id, result: 'skipped', errorCode: err.code, error: err.messageEn });
      }
    }
    return summarise(results);
  }

  async discard(id: string, by: string): Promise<void> {
    const dl = await this.get(id);
    if (!(await this.repo.resolve(id, 'discarded', by))) {
      throw new DeadLetterNotParkedError(`死信 ${id} 已是 ${dl.status} 状态`, `dead letter ${id} is already ${dl.status}`);
    }
  }
}
