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

@Injectable()
export class CaseHooks {
  private readonly hooks: CaseChangeHook[] = [];

  register(hook: CaseChangeHook): void {
    this.hooks.push(hook);
  }

  async changed(m: EntityManager, file: CaseFile, steps: readonly TimelineStep[], local: boolean): Promise<void> {
    for (const hook of this.hooks) await hook(m, file, steps, local);
  }
}
