import type { EventDefinition } from '../registry.js';
import {
  CatalogAppliedEvent,
  CatalogItemPublishedEvent,
  CatalogVersionPublishedEvent,
  CountyItemPublishedEvent,
  CountyVersionPublishedEvent,
  ImplementationSetEvent,
} from './catalog.js';
import { CaseRequestEvent, CaseStepEvent } from './cases.js';
import { PingEvent } from './diagnostics.js';
import { RectificationEvent, SupervisionAnswerEvent, SupervisionOrderEvent } from './supervision.js';

export * from './catalog.js';
export * from './diagnostics.js';
export * from './cases.js';
export * from './supervision.js';

/** Every event type the network knows, declared once. */
export const ALL_EVENTS: EventDefinition[] = [
  PingEvent,
  CatalogItemPublishedEvent,
  CatalogVersionPublishedEvent,
  CountyItemPublishedEvent,
  CountyVersionPublishedEvent,
  ImplementationSetEvent,
  CatalogAppliedEvent,
  CaseStepEvent,
  CaseRequestEvent,
  SupervisionOrderEvent,
  SupervisionAnswerEvent,
  RectificationEvent,
] as EventDefinition[];
