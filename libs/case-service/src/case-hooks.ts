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

/** What a node stores of a copy's time-limit reading. */
export interface StoredLights {
  light: string | null;
  stepLight: string | null;
  overdueDays: number;
  /** When the sweep looks at it again (ISO 8601). */
  nextCheckAt: string | null;
}

/**
 * The sweep read a copy's lights again, because time passed the moment stored for it: `after` is what
 * is stored now. The light may have changed, or only the days overdue or the next moment to look.
 */
export type LightSweepHook = (m: EntityManager, file: CaseFile, before: StoredLights, after: StoredLights) => Promise<void>;

@Injectable()
export class CaseHooks {
  private readonly hooks: CaseChangeHook[] = [];
  private readonly sweepHooks: LightSweepHook[] = [];

  onLightSweep(hook: LightSweepHook): void {
    this.sweepHooks.push(hook);
  }

  async lightsSwept(m: EntityManager, file: CaseFile, before: StoredLights, after: StoredLights): Promise<void> {
    for (const hook of this.sweepHooks) await hook(m, file, before, after);
  }

  register(hook: CaseChangeHook): void {
    this.hooks.push(hook);
  }

  async changed(m: EntityManager, file: CaseFile, steps: readonly TimelineStep[], local: boolean): Promise<void> {
    for (const hook of this.hooks) await hook(m, file, steps, local);
  }
}
