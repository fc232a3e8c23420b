import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '#libs/backbone';
import { CaseRequestEvent, type CaseRequestPayload, CaseStepEvent, type CaseStepPayload, type EventEnvelope } from '#libs/contracts';
import { CaseSyncService } from './case-sync.service.js';

/** The Kafka entry points of cases: steps from the holder, requests from the intake counter, and (at the city) both between others. */
@Injectable()
export class CaseConsumer {
  constructor(private readonly sync: CaseSyncService) {}

  @OnEvent(CaseStepEvent)
  step(env: EventEnvelope<CaseStepPayload>, m: EntityManager): Promise<void> {
    return this.sync.receiveStep(env, m, false);
  }

  @OnEvent(CaseStepEvent, { observe: true })
  observedStep(env: EventEnvelope<CaseStepPayload>, m: EntityManager): Promise<void> {
    return this.sync.receiveStep(env, m, true);
  }

  @OnEvent(CaseRequestEvent)
  request(env: EventEnvelope<CaseRequestPayload>, m: EntityManager): Promise<void> {
    return this.sync.receiveRequest(env, m, false);
  }

  @OnEvent(CaseRequestEvent, { observe: true })
  observedRequest(env: EventEnvelope<CaseRequestPayload>, m: EntityManager): Promise<void> {
    return this.sync.receiveRequest(env, m, true);
  }
}
