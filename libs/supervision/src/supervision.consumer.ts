import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '#libs/backbone';
import {
  type EventEnvelope,
  RectificationEvent,
  type RectificationPayload,
  RectificationRequestedEvent,
  type RectificationRequestedPayload,
  SupervisionAnswerEvent,
  type SupervisionAnswerPayload,
  SupervisionOrderEvent,
  type SupervisionOrderPayload,
} from '#libs/contracts';
import { RectificationService } from './rectification.service.js';
import { SupervisionService } from './supervision.service.js';

/** The Kafka entry points of supervision: orders and rectification requests from the city, answers and rectification items to it. */
@Injectable()
export class SupervisionConsumer {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly rectification: RectificationService,
  ) {}

  @OnEvent(SupervisionOrderEvent)
  order(env: EventEnvelope<SupervisionOrderPayload>, m: EntityManager): Promise<void> {
    return this.supervision.receiveOrder(env, m);
  }

  @OnEvent(SupervisionAnswerEvent)
  answer(env: EventEnvelope<SupervisionAnswerPayload>, m: EntityManager): Promise<void> {
    return this.supervision.receiveAnswer(env, m);
  }

  @OnEvent(RectificationEvent)
  item(env: EventEnvelope<RectificationPayload>, m: EntityManager): Promise<void> {
    return this.rectification.receive(env, m);
  }

  @OnEvent(RectificationRequestedEvent)
  requested(env: EventEnvelope<RectificationRequestedPayload>, m: EntityManager): Promise<void> {
    return this.rectification.receiveRequest(env, m);
  }
}
