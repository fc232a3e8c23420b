import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { OutboxService } from '#libs/backbone';
import {
  amendedCalendar,
  type AmendmentProblem,
  type CalendarAmendment,
  type CalendarAmendments,
  type CalendarYearFile,
  checkAmendment,
  checkLocalChanges,
  checkYearFile,
  type LocalCalendarChange,
  withAmendment,
  type WorkingCalendar,
} from '#libs/calendar';
import { CALENDAR_KEY, CalendarAmendedEvent, CalendarAmendedPayload, type CalendarYearFileData, type EventEnvelope, type LocalCalendarChangeData } from '#libs/contracts';
import { DomainError, ValidationFailedError } from '#libs/domain';
import { actorOf, type SignedInStaff } from '#libs/identity';
import { Clock, NodeContext } from '#libs/node-kit';
import { type AmendmentRow, CalendarRepository } from './calendar.repository.js';
import { CalendarService } from './calendar.service.js';
import { amendCopy, type AmendedCopy } from './case-deadline.js';
import { CaseHooks } from './case-hooks.js';
import { CaseRepository } from './case.repository.js';
import type { AmendCalendarDto } from './dto/calendar-amendment.dto.js';

/** Live copies read, recomputed and written at a time, in case-number order. */
const BATCH = 500;

export class CalendarCityOnlyError extends DomainError {
  readonly code = 'CALENDAR_AMENDED_AT_CITY_ONLY';
  readonly status = 403;

  constructor() {
    super('工作日历只能由市级中心调整，调整后自动下发各节点', 'only the city amends the working calendar; every other node receives its amendments');
  }
}

/** A calendar amendment event that breaks the calendar's rules: parked, never applied. */
export class CalendarAmendmentRefusedError extends DomainError {
  readonly code = 'CALENDAR_AMENDMENT_REFUSED';
  readonly status = 422;
}

const yearFileOf = (d: CalendarYearFileData): CalendarYearFile => ({
  year: d.year,
  version: d.version,
  provisional: d.provisional,
  notice: d.notice ? { titleZh: d.notice.titleZh, number: d.notice.number, issuedOn: d.notice.issuedOn, url: d.notice.url } : null,
  statementZh: d.statementZh,
  statementEn: d.statementEn,
  exceptions: d.exceptions.map((e) => ({ date: e.date, kind: e.kind, holiday: e.holiday, nameZh: e.nameZh })),
});

const changeOf = (c: LocalCalendarChangeData): LocalCalendarChange => ({ id: c.id, date: c.date, kind: c.kind, nameZh: c.nameZh, reason: c.reason, version: c.version });

const amendmentOf = (p: CalendarAmendedPayload): CalendarAmendment =>
  p.kind === 'year' ? { kind: 'year', year: yearFileOf(p.year!) } : { kind: 'local', changes: (p.localChanges ?? []).map(changeOf) };

const heldOf = (p: CalendarAmendedPayload): CalendarAmendments => ({ years: p.held.years.map(yearFileOf), local: p.held.local.map(changeOf) });

/**
 * Amendments of the working calendar (日历调整). The city checks one against the calendar in force,
 * applies it and broadcasts it on the compacted catalog topic in one transaction; every other node
 * applies what arrives. Applying swaps the node's calendar and reads every live deadline again, under
 * the node's exclusive calendar lock, in the same transaction.
 */
@Injectable()
export class CalendarAmendmentService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CalendarRepository,
    private readonly cases: CaseRepository,
    private readonly calendar: CalendarService,
    private readonly hooks: CaseHooks,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** The city's amendment, from staff: checked field by field against the calendar in force; nothing changes on a bad one. */
  async amend(dto: AmendCalendarDto, staff: SignedInStaff): Promise<string> {
    if (this.ctx.tier !== 'city') throw new CalendarCityOnlyError();
    const reason = dto.reason.trim();
    const amendment = this.fromBody(dto, reason);
    return this.repo.transaction(async (m) => {
      const current = await this.calendar.enter(m, 'exclusive');
      const problems = checkAmendment(amendment, current);
      if (problems.length > 0) throw new ValidationFailedError(problems);
      const next = withAmendment(this.calendar.held, amendment);
      const payload = plainToInstance(CalendarAmendedPayload, {
        id: uuidv7(),
        sequence: this.calendar.sequence + 1,
        kind: amendment.kind,
        ...(amendment.kind === 'year' ? { year: amendment.year } : { localChanges: amendment.changes }),
        reason,
        amendedAt: this.clock.now().toISOString(),
        amendedBy: staff.id,
        amendedByName: staff.name,
        held: next,
        calendarVersion: amendedCalendar(next).version,
      });
      await this.apply(m, payload);
      await this.outbox.enqueue(m, [{ definition: CalendarAmendedEvent, target: '*', key: CALENDAR_KEY, keyVersion: payload.sequence, payload, actor: actorOf(staff) }]);
      return payload.id;
    });
  }

  private fromBody(dto: AmendCalendarDto, reason: string): CalendarAmendment {
    if ((dto.year === undefined) === (dto.localChanges === undefined)) {
      throw new ValidationFailedError([
        {
          field: dto.year === undefined ? 'year' : 'localChanges',
          rule: 'yearOrLocalChanges',
          message: '请填写 year（整年日历）或 localChanges（本地调整）二者之一',
          messageEn: 'give either year (a whole year file) or localChanges (local changes), not both',
        },
      ]);
    }
    if (dto.year !== undefined) return { kind: 'year', year: yearFileOf(dto.year) };
    return { kind: 'local', changes: dto.localChanges!.map((c) => ({ id: c.id ?? uuidv7(), date: c.date, kind: c.kind, nameZh: c.nameZh, reason: c.reason ?? reason, version: c.version })) };
  }

  /**
   * The city's amendment as it arrives at another node (the sender known from the topic, which the
   * city alone writes), checked as strictly as a body: what the amendment and the set it carries say of
   * themselves. One this node holds already, or an older one, changes nothing.
   */
  async receive(env: EventEnvelope<CalendarAmendedPayload>, m: EntityManager): Promise<void> {
    const p = env.payload;
    const problems = this.problemsOf(p);
    if (env.key !== CALENDAR_KEY || env.keyVersion !== p.sequence) {
      problems.unshift({ field: 'key', rule: 'calendarKey', message: '事件键或版本与日历调整不符', messageEn: `the key must be ${CALENDAR_KEY} and its version the amendment's sequence` });
    }
    if (problems.length > 0) {
      const summary = problems.map((x) => `${x.field}: ${x.messageEn}`).join('; ');
      throw new CalendarAmendmentRefusedError('日历调整事件不符合规则，未予应用', `calendar amendment ${p.id} refused: ${summary}`, { errors: problems });
    }
    await this.calendar.enter(m, 'exclusive');
    if (p.sequence <= this.calendar.sequence) return;
    await this.apply(m, p);
  }

  private problemsOf(p: CalendarAmendedPayload): AmendmentProblem[] {
    const amendment = amendmentOf(p);
    const held = heldOf(p);
    const out = checkAmendment(amendment);
    held.years.forEach((y, i) => out.push(...checkYearFile(y, undefined, `held.years.${i}`)));
    if (new Set(held.years.map((y) => y.year)).size !== held.years.length) out.push({ field: 'held.years', rule: 'unique', message: '同一年份出现两次', messageEn: 'a year is held twice' });
    if (held.local.length > 0) out.push(...checkLocalChanges(held.local, undefined, 'held.local'));
    const inHeld =
      amendment.kind === 'year'
        ? held.years.some((y) => y.year === amendment.year.year && y.version === amendment.year.version)
        : amendment.changes.every((c) => held.local.some((h) => h.id === c.id && h.version === c.version));
    if (!inHeld) out.push({ field: 'held', rule: 'includesAmendment', message: '调整后的日历未包含本次调整', messageEn: 'the set in force after the amendment does not include it' });
    return out;
  }

  /**
   * In the caller's transaction, which holds the calendar lock exclusively: stores the amendment,
   * swaps the calendar, and reads every live deadline again. Nothing if the amendment is here already.
   */
  private async apply(m: EntityManager, p: CalendarAmendedPayload): Promise<void> {
    const before = this.calendar.calendar;
    const previous = { held: this.calendar.held, sequence: this.calendar.sequence };
    const held = heldOf(p);
    const content = p.kind === 'year' ? yearFileOf(p.year!) : (p.localChanges ?? []).map(changeOf);
    const row: AmendmentRow = { id: p.id, sequence: p.sequence, kind: p.kind, content, reason: p.reason, amendedAt: p.amendedAt, amendedBy: p.amendedBy, amendedByName: p.amendedByName, held, calendarVersion: amendedCalendar(held).version };
    if (!(await this.repo.insert(m, row))) return;
    const after = this.calendar.use(held, p.sequence);
    try {
      const moved = await this.recompute(m, p.id, before, after);
      this.ctx.logger.info({ component: 'calendar', amendment: p.id, sequence: p.sequence, version: after.version, moved }, `calendar amendment ${p.sequence} applied (${after.version}): ${moved} deadlines moved`);
    } catch (err) {
      // Rolled back: the calendar in force stays the one before (a failed commit is caught up by the next `enter`).
      this.calendar.use(previous.held, previous.sequence);
      throw err;
    }
  }

  /**
   * Every live copy with a clock, a page at a time in case-number order: the clock recalibrated, the
   * due date read again and stored (no new version: it is derived, not a step), the followers of a case
   * whose deadline or lights may have changed told, and the moved deadlines recorded with the amendment.
   */
  private async recompute(m: EntityManager, amendmentId: string, before: WorkingCalendar, after: WorkingCalendar): Promise<number> {
    const now = this.clock.now();
    let cursor = '';
    let moved = 0;
    for (;;) {
      const page = await this.cases.liveWithClock(m, cursor, BATCH);
      const amended = page.map((f) => amendCopy(f, before, after, now)).filter((a): a is AmendedCopy => a !== undefined);
      await this.cases.storeDeadlines(m, amended.map((a) => a.file));
      for (const a of amended) if (a.changed) await this.hooks.changed(m, a.file, [], false);
      const here = amended.flatMap((a) => (a.moved ? [{ caseNumber: a.file.state.caseNumber, oldDueDate: a.moved.from, newDueDate: a.moved.to }] : []));
      await this.repo.addMoved(m, amendmentId, here);
      moved += here.length;
      if (page.length < BATCH) return moved;
      cursor = page[page.length - 1]!.state.caseNumber;
    }
  }
}
