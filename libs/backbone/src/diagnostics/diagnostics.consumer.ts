import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type EventEnvelope, PingEvent, type PingPayload } from '#libs/contracts';
import { OnEvent } from '../inbox/on-event.decorator.js';
import { DiagnosticsService } from './diagnostics.service.js';

/**
 * The Kafka entry point of the diagnostics feature, beside its HTTP controller: one thin method per
 * event type, calling the service. The envelope arrives checked (sender from the topic, payload
 * validated like an HTTP body), inside the inbox's transaction, exactly once.
 */
@Injectable()
export class DiagnosticsConsumer {
  constructor(private readonly service: DiagnosticsService) {}

  @OnEvent(PingEvent, { batch: true })
  received(envs: EventEnvelope<PingPayload>[], manager: EntityManager): Promise<void> {
    return envs.length === 1 ? this.service.receive(envs[0]!, manager) : this.service.receiveMany(envs, manager);
  }

  /** At the city: a ping between two other nodes, seen because the city observes every link. */
  @OnEvent(PingEvent, { observe: true })
  observed(env: EventEnvelope<PingPayload>, manager: EntityManager): Promise<void> {
    return this.service.observe(env, manager);
  }
}
