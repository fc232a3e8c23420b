import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '#libs/backbone';
import { CalendarAmendedEvent, type CalendarAmendedPayload, type EventEnvelope } from '#libs/contracts';
import { CalendarAmendmentService } from './calendar-amendment.service.js';

/** The calendar's Kafka entry point: the city's amendments, read from the catalog topic (which the city alone writes). */
@Injectable()
export class CalendarConsumer {
  constructor(private readonly amendments: CalendarAmendmentService) {}

  @OnEvent(CalendarAmendedEvent)
  amended(env: EventEnvelope<CalendarAmendedPayload>, m: EntityManager): Promise<void> {
    return this.amendments.receive(env, m);
  }
}
