import { Injectable } from '@nestjs/common';
import { addWorkingDays, localDate } from '#libs/cases';
import { Clock } from '#libs/node-kit';

/** The node's working-day calendar and today's local date. */
@Injectable()
export class CalendarService {
  constructor(private readonly clock: Clock) {}

  today(): string {
    return localDate(this.clock.now());
  }

  addWorkingDays(from: string, days: number): string {
    return addWorkingDays(from, days);
  }
}
