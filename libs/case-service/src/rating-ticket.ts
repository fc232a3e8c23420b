import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '#libs/domain';

/** How long a rating ticket lasts after the counter asks for it. */
export const RATING_TICKET_MINUTES = 30;

/** A ticket as the rating screen's address carries it: 32 random bytes, base64url (43 characters). */
const TICKET = /^[A-Za-z0-9_-]{43}$/;

/** A ticket as the node keeps it: only the hash, who asked for it, and whether it is still good. */
export interface StoredRatingTicket {
  caseNumber: string;
  issuedById: string;
  issuedByName: string;
  issuedByRole: string;
  issuedAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** A fresh ticket and the hash the node stores instead of it. */
export function newRatingTicket(): { ticket: string; hash: string } {
  const ticket = randomBytes(32).toString('base64url');
  return { ticket, hash: createHash('sha256').update(ticket).digest('hex') };
}

/** The SHA-256 (hex) of a ticket; undefined for anything that is not shaped like one (nothing to look up). */
export function hashRatingTicket(ticket: string): string | undefined {
  return TICKET.test(ticket) ? createHash('sha256').update(ticket).digest('hex') : undefined;
}

/** When a ticket issued at `at` expires. */
export function ratingTicketExpiry(at: Date, minutes = RATING_TICKET_MINUTES): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** Whether a stored ticket can still be used at `now`: once, before it expires. */
export function ratingTicketState(t: Pick<StoredRatingTicket, 'expiresAt' | 'usedAt'> | undefined, now: Date): 'usable' | 'spent' | 'expired' | 'unknown' {
  if (!t) return 'unknown';
  if (t.usedAt !== null) return 'spent';
  return Date.parse(t.expiresAt) > now.getTime() ? 'usable' : 'expired';
}

/**
 * An unknown, spent, superseded or expired ticket, or one for a case that can no longer be rated: one
 * answer for all, so the screen tells the applicant one thing and a guesser learns nothing.
 */
export class RatingTicketInvalidError extends DomainError {
  readonly code = 'RATING_TICKET_INVALID';
  readonly status = 404;

  constructor() {
    super('评价链接无效、已使用或已过期，请向窗口工作人员重新获取', 'This rating link is not valid, was used already or has expired; ask the counter for a new one');
  }
}
