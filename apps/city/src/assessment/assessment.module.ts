import { Module } from '@nestjs/common';
import { CaseServiceModule } from '#libs/case-service';
import { EventLogModule } from '../event-log/event-log.module.js';
import { AssessmentController } from './assessment.controller.js';
import { AssessmentRepository } from './assessment.repository.js';
import { AssessmentService } from './assessment.service.js';
import { CreateAssessmentTables1764900000000 } from './migrations/1764900000000-create-assessment-tables.js';

export const ASSESSMENT_MIGRATIONS = [CreateAssessmentTables1764900000000];

/** The monthly assessment (效能考核) at the city. */
@Module({
  imports: [CaseServiceModule, EventLogModule],
  controllers: [AssessmentController],
  providers: [AssessmentRepository, AssessmentService],
  exports: [AssessmentService],
})
export class AssessmentModule {}
