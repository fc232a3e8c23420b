import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ALL_EVENTS, EventRegistry } from '#libs/contracts';
import { NodeContext } from '#libs/node-kit';
import { BackboneHealth } from './backbone.health.js';
import { DeadLetterController } from './dead-letters/dead-letter.controller.js';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository.js';
import { DeadLetterService } from './dead-letters/dead-letter.service.js';
import { DiagnosticsConsumer } from './diagnostics/diagnostics.consumer.js';
import { DiagnosticsController } from './diagnostics/diagnostics.controller.js';
import { DiagnosticsRepository } from './diagnostics/diagnostics.repository.js';
import { DiagnosticsService } from './diagnostics/diagnostics.service.js';
import { EventHandlers } from './inbox/event-handlers.js';
import { EventConsumerExplorer } from './inbox/on-event.decorator.js';
import { InboxConsumer } from './inbox/inbox.consumer.js';
import { InboxRepository } from './inbox/inbox.repository.js';
import { INBOX_SETTINGS, InboxService, type InboxSettings } from './inbox/inbox.service.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { OutboxRepository } from './outbox/outbox.repository.js';
import { OutboxService } from './outbox/outbox.service.js';

/** The sync backbone every node runs: outbox and relay, inbox and consumer, dead letters. */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [DeadLetterController, DiagnosticsController],
  providers: [
    { provide: EventRegistry, useValue: new EventRegistry(ALL_EVENTS) },
    {
      provide: INBOX_SETTINGS,
      inject: [NodeContext],
      useFactory: (ctx: NodeContext): InboxSettings => ({ maxAttempts: ctx.env.TONGBAN_INBOX_MAX_ATTEMPTS, backoffBaseMs: ctx.env.TONGBAN_INBOX_BACKOFF_MS, backoffMaxMs: 10000 }),
    },
    InboxService,
    OutboxRepository,
    OutboxService,
    OutboxRelay,
    InboxRepository,
    EventHandlers,
    EventConsumerExplorer,
    InboxConsumer,
    DeadLetterRepository,
    DeadLetterService,
    DiagnosticsRepository,
    DiagnosticsService,
    DiagnosticsConsumer,
    BackboneHealth,
  ],
  exports: [OutboxService, EventHandlers, EventRegistry, InboxService],
})
export class BackboneModule {}
