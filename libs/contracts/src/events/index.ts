import type { EventDefinition } from '../registry.js';
import { PingEvent } from './diagnostics.js';

export * from './diagnostics.js';

/** Every event type the network knows, declared once. */
export const ALL_EVENTS: EventDefinition[] = [PingEvent as EventDefinition];
