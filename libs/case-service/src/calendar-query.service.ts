import { Injectable } from '@nestjs/common';
import { NotFoundError } from '#libs/domain';
import { type AmendmentRow, CalendarRepository } from './calendar.repository.js';
import { CalendarService } from './calendar.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function amendmentView(r: AmendmentRow) {
  return {
    id: r.id,
    sequence: r.sequence,
    kind: r.kind,
    ...(r.kind === 'year' ? { year: r.content } : { localChanges: r.content }),
    reason: r.reason,
    amendedAt: r.amendedAt,
    amendedBy: { id: r.amendedBy, name: r.amendedByName },
    appliedAt: r.appliedAt ?? null,
    calendarVersion: r.calendarVersion,
  };
}

/** What staff read of this node's calendar and of the amendments it applied. */
@Injectable()
export class CalendarQueryService {
  constructor(
    private readonly repo: CalendarRepository,
    private readonly calendar: CalendarService,
  ) {}

  /** The calendar in force here: its version, each year with its notice (or provisional), and the city's local changes. */
  async current() {
    const calendar = await this.repo.transaction((m) => this.calendar.enter(m));
    const amended = new Map(this.calendar.held.years.map((y) => [y.year, y.version]));
    return {
      version: calendar.version,
      amendments: this.calendar.sequence,
      years: calendar.years().map((y) => ({ ...y, amended: amended.get(y.year) === y.version })),
      localChanges: calendar.localChanges(),
    };
  }

  async list(limit: number, offset: number) {
    const { rows, total } = await this.repo.list(limit, offset);
    return { items: rows.map((r) => ({ ...amendmentView(r), movedCases: r.movedCases })), total, limit, offset };
  }

  /** One amendment, with the cases whose deadline it moved at this node (old and new due date), paged. */
  async amendment(id: string, limit: number, offset: number) {
    const row = UUID.test(id) ? await this.repo.find(id) : undefined;
    if (!row) throw new NotFoundError(`本节点没有日历调整 ${id}`, `there is no calendar amendment ${id} at this node`);
    const moved = await this.repo.moved(id, limit, offset);
    return { ...amendmentView(row), movedCases: { ...moved, limit, offset } };
  }
}
