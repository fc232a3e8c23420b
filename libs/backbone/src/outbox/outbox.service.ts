import { Injectable } from '@nestjs/common';
import { instanceToPlain } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { type Actor, describeErrors, type EventDefinition, type EventEnvelope, topicFor } from '#libs/contracts';
import { Clock, NodeContext } from '#libs/node-kit';
import { OutboxRepository } from './outbox.repository.js';

export interface OutgoingEvent<P extends object> {
  definition: EventDefinition<P>;
  target: string;
  key: string;
  keyVersion?: number;
  payload: P;
  actor: Actor;
  correlationId?: string;
  causationId?: string;
}

/**
 * Writes outgoing events into the outbox inside the caller's transaction, so that a state change
 * and the events announcing it commit together or not at all.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async enqueue<P extends object>(manager: EntityManager, events: OutgoingEvent<P>[]): Promise<EventEnvelope<P>[]> {
    const envelopes: EventEnvelope<P>[] = [];
    const rows = events.map((e) => {
      const problems = describeErrors(validateSync(e.payload as object));
      if (problems.length > 0) throw new Error(`Refusing to send an invalid ${e.definition.type}: ${problems.join('; ')}`);
      const id = uuidv7();
      const envelope: EventEnvelope<P> = {
        id,
        type: e.definition.type,
        schemaVersion: e.definition.schemaVersion,
        source: this.ctx.code,
        target: e.target,
        key: e.key,
        keyVersion: e.keyVersion,
        // The node's clock, as every time the event's payload carries (a test network moves them together).
        occurredAt: this.clock.now().toISOString(),
        actor: e.actor,
        correlationId: e.correlationId ?? id,
        causationId: e.causationId,
        payload: instanceToPlain(e.payload) as P,
      };
      envelopes.push(envelope);
      const topic = topicFor(this.ctx.topics, this.ctx.topology, e.definition.channel, this.ctx.code, e.target);
      return { eventId: id, topic, key: e.key, type: e.definition.type, envelope: envelope as unknown as Record<string, unknown> };
    });
    await this.repo.insert(manager, rows);
    return envelopes;
  }
}
