import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { EventDefinition, EventEnvelope } from '#libs/contracts';
import { EventHandlers } from './event-handlers.js';

const ON_EVENT = Symbol('tongban:on-event');

interface OnEventEntry {
  definition: EventDefinition;
  method: string | symbol;
  observe: boolean;
  batch: boolean;
}

export interface OnEventOptions {
  /** At the city: called for this type between two other nodes (the monitor), rather than when addressed to the city. */
  observe?: boolean;
  /**
   * The method takes an array of envelopes (a run of this type, in order, within one chunk of the
   * inbox) instead of one: for a handler that writes a run in one statement. It must behave as if
   * called once per event in order.
   */
  batch?: boolean;
}

/**
 * Marks a method of a `*.consumer.ts` class as this node's handler for one event type: called with
 * the checked envelope and the inbox's transaction, exactly once per event. Keep it thin: call the
 * same service method an HTTP controller would.
 */
export function OnEvent(definition: EventDefinition<object>, options: OnEventOptions = {}): MethodDecorator {
  return (target, method) => {
    const ctor = target.constructor;
    const list: OnEventEntry[] = [...((Reflect.getMetadata(ON_EVENT, ctor) as OnEventEntry[] | undefined) ?? [])];
    list.push({ definition: definition as EventDefinition, method, observe: options.observe ?? false, batch: options.batch ?? false });
    Reflect.defineMetadata(ON_EVENT, list, ctor);
  };
}

type Consumer = Record<string | symbol, (env: EventEnvelope & EventEnvelope[], m: EntityManager) => Promise<void>>;

/** Finds every `@OnEvent` method among the node's providers at start and registers it with the inbox. */
@Injectable()
export class EventConsumerExplorer implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly handlers: EventHandlers,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Consumer | undefined;
      if (!instance || !wrapper.metatype) continue;
      const entries = Reflect.getMetadata(ON_EVENT, wrapper.metatype) as OnEventEntry[] | undefined;
      for (const e of entries ?? []) {
        if (e.batch) {
          if (e.observe) throw new Error(`@OnEvent(${e.definition.type}): an observer cannot take runs`);
          const many = (envs: EventEnvelope[], m: EntityManager): Promise<void> => instance[e.method]!.call(instance, envs as EventEnvelope & EventEnvelope[], m);
          this.handlers.onMany(e.definition as EventDefinition<Record<string, unknown>>, many);
          continue;
        }
        const handler = (env: EventEnvelope, m: EntityManager): Promise<void> => instance[e.method]!.call(instance, env as EventEnvelope & EventEnvelope[], m);
        if (e.observe) this.handlers.observe(e.definition as EventDefinition<Record<string, unknown>>, handler);
        else this.handlers.on(e.definition as EventDefinition<Record<string, unknown>>, handler);
      }
    }
  }
}
