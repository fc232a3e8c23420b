import type { EventDefinition } from '../registry.js';
import {
  CatalogAppliedEvent,
  CatalogItemPublishedEvent,
  CatalogVersionPublishedEvent,
  CountyItemPublishedEvent,
  CountyVersionPublishedEvent,
  ImplementationSetEvent,
} from './catalog.js';
import { PingEvent } from './diagnostics.js';

export * from './catalog.js';
export * from './diagnostics.js';

/** Every event type the network knows, declared once. */
export const ALL_EVENTS: EventDefinition[] = [
  PingEvent,
  CatalogItemPublishedEvent,
  CatalogVersionPublishedEvent,
  CountyItemPublishedEvent,
  CountyVersionPublishedEvent,
  ImplementationSetEvent,
  CatalogAppliedEvent,
] as EventDefinition[];
