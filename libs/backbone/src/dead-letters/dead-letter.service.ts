import { Injectable } from '@nestjs/common';
import { DomainError, NotFoundError } from '#libs/domain';
import { InboxService } from '../inbox/inbox.service.js';
import { type DeadLetter, DeadLetterRepository, type DeadLetterStatus } from './dead-letter.repository.js';

export class DeadLetterNotParkedError extends DomainError {
  readonly code = 'DEAD_LETTER_NOT_PARKED';
  readonly status = 409;
}

export interface ReplayResult {
  id: string;
  /** `replayed`: applied now, or found already applied (never twice); `parked`: it failed again. */
  result: 'replayed' | 'parked';
  outcome?: 'applied' | 'duplicate' | 'stale' | 'observed' | 'ignored';
  errorCode?: string;
  error?: string;
}

/** Operators' work on parked messages: list, inspect, replay through the inbox, discard. */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly repo: DeadLetterRepository,
    private readonly inbox: InboxService,
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
