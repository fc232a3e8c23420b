import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff accounts with their A/B backups, sign-in sessions and refresh tokens, the sign-in rate-limit
 * counters, and the append-only audit log.
 */
export class CreateIdentityTables1764000000000 implements MigrationInterface {
  name = 'CreateIdentityTables1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table staff (
        id uuid primary key,
        login text not null check (login ~ '^[a-z][a-z0-9._-]{2,39}$'),
        name text not null,
        node text not null,
        roles text[] not null check (cardinality(roles) > 0),
        id_number text,
        password_hash text not null,
        must_change_password boolean not null default false,
        status text not null default 'active' check (status in ('active', 'disabled')),
        failed_attempts int not null default 0,
        locked_until timestamptz,
        password_changed_at timestamptz not null default clock_timestamp(),
        last_sign_in_at timestamptz,
        created_at timestamptz not null default clock_timestamp(),
        created_by text not null,
        updated_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`create unique index staff_login_idx on staff (login)`);
    await q.query(`create unique index staff_id_number_idx on staff (id_number) where id_number is not null`);
    await q.query(`
      create table staff_backup (
        staff_id uuid not null references staff (id),
        role text not null,
        backup_staff_id uuid not null references staff (id),
        primary key (staff_id, role),
        check (staff_id <> backup_staff_id)
      )`);
    await q.query(`create index staff_backup_backup_idx on staff_backup (backup_staff_id)`);
    await q.query(`
      create table auth_session (
        id uuid primary key,
        staff_id uuid not null references staff (id),
        created_at timestamptz not null default clock_timestamp(),
        expires_at timestamptz not null,
        refreshed_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text
      )`);
    await q.query(`create index auth_session_staff_idx on auth_session (staff_id) where revoked_at is null`);
    await q.query(`
      create table refresh_token (
        token_hash text primary key,
        session_id uuid not null references auth_session (id),
        issued_at timestamptz not null default clock_timestamp(),
        used_at timestamptz
      )`);
    await q.query(`create index refresh_token_session_idx on refresh_token (session_id)`);
    // One counter per key and fixed window, shared by every replica of the node.
    await q.query(`
      create unlogged table sign_in_rate (
        key text primary key,
        window_start timestamptz not null,
        hits int not null
      )`);
    await q.query(`
      create table audit_log (
        seq bigserial primary key,
        id uuid not null unique,
        at timestamptz not null default clock_timestamp(),
        node text not null,
        actor_id text,
        actor_login text,
        actor_role text,
        action text not null,
        outcome text not null check (outcome in ('success', 'failure')),
        subject_type text,
        subject_id text,
        detail jsonb not null default '{}'::jsonb,
        ip text,
        request_id text
      )`);
    await q.query(`create index audit_log_at_idx on audit_log (at)`);
    await q.query(`create index audit_log_actor_idx on audit_log (actor_id, at)`);
    await q.query(`create index audit_log_actor_login_idx on audit_log (actor_login, at)`);
    await q.query(`create index audit_log_subject_idx on audit_log (subject_id, at)`);
    // 责任追究制: what is written stays written. The application cannot change or remove a row.
    await q.query(`
      create function audit_log_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % is refused', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    await q.query(`create trigger audit_log_no_update_delete before update or delete on audit_log for each row execute function audit_log_refuse_change()`);
    await q.query(`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table audit_log');
    await q.query('drop function audit_log_refuse_change()');
    await q.query('drop table sign_in_rate');
    await q.query('drop table refresh_token');
    await q.query('drop table auth_session');
    await q.query('drop table staff_backup');
    await q.query('drop table staff');
  }
}
