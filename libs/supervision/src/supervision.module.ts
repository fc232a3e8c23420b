import { Module, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CaseHooks, CaseServiceModule } from '#libs/case-service';
import { NodeContext, Ticker } from '#libs/node-kit';
import { AccountabilityController } from './accountability.controller.js';
import { AccountabilityRepository } from './accountability.repository.js';
import { AccountabilityService } from './accountability.service.js';
import { RectificationService } from './rectification.service.js';
import { RectificationController, SupervisionController } from './supervision.controller.js';
import { SupervisionConsumer } from './supervision.consumer.js';
import { SupervisionRepository } from './supervision.repository.js';
import { SupervisionService } from './supervision.service.js';

/** Supervision orders (督办), rectification after poor ratings (差评整改), at every node; accountability (问责) at the city. */
@Module({
  imports: [CaseServiceModule],
  controllers: [SupervisionController, RectificationController, AccountabilityController],
  providers: [SupervisionRepository, SupervisionService, RectificationService, SupervisionConsumer, AccountabilityRepository, AccountabilityService],
  exports: [SupervisionService, SupervisionRepository, RectificationService],
})
export class SupervisionModule implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private ticker?: Ticker;

  constructor(
    private readonly ctx: NodeContext,
    private readonly supervision: SupervisionService,
    private readonly hooks: CaseHooks,
  ) {}

  /** The rule on red (TONGBAN_SUPERVISE_ON_RED=1, the city): a case turning red is supervised at once. */
  onModuleInit(): void {
    if (this.ctx.tier !== 'city' || this.ctx.env.TONGBAN_SUPERVISE_ON_RED !== '1') return;
    this.hooks.onLightSweep(async (m, file, before, after) => {
      if (after.light === 'red' && before.light !== 'red') await this.supervision.issueByRule(m, file);
    });
  }

  /** The city sweeps its open orders: past their answer date they go overdue, a second round, or a flag. */
  onApplicationBootstrap(): void {
    if (this.ctx.tier !== 'city') return;
    this.ticker = new Ticker('SupervisionSweep', this.ctx.env.TONGBAN_LIGHT_SWEEP_MS, () => this.supervision.sweep());
    this.ticker.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.ticker?.stop();
  }
}
