import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '#libs/backbone';
import { ComplaintAnsweredEvent, type ComplaintAnsweredPayload, ComplaintFiledEvent, type ComplaintFiledPayload, type EventEnvelope } from '#libs/contracts';
import { ComplaintHandlingService } from './complaint-handling.service.js';

/** The Kafka entry points of complaints: filings to the handler and the city, answers back, and (at the city) filings between others. */
@Injectable()
export class ComplaintsConsumer {
  constructor(private readonly handling: ComplaintHandlingService) {}

  @OnEvent(ComplaintFiledEvent)
  filed(env: EventEnvelope<ComplaintFiledPayload>, m: EntityManager): Promise<void> {
    return this.handling.receiveFiled(env, m, false);
  }

  @OnEvent(ComplaintFiledEvent, { observe: true })
  observedFiling(env: EventEnvelope<ComplaintFiledPayload>, m: EntityManager): Promise<void> {
    return this.handling.receiveFiled(env, m, true);
  }

  @OnEvent(ComplaintAnsweredEvent)
  answered(env: EventEnvelope<ComplaintAnsweredPayload>, m: EntityManager): Promise<void> {
    return this.handling.receiveAnswered(env, m);
  }
}
