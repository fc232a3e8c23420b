import { CreateCaseTables1764300000000 } from './migrations/1764300000000-create-case-tables.js';
import { CaseLights1764400000100 } from './migrations/1764400000100-case-lights.js';
import { CalendarAmendments1764600000000 } from './migrations/1764600000000-calendar-amendments.js';
import { CaseRatingTickets1765000300000 } from './migrations/1765000300000-case-rating-tickets.js';

export * from './case-service.module.js';
export * from './case-file.js';
export * from './case-view.js';
export * from './case-hooks.js';
export * from './calendar.service.js';
export * from './case-lights.service.js';
export * from './case-lights.js';
export * from './case.repository.js';

export const CASE_SERVICE_MIGRATIONS = [CreateCaseTables1764300000000, CaseLights1764400000100, CalendarAmendments1764600000000, CaseRatingTickets1765000300000];
export { RATING_CHANNELS } from '#libs/cases';
export { CASE_READERS, CASE_WORKERS } from './cases.controller.js';
export { RateDto } from './dto/case-inputs.dto.js';
export * from './case-step-check.js';
export { act } from './case-workflow.js';
