import { Injectable } from '@nestjs/common';
import { WorkingCalendar } from '#libs/calendar';
import { localDate } from '#libs/cases';
import { Clock } from '#libs/node-kit';

/** The node's working-day calendar (the State Council's years, bundled as data) and today's local date. */
@Injectable()
export class CalendarService {
  readonly calendar: WorkingCalendar = WorkingCalendar.official();

  constructor(private readonly clock: Clock) {}

  today(): string {
    return localDate(this.clock.now());
  }

  addWorkingDays(from: string, days: number): string {
    return this.calendar.addWorkingDays(from, days);
  }
}
