import { Module } from '@nestjs/common';
import { CatalogReplicaModule } from '#libs/catalog-replica';
import { CalendarAmendmentService } from './calendar-amendment.service.js';
import { CalendarConsumer } from './calendar.consumer.js';
import { CalendarController, CityOnlyGuard } from './calendar.controller.js';
import { CalendarQueryService } from './calendar-query.service.js';
import { CalendarRepository } from './calendar.repository.js';
import { CaseActionsService } from './case-actions.service.js';
import { CaseConsumer } from './case.consumer.js';
import { CaseHooks } from './case-hooks.js';
import { CalendarService } from './calendar.service.js';
import { CaseLightsService } from './case-lights.service.js';
import { CaseQueryService } from './case-query.service.js';
import { CaseRepository } from './case.repository.js';
import { CaseStore } from './case-store.service.js';
import { CaseSyncService } from './case-sync.service.js';
import { CasesController } from './cases.controller.js';
import { IntakeService } from './intake.service.js';
import { ProgressRateLimitGuard } from './progress-rate-limit.guard.js';
import { PublicProgressController } from './public-progress.controller.js';
import { PublicRatingController, RatingRateLimitGuard } from './public-rating.controller.js';
import { RatingTicketService } from './rating-ticket.service.js';

/**
 * Cases (办件) at every node: intake, the holder's work, the way up and back down, the timeline and the
 * public lookup; and the working-day calendar their deadlines are read on, with the city's amendments.
 */
@Module({
  imports: [CatalogReplicaModule],
  controllers: [CasesController, PublicProgressController, PublicRatingController, CalendarController],
  exports: [CaseHooks, CaseRepository, CalendarService, CaseLightsService],
  providers: [CalendarRepository, CalendarService, CalendarAmendmentService, CalendarQueryService, CalendarConsumer, CaseLightsService, CaseHooks, CaseRepository, CaseStore, IntakeService, CaseActionsService, CaseSyncService, CaseQueryService, CaseConsumer, ProgressRateLimitGuard, RatingRateLimitGuard, RatingTicketService, CityOnlyGuard],
})
export class CaseServiceModule {}
