import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, type EventEnvelope, hasChannel, PingEvent, PingPayload } from '#libs/contracts';
import { DomainError, InvalidInputError } from '#libs/domain';
import { NodeContext } from '#libs/node-kit';
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
export class DiagnosticsService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly repo: DiagnosticsRepository,
  ) {}

  /** A ping addressed to this node: recorded, unless its key is held (then it fails, and is retried). */
  async receive(env: EventEnvelope<PingPayload>, manager: EntityManager): Promise<void> {
    if (!(await this.repo.saveReceived(manager, env, env.payload.seq, false))) {
      throw new KeyHeldError(`键 ${env.key} 被暂扣`, `key ${env.key} is held on node ${this.ctx.code}`);
    }
  }

  /**
   * A run of pings addressed to this node, recorded in one statement (a catch-up's thousands); if a
   * key among them is held, none is, and the inbox takes them one by one to find which.
   */
  async receiveMany(envs: EventEnvelope<PingPayload>[], manager: EntityManager): Promise<void> {
    if (!(await this.repo.saveReceivedMany(manager, envs))) {
      throw new KeyHeldError('这批 ping 中有被暂扣的键', `a key among ${envs.length} pings is held on node ${this.ctx.code}`);
    }
  }

  /** A ping between two other nodes, seen by the observing city: recorded as observed. */
  async observe(env: EventEnvelope<PingPayload>, manager: EntityManager): Promise<void> {
    await this.repo.saveReceived(manager, env, env.payload.seq, true);
  }

  async send(dto: SendPingsDto, actor: Actor): Promise<{ sent: number; correlationId: string; firstEventId: string }> {
    if (dto.target === this.ctx.code || !hasChannel(this.ctx.topology, this.ctx.code, dto.target)) {
      throw new InvalidInputError(`本节点与目标节点 ${dto.target} 之间没有通道`, `there is no channel from this node to ${dto.target}`, {
        errors: [
          {
            field: 'target',
            rule: 'reachableNode',
            message: '目标必须是本节点的上级、直属下级或市级中心（市级中心可达任一节点）',
            messageEn: 'target must be the parent or a direct child of this node, or the city (which reaches every node)',
          },
        ],
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
