import { Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CaseServiceModule } from '#libs/case-service';
import { NodeContext, Ticker } from '#libs/node-kit';
import { ComplaintHandlingService } from './complaint-handling.service.js';
import { ComplaintIntakeService } from './complaint-intake.service.js';
import { ComplaintQueryService } from './complaint-query.service.js';
import { ComplaintLookupRateLimitGuard, PublicComplaintRateLimitGuard } from './complaint-rate-limit.guard.js';
import { ComplaintRepository } from './complaint.repository.js';
import { ComplaintsConsumer } from './complaints.consumer.js';
import { ComplaintsController } from './complaints.controller.js';
import { PublicComplaintsController } from './public-complaints.controller.js';

/** Complaints (投诉) at every node: taken anywhere, handled by the supervising level, every one kept at the city. */
@Module({
  imports: [CaseServiceModule],
  controllers: [ComplaintsController, PublicComplaintsController],
  providers: [ComplaintRepository, ComplaintIntakeService, ComplaintHandlingService, ComplaintQueryService, ComplaintsConsumer, PublicComplaintRateLimitGuard, ComplaintLookupRateLimitGuard],
  exports: [ComplaintRepository],
})
export class ComplaintsModule implements OnApplicationBootstrap, OnModuleDestroy {
  private ticker?: Ticker;

  constructor(
    private readonly ctx: NodeContext,
    private readonly handling: ComplaintHandlingService,
  ) {}

  /** The city sweeps unanswered complaints: past their due date they go overdue. */
  onApplicationBootstrap(): void {
    if (this.ctx.tier !== 'city') return;
    this.ticker = new Ticker('ComplaintSweep', this.ctx.env.TONGBAN_LIGHT_SWEEP_MS, () => this.handling.sweep());
    this.ticker.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.ticker?.stop();
  }
}
