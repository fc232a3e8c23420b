import type { Harness } from './harness.js';
import type { Progress } from './progress.js';
import type { Figure } from './report.js';

/** A process measured during a scenario, for the resources table. */
export interface ProcessSample {
  scenario: string;
  process: string;
  rssAtRestMiB?: number;
  rssUnderLoadMiB?: number;
  /** Average cores used while the scenario's load ran (1.0 = one core busy all the time). */
  cpuCores?: number;
}

export interface BenchContext {
  harness: Harness;
  progress: Progress;
  /** Small sizes, a minute or two in all: the test command's check that every scenario still runs. */
  smoke: boolean;
  /** Figures of the scenarios run before this one, by id: the limits are the denominators. */
  figures: Map<string, number>;
  samples: ProcessSample[];
}

export interface ScenarioOutput {
  figures: Figure[];
  notes: string[];
  details?: Record<string, unknown>;
}

export interface Scenario {
  id: string;
  title: string;
  /** Starts and stops its own infrastructure (the three-broker cluster): the shared harness is not started for it alone. */
  ownInfrastructure?: boolean;
  run(ctx: BenchContext): Promise<ScenarioOutput>;
}

/** Reads a denominator measured earlier in the run, or NaN (the limits scenario was skipped). */
export function measured(ctx: BenchContext, id: string): number {
  return ctx.figures.get(id) ?? NaN;
}
