import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseFile, TimelineStep } from './case-file.js';

/**
 * What else happens, in the same transaction, when this node's copy of a case changes: by its own
 * staff (`local`) or from another node's event. Features that follow cases (supervision, the city's
 * monitor, rectification after a poor rating) register here, so the case service does not know them.
 * A hook must be idempotent: a step can be seen twice (a local commit and, at the city, its echo).
 */
export type CaseChangeHook = (m: EntityManager, file: CaseFile, steps: readonly TimelineStep[], local: boolean) => Promise<void>;

/** A copy's lights changed by time alone (the sweep), in the sweep's transaction. */
export type LightChangeHook = (m: EntityManager, file: CaseFile, before: { light: string | null; stepLight: string | null }, after: { light: string | null; stepLight: string | null }) => Promise<void>;

@Injectable()
export class CaseHooks {
  private readonly hooks: CaseChangeHook[] = [];
  private readonly lightHooks: LightChangeHook[] = [];

  onLightChange(hook: LightChangeHook): void {
    this.lightHooks.push(hook);
  }

  async lightChanged(m: EntityManager, file: CaseFile, before: { light: string | null; stepLight: string | null }, after: { light: string | null; stepLight: string | null }): Promise<void> {
    for (const hook of this.lightHooks) await hook(m, file, before, after);
  }

  register(hook: CaseChangeHook): void {
    this.hooks.push(hook);
  }

  async changed(m: EntityManager, file: CaseFile, steps: readonly TimelineStep[], local: boolean): Promise<void> {
    for (const hook of this.hooks) await hook(m, file, steps, local);
  }
}
