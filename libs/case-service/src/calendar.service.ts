import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { amendedCalendar, type CalendarAmendments, NO_AMENDMENTS, type WorkingCalendar } from '#libs/calendar';
import { localDate } from '#libs/cases';
import { Clock } from '#libs/node-kit';
import { CalendarRepository } from './calendar.repository.js';

interface InForce {
  held: CalendarAmendments;
  /** The sequence of the latest amendment held; 0 for the bundled years alone. */
  sequence: number;
  calendar: WorkingCalendar;
}

/**
 * The node's working-day calendar: the State Council's years bundled with the release plus the
 * amendments this node holds (loaded at start, swapped when one is applied), and today's local date.
 * A transaction that computes deadlines takes the calendar with `enter`, which waits while an
 * amendment is being applied and catches up with one another replica of the node applied. The
 * calendar is reloaded only under the calendar lock: an amendment swaps it before it commits (its
 * hooks read the lights on the new one), and a reload outside the lock would undo that.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private current: InForce = { held: NO_AMENDMENTS, sequence: 0, calendar: amendedCalendar(NO_AMENDMENTS) };
  /** The calendar each open transaction entered under the shared lock (a transaction's manager is its own). */
  private entered = new WeakMap<EntityManager, WorkingCalendar>();

  constructor(
    private readonly clock: Clock,
    private readonly repo: CalendarRepository,
  ) {}

  get calendar(): WorkingCalendar {
    return this.current.calendar;
  }

  get sequence(): number {
    return this.current.sequence;
  }

  /** The amendments in the calendar (year files sent after the release, the city's local changes). */
  get held(): CalendarAmendments {
    return this.current.held;
  }

  async onModuleInit(): Promise<void> {
    await this.repo.transaction((m) => this.enter(m));
  }

  /**
   * Takes the node's calendar lock to the end of `m`'s transaction, and answers the calendar in force
   * (reloaded when another replica stored an amendment, or one was rolled back). Shared: a transaction
   * that computes deadlines or lights, which so waits while an amendment is applied. Exclusive: an
   * amendment being applied.
   */
  async enter(m: EntityManager, mode: 'shared' | 'exclusive' = 'shared'): Promise<WorkingCalendar> {
    // Within one transaction the shared lock, once taken, holds to its end: no amendment can be
    // stored meanwhile, so the calendar read then is still the one in force (a chunk of incoming
    // events enters once, not once per case).
    const inTransaction = mode === 'shared' && m.queryRunner?.isTransactionActive === true;
    const held = inTransaction ? this.entered.get(m) : undefined;
    if (held) return held;
    await this.repo.lock(m, mode);
    const calendar = await this.reload(m);
    if (inTransaction) this.entered.set(m, calendar);
    return calendar;
  }

  private async reload(m: EntityManager): Promise<WorkingCalendar> {
    if ((await this.repo.sequence(m)) !== this.current.sequence) {
      const latest = await this.repo.latest(m);
      this.use(latest?.held ?? NO_AMENDMENTS, latest?.sequence ?? 0);
    }
    return this.current.calendar;
  }

  /** Swaps the calendar for the bundled years with `held` (an amendment applied under the exclusive lock, before it commits). */
  use(held: CalendarAmendments, sequence: number): WorkingCalendar {
    this.current = { held, sequence, calendar: amendedCalendar(held) };
    this.entered = new WeakMap();
    return this.current.calendar;
  }

  today(): string {
    return localDate(this.clock.now());
  }

  addWorkingDays(from: string, days: number): string {
    return this.calendar.addWorkingDays(from, days);
  }
}
