import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '#libs/backbone';
import { CatalogAppliedEvent, type CatalogAppliedPayload, type EventEnvelope } from '#libs/contracts';
import { CatalogReadingService } from './catalog-reading.service.js';

/** The city's catalog entry point from Kafka: every node's report of the versions it applied (propagation). */
@Injectable()
export class CatalogAuthoringConsumer {
  constructor(private readonly reading: CatalogReadingService) {}

  @OnEvent(CatalogAppliedEvent)
  applied(env: EventEnvelope<CatalogAppliedPayload>, m: EntityManager): Promise<void> {
    return this.reading.recordApplied(env, m);
  }
}
