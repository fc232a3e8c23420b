import { Injectable } from '@nestjs/common';
import { CaseRuleError, RATING_LEVELS, refusal } from '#libs/cases';
import type { Role, SignedInStaff } from '#libs/identity';
import { NodeContext } from '#libs/node-kit';
import { CaseActionsService } from './case-actions.service.js';
import { CaseRepository } from './case.repository.js';
import { CaseStore } from './case-store.service.js';
import { hashRatingTicket, newRatingTicket, ratingTicketExpiry, ratingTicketState, RatingTicketInvalidError, type StoredRatingTicket } from './rating-ticket.js';

/** 评价渠道 of the counter's rating device (窗口评价器), where the applicant rates with a ticket. */
export const RATING_DEVICE_CHANNEL = '1';

/**
 * 电子评价器: the counter asks for a one-time ticket for a delivered case, and the applicant rates on a
 * screen that holds nothing but the ticket. The rating is the `rate` action the counter's clerk would
 * record (same rules, same event), made in the clerk's name and marked as given by the applicant.
 */
@Injectable()
export class RatingTicketService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CaseRepository,
    private readonly actions: CaseActionsService,
    private readonly store: CaseStore,
  ) {}

  /** A ticket for a case this person could rate now (delivered at this counter); any earlier ticket stops working. */
  async issue(caseNumber: string, staff: SignedInStaff): Promise<{ ticket: string; expiresAt: string }> {
    return this.repo.transaction(async (m) => {
      const file = await this.actions.check(m, caseNumber, 'rate', { level: RATING_LEVELS[0].code, channel: RATING_DEVICE_CHANNEL }, staff);
      if (file.state.intakeNode !== this.ctx.code) throw new CaseRuleError(refusal('CASE_NOT_INTAKE_NODE', { intakeNode: file.state.intakeNode }));
      const now = this.store.now();
      const expiresAt = ratingTicketExpiry(now).toISOString();
      const { ticket, hash } = newRatingTicket();
      await this.repo.replaceRatingTicket(m, hash, { caseNumber, issuedById: staff.id, issuedByName: staff.name, issuedByRole: staff.actingRole, issuedAt: now.toISOString(), expiresAt });
      return { ticket, expiresAt };
    });
  }

  /** What the rating screen shows: the centre, the matter, who served, the five levels. Nothing about the applicant. */
  async read(ticket: string) {
    const hash = hashRatingTicket(ticket);
    const t = hash === undefined ? undefined : await this.repo.findRatingTicket(hash);
    if (ratingTicketState(t, this.store.now()) !== 'usable') throw new RatingTicketInvalidError();
    const file = await this.repo.find(t!.caseNumber);
    if (!file || file.state.status !== 'delivered') throw new RatingTicketInvalidError();
    return {
      centre: { code: this.ctx.code, name: this.ctx.self.name },
      matter: { name: file.record.itemName },
      servedBy: { name: t!.issuedByName },
      levels: RATING_LEVELS.map((l) => ({ code: l.code, zh: l.zh, en: l.en })),
      expiresAt: t!.expiresAt,
    };
  }

  /** The applicant's rating: the ticket is spent and the case rated in one transaction, or neither. */
  async rate(ticket: string, input: { level: string; comment?: string }) {
    const hash = hashRatingTicket(ticket);
    if (hash === undefined) throw new RatingTicketInvalidError();
    const level = await this.repo.transaction(async (m) => {
      const t = await this.repo.findRatingTicket(hash, m, true);
      if (ratingTicketState(t, this.store.now()) !== 'usable' || !(await this.repo.spendRatingTicket(m, hash, this.store.now()))) throw new RatingTicketInvalidError();
      const staff = this.staffOf(t!);
      const comment = input.comment?.trim();
      try {
        await this.actions.performIn(m, t!.caseNumber, 'rate', { level: input.level, channel: RATING_DEVICE_CHANNEL, ...(comment ? { comment } : {}), givenBy: 'applicant' }, staff, await this.actions.actorOf(staff));
      } catch (err) {
        // Rated at the desk meanwhile, or no longer this counter's: the ticket is no good.
        if (err instanceof CaseRuleError) throw new RatingTicketInvalidError();
        throw err;
      }
      return RATING_LEVELS.find((l) => l.code === input.level)!;
    });
    return { rated: true, level: { code: level.code, zh: level.zh, en: level.en }, thanks: '谢谢您的评价', thanksEn: 'Thank you for your rating' };
  }

  /** The clerk who asked for the ticket, acting at this node, as the rules see them. */
  private staffOf(t: StoredRatingTicket): SignedInStaff {
    const role = t.issuedByRole as Role;
    return { id: t.issuedById, login: t.issuedById, name: t.issuedByName, node: this.ctx.code, roles: [role], actingRole: role, sessionId: 'rating-ticket' };
  }
}
