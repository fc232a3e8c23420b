import type { EventDefinition } from '../registry.js';
import {
  CatalogAppliedEvent,
  CatalogItemPublishedEvent,
  CatalogVersionPublishedEvent,
  CountyItemPublishedEvent,
  CountyVersionPublishedEvent,
  ImplementationSetEvent,
} from './catalog.js';
import { CalendarAmendedEvent } from './calendar.js';
import { CaseRequestEvent, CaseStepEvent } from './cases.js';
import { ComplaintAnsweredEvent, ComplaintFiledEvent } from './complaints.js';
import { PingEvent } from './diagnostics.js';
import { RectificationEvent, RectificationRequestedEvent, SupervisionAnswerEvent, SupervisionOrderEvent } from './supervision.js';

export * from './catalog.js';
export * from './calendar.js';
export * from './diagnostics.js';
export * from './cases.js';
export * from './supervision.js';
export * from './complaints.js';

/** Every event type the network knows, declared once. */
export const ALL_EVENTS: EventDefinition[] = [
  PingEvent,
  CatalogItemPublishedEvent,
  CatalogVersionPublishedEvent,
  CountyItemPublishedEvent,
  CountyVersionPublishedEvent,
  ImplementationSetEvent,
  CatalogAppliedEvent,
  CalendarAmendedEvent,
  CaseStepEvent,
  CaseRequestEvent,
  SupervisionOrderEvent,
  SupervisionAnswerEvent,
  RectificationEvent,
  ComplaintFiledEvent,
  ComplaintAnsweredEvent,
  RectificationRequestedEvent,
] as EventDefinition[];
