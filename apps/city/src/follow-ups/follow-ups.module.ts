import { Module } from '@nestjs/common';
import { CaseServiceModule } from '#libs/case-service';
import { SupervisionModule } from '#libs/supervision';
import { FollowUpDrawService } from './follow-up-draw.service.js';
import { FollowUpResultService } from './follow-up-result.service.js';
import { FollowUpsController } from './follow-ups.controller.js';
import { FollowUpsRepository } from './follow-ups.repository.js';
import { CreateFollowUpTables1764800200000 } from './migrations/1764800200000-create-follow-up-tables.js';

export const FOLLOW_UPS_MIGRATIONS = [CreateFollowUpTables1764800200000];

/** Random follow-ups (抽查回访), at the city: the monthly draw over the monitor's closed cases, and the calls. */
@Module({
  imports: [CaseServiceModule, SupervisionModule],
  controllers: [FollowUpsController],
  providers: [FollowUpsRepository, FollowUpDrawService, FollowUpResultService],
})
export class FollowUpsModule {}
