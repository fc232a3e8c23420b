import { Injectable, type OnModuleInit } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { DataSource } from 'typeorm';
import { type Actor, PingEvent, PingPayload } from '#libs/contracts';
import { DomainError, InvalidInputError } from '#libs/domain';
import { NodeContext } from '#libs/node-kit';
import { EventHandlers } from '../inbox/event-handlers.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { DiagnosticsRepository } from './diagnostics.repository.js';
import type { SendPingsDto } from './dto/send-pings.dto.js';

export class KeyHeldError extends DomainError {
  readonly code = 'DIAGNOSTIC_KEY_HELD';
  readonly status = 409;
  override readonly retryable = true;
}

/**
 * Proves and measures the path between nodes: sends ping events through the outbox and records
 * those that arrive. A held key makes its events fail, to rehearse retries and dead letters.
 */
@Injectable()
export class DiagnosticsService implements OnModuleInit {
  constructor(
    private readonly ctx: NodeContext,
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly handlers: EventHandlers,
    private readonly repo: DiagnosticsRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.on(PingEvent, async (env, manager) => {
      if (await this.repo.isHeld(manager, env.key)) {
        throw new KeyHeldError(`键 ${env.key} 被暂扣`, `key ${env.key} is held on node ${this.ctx.code}`);
      }
      await this.repo.saveReceived(manager, env, env.payload.seq);
    });
  }

  async send(dto: SendPingsDto, actor: Actor): Promise<{ sent: number; correlationId: string; firstEventId: string }> {
    const target = this.ctx.topology.get(dto.target);
    if (!target || (target.parent !== this.ctx.code && this.ctx.self.parent !== dto.target)) {
      throw new InvalidInputError(`目标节点 ${dto.target} 不是本节点的上级或下级`, `target ${dto.target} is neither this node's parent nor one of its children`, {
        errors: [{ field: 'target', rule: 'adjacentNode', message: '目标必须是本节点的上级或直属下级', messageEn: 'target must be the parent or a direct child of this node' }],
      });
    }
    const sentAt = new Date().toISOString();
    const counters = new Map<string, number>();
    const events = Array.from({ length: dto.count }, (_, i) => {
      const key = `${dto.keyPrefix}-${i % dto.keys}`;
      const seq = (counters.get(key) ?? 0) + 1;
      counters.set(key, seq);
      return {
        definition: PingEvent,
        target: dto.target,
        key,
        payload: plainToInstance(PingPayload, { message: dto.message, sentAt, seq }),
        actor,
      };
    });
    const envelopes = await this.ds.transaction(async (m) => {
      const out = [];
      for (let i = 0; i < events.length; i += 1000) out.push(...(await this.outbox.enqueue(m, events.slice(i, i + 1000))));
      return out;
    });
    return { sent: envelopes.length, correlationId: envelopes[0]!.correlationId, firstEventId: envelopes[0]!.id };
  }

  listReceived(limit: number, key?: string) {
    return this.repo.listReceived(limit, key);
  }

  summary() {
    return this.repo.summary();
  }

  hold(key: string) {
    return this.repo.hold(key);
  }

  release(key: string) {
    return this.repo.release(key);
  }
}
