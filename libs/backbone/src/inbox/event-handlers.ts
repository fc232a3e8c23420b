import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Tier } from '#libs/config';
import type { EventDefinition, EventEnvelope } from '#libs/contracts';

/** Applies one event inside the inbox's transaction; throw a DomainError to refuse it. */
export type EventHandler<P extends object = Record<string, unknown>> = (envelope: EventEnvelope<P>, manager: EntityManager) => Promise<void>;

/**
 * Applies a run of events of one type, in order, inside the inbox's transaction, as one would one
 * after the other (e.g. one multi-row insert): what a catch-up of thousands of events pays per
 * event. Throw to refuse them all; the inbox then applies them one by one through the single handler.
 */
export type BatchEventHandler<P extends object = Record<string, unknown>> = (envelopes: EventEnvelope<P>[], manager: EntityManager) => Promise<void>;

/**
 * What a node does with each event type it receives: a handler (found on `@OnEvent` methods of
 * `*.consumer.ts` classes, or registered here), an observer (the city, for events between other
 * nodes), or a declared decision to ignore it. A node whose tier receives a type it does none of
 * these for refuses to start.
 */
@Injectable()
export class EventHandlers {
  private readonly handlers = new Map<string, EventHandler>();
  private readonly observers = new Map<string, EventHandler>();
  private readonly batches = new Map<string, BatchEventHandler>();
  private readonly ignored = new Map<string, string>();

  on<P extends object>(definition: EventDefinition<P>, handler: EventHandler<P>): void {
    if (this.handlers.has(definition.type)) throw new Error(`A handler for ${definition.type} is registered twice.`);
    this.handlers.set(definition.type, handler as unknown as EventHandler);
  }

  /** A handler that can also take a run of events at once; one event alone goes through it as a run of one. */
  onMany<P extends object>(definition: EventDefinition<P>, handler: BatchEventHandler<P>): void {
    this.on(definition, (env, m) => handler([env], m));
    this.batches.set(definition.type, handler as unknown as BatchEventHandler);
  }

  /** The city's monitor: called, in the inbox's transaction, for an event between two other nodes. */
  observe<P extends object>(definition: EventDefinition<P>, handler: EventHandler<P>): void {
    if (this.observers.has(definition.type)) throw new Error(`An observer for ${definition.type} is registered twice.`);
    this.observers.set(definition.type, handler as unknown as EventHandler);
  }

  /** Declares that this node receives the type and deliberately does nothing with it (it is recorded and skipped). */
  ignore(definition: EventDefinition, reason: string): void {
    this.ignored.set(definition.type, reason);
  }

  get(type: string): EventHandler | undefined {
    return this.handlers.get(type) ?? (this.ignored.has(type) ? ignoreHandler : undefined);
  }

  /** The run handler of a type, if its handler takes runs. */
  many(type: string): BatchEventHandler | undefined {
    return this.batches.get(type);
  }

  observer(type: string): EventHandler | undefined {
    return this.observers.get(type);
  }

  /** The types a node of `tier` receives that have neither a handler nor a declared reason to ignore them. */
  uncovered(definitions: readonly EventDefinition[], tier: Tier): string[] {
    return definitions.filter((d) => d.receivers.includes(tier) && !this.handlers.has(d.type) && !this.ignored.has(d.type)).map((d) => d.type);
  }
}

const ignoreHandler: EventHandler = async () => undefined;
