import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type CaseFile, CaseHooks, CaseLightsService, CaseRepository } from '#libs/case-service';
import { MonitorRepository } from '#libs/monitor';
import { Clock } from '#libs/node-kit';
import { SupervisionRepository, SupervisionService } from '#libs/supervision';
import { monitorRowOf } from './monitor-row.js';

/**
 * Keeps the city monitor current, in the transaction of whatever changed: a step of a case (the
 * city's own, or one it observed), the light sweep reading a case again, an order of its supervision.
 */
@Injectable()
export class MonitorProjectionService implements OnModuleInit {
  constructor(
    private readonly hooks: CaseHooks,
    private readonly lights: CaseLightsService,
    private readonly cases: CaseRepository,
    private readonly supervision: SupervisionService,
    private readonly orders: SupervisionRepository,
    private readonly monitor: MonitorRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.register((m, file) => this.refresh(m, file));
    this.hooks.onLightSweep((m, file) => this.refresh(m, file));
    this.supervision.onCaseSupervisionChange(async (m, caseNumber) => {
      const file = await this.cases.find(caseNumber, m);
      if (file) await this.refresh(m, file);
    });
  }

  /** The case's row as of now, applied if it says something new. */
  async refresh(m: EntityManager, file: CaseFile, now: Date = this.clock.now()): Promise<void> {
    const supervision = await this.orders.caseSupervision(m, file.state.caseNumber);
    await this.monitor.apply(m, monitorRowOf(file, this.lights.of(file, now), supervision));
  }
}
