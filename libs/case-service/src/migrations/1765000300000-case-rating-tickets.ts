import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time rating tickets (评价码) for the applicant's rating screen: at most one per case (a new one
 * replaces the old), kept only as the SHA-256 of the ticket, with the staff member who asked for it,
 * when it expires and when it was used.
 */
export class CaseRatingTickets1765000300000 implements MigrationInterface {
  name = 'CaseRatingTickets1765000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table case_rating_ticket (
        case_number text primary key,
        ticket_hash text not null unique check (ticket_hash ~ '^[0-9a-f]{64}$'),
        issued_by_id text not null,
        issued_by_name text not null,
        issued_by_role text not null,
        issued_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table case_rating_ticket');
  }
}
