export * from './backbone.module.js';
export * from './faults.js';
export * from './outbox/outbox.service.js';
export * from './outbox/outbox-relay.js';
export * from './inbox/event-handlers.js';
export * from './inbox/inbox.service.js';
export * from './dead-letters/dead-letter.service.js';
export * from './migrations/1763900000000-create-backbone-tables.js';
export * from './migrations/1764100000000-park-unsendable-outbox-rows.js';

import { CreateBackboneTables1763900000000 } from './migrations/1763900000000-create-backbone-tables.js';
import { ParkUnsendableOutboxRows1764100000000 } from './migrations/1764100000000-park-unsendable-outbox-rows.js';
import { InboxRecordsObservedEvents1764150000000 } from './migrations/1764150000000-inbox-records-observed-events.js';

/** The backbone's migrations, in order; every app runs them before its own. */
export const BACKBONE_MIGRATIONS = [CreateBackboneTables1763900000000, ParkUnsendableOutboxRows1764100000000, InboxRecordsObservedEvents1764150000000];
export * from './inbox/on-event.decorator.js';
