import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventDefinition, EventEnvelope } from '#libs/contracts';

/** Applies one event inside the inbox's transaction; throw a DomainError to refuse it. */
export type EventHandler<P extends object = Record<string, unknown>> = (envelope: EventEnvelope<P>, manager: EntityManager) => Promise<void>;

/** Feature modules register here what they do with each event type they consume. */
@Injectable()
export class EventHandlers {
  private readonly handlers = new Map<string, EventHandler>();

  on<P extends object>(definition: EventDefinition<P>, handler: EventHandler<P>): void {
    if (this.handlers.has(definition.type)) throw new Error(`A handler for ${definition.type} is registered twice.`);
    this.handlers.set(definition.type, handler as unknown as EventHandler);
  }

  get(type: string): EventHandler | undefined {
    return this.handlers.get(type);
  }
}
