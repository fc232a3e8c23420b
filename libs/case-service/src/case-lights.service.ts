import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LightPolicy } from '#libs/cases';
import { Clock, NodeContext, Ticker } from '#libs/node-kit';
import { CalendarService } from './calendar.service.js';
import type { CaseFile } from './case-file.js';
import { CaseHooks, type StoredLights } from './case-hooks.js';
import { type CaseLights, lightsOf } from './case-lights.js';
import { CaseRepository } from './case.repository.js';

/**
 * Keeps every copy's time-limit lights (红黄绿灯) stored and current: computed on each change, and
 * again by a sweep when time alone changes them (at the moment `light_due_at` says), so a case turns
 * yellow and red without anyone asking. Replicas sweep side by side: each locks what it takes.
 */
@Injectable()
export class CaseLightsService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private ticker?: Ticker;

  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CaseRepository,
    private readonly hooks: CaseHooks,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  get policy(): LightPolicy {
    return { yellowDaysLeft: this.ctx.env.TONGBAN_YELLOW_DAYS_LEFT, yellowShareUsed: this.ctx.env.TONGBAN_YELLOW_SHARE_PERCENT / 100 };
  }

  /** The lights of a case now. */
  of(file: CaseFile, now: Date = this.clock.now()): CaseLights {
    return lightsOf(file, this.calendar.calendar, now, this.policy);
  }

  onModuleInit(): void {
    this.hooks.register(async (m, file) => {
      await this.repo.setLights(m, file.state.caseNumber, this.stored(this.of(file)));
    });
  }

  onApplicationBootstrap(): void {
    this.ticker = new Ticker('LightSweep', this.ctx.env.TONGBAN_LIGHT_SWEEP_MS, () => this.sweep());
    this.ticker.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.ticker?.stop();
  }

  private stored(l: CaseLights): StoredLights {
    return { light: l.light, stepLight: l.stepLight, overdueDays: l.overdueDays, nextCheckAt: l.nextCheckAt };
  }

  /** One pass: every copy whose lights are due, in batches, until none is left. */
  async sweep(batch = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.repo.transaction(async (m) => this.sweepBatch(m, batch));
      total += n;
      if (n < batch) return total;
    }
  }

  private async sweepBatch(m: EntityManager, batch: number): Promise<number> {
    // The lights on the calendar in force: an amendment being applied (here or by another replica) is waited for.
    await this.calendar.enter(m);
    const now = this.clock.now();
    const due = await this.repo.dueForLights(m, now, batch);
    for (const { file, stored: before } of due) {
      const after = this.stored(this.of(file, now));
      await this.repo.setLights(m, file.state.caseNumber, after);
      if (before.light !== after.light || before.stepLight !== after.stepLight) {
        this.ctx.logger.info({ component: 'lights', caseNumber: file.state.caseNumber, light: after.light, stepLight: after.stepLight }, `case ${file.state.caseNumber} light ${before.light} -> ${after.light}`);
      }
      await this.hooks.lightsSwept(m, file, before, after);
    }
    return due.length;
  }
}
