import { Injectable } from '@nestjs/common';
import { localDate } from '#libs/cases';
import { Clock } from '#libs/node-kit';
import { OFFICIAL_CALENDAR } from './case-workflow.js';

/** The node's working-day calendar (the State Council's years, bundled as data) and today's local date. */
@Injectable()
export class CalendarService {
  readonly calendar = OFFICIAL_CALENDAR;

  constructor(private readonly clock: Clock) {}

  today(): string {
    return localDate(this.clock.now());
  }

  addWorkingDays(from: string, days: number): string {
    return this.calendar.addWorkingDays(from, days);
  }
}
