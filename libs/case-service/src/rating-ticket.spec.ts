import { createHash } from 'node:crypto';
import { hashRatingTicket, newRatingTicket, RATING_TICKET_MINUTES, ratingTicketExpiry, ratingTicketState, RatingTicketInvalidError } from './rating-ticket.js';

describe('rating tickets (评价码)', () => {
  it('are 43 base64url characters, different every time, and stored as their SHA-256 only', () => {
    const a = newRatingTicket();
    const b = newRatingTicket();
    expect(a.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.ticket).not.toBe(b.ticket);
    expect(a.hash).toBe(createHash('sha256').update(a.ticket).digest('hex'));
    expect(a.hash).not.toContain(a.ticket);
    expect(hashRatingTicket(a.ticket)).toBe(a.hash);
  });

  it('hashes nothing that is not shaped like a ticket', () => {
    for (const bad of ['', 'short', `${newRatingTicket().ticket}x`, `${'a'.repeat(42)}=`, `${'a'.repeat(42)}/`, '../../etc/passwd']) expect(hashRatingTicket(bad)).toBeUndefined();
  });

  it('expire 30 minutes after they are issued', () => {
    const at = new Date('2026-11-24T02:00:00.000Z');
    expect(RATING_TICKET_MINUTES).toBe(30);
    expect(ratingTicketExpiry(at).toISOString()).toBe('2026-11-24T02:30:00.000Z');
    expect(ratingTicketExpiry(at, 5).toISOString()).toBe('2026-11-24T02:05:00.000Z');
  });

  it('can be used once, before they expire', () => {
    const expiresAt = '2026-11-24T02:30:00.000Z';
    expect(ratingTicketState({ expiresAt, usedAt: null }, new Date('2026-11-24T02:29:59.999Z'))).toBe('usable');
    expect(ratingTicketState({ expiresAt, usedAt: null }, new Date(expiresAt))).toBe('expired');
    expect(ratingTicketState({ expiresAt, usedAt: '2026-11-24T02:10:00.000Z' }, new Date('2026-11-24T02:11:00.000Z'))).toBe('spent');
    expect(ratingTicketState(undefined, new Date())).toBe('unknown');
  });

  it('answer one refusal for every reason, in both languages', () => {
    const e = new RatingTicketInvalidError();
    expect({ code: e.code, status: e.status }).toEqual({ code: 'RATING_TICKET_INVALID', status: 404 });
    expect(e.messageZh).toMatch(/无效/);
    expect(e.messageEn).toMatch(/not valid/);
  });
});
