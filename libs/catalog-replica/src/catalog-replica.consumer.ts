import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '#libs/backbone';
import {
  CatalogItemPublishedEvent,
  type CatalogItemPublishedPayload,
  CatalogVersionPublishedEvent,
  type CatalogVersionPublishedPayload,
  CountyItemPublishedEvent,
  CountyVersionPublishedEvent,
  type EventEnvelope,
  ImplementationSetEvent,
  type ImplementationSetPayload,
} from '#libs/contracts';
import { CITY_ORIGIN } from './origin.js';
import { CatalogReplicaService } from './catalog-replica.service.js';

/**
 * The catalog's Kafka entry points: the city's catalog (counties and townships) and a county's own
 * (its townships). The sender is already known from the topic: the city's catalog is written by the
 * city alone, a county's by that county alone.
 */
@Injectable()
export class CatalogReplicaConsumer {
  constructor(private readonly replica: CatalogReplicaService) {}

  @OnEvent(CatalogItemPublishedEvent)
  cityItem(env: EventEnvelope<CatalogItemPublishedPayload>, m: EntityManager): Promise<void> {
    return this.replica.applyItem(m, CITY_ORIGIN, env.payload);
  }

  @OnEvent(CatalogVersionPublishedEvent)
  cityVersion(env: EventEnvelope<CatalogVersionPublishedPayload>, m: EntityManager): Promise<void> {
    return this.replica.applyManifest(m, CITY_ORIGIN, env.payload);
  }

  @OnEvent(CountyItemPublishedEvent)
  countyItem(env: EventEnvelope<CatalogItemPublishedPayload>, m: EntityManager): Promise<void> {
    return this.replica.applyItem(m, env.source, env.payload);
  }

  @OnEvent(CountyVersionPublishedEvent)
  countyVersion(env: EventEnvelope<CatalogVersionPublishedPayload>, m: EntityManager): Promise<void> {
    return this.replica.applyManifest(m, env.source, env.payload);
  }

  @OnEvent(ImplementationSetEvent)
  implementation(env: EventEnvelope<ImplementationSetPayload>, m: EntityManager): Promise<void> {
    return this.replica.applyImplementation(m, env.source, env.payload.code, env.payload.revision, env.payload.settings);
  }
}
