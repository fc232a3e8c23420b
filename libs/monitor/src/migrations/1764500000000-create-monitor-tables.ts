import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The city monitor's projection: one row per case in the network (`monitor_case`) and aggregates
 * kept by deltas in the row's transaction (`monitor_count` with its rollups by area and by node,
 * `monitor_day`), so counting never scans the cases. The lists read small partial indexes over live cases (about 3% of the rows), ordered by
 * (due date, case number) for keyset paging. See docs/monitor.md.
 */
export class CreateMonitorTables1764500000000 implements MigrationInterface {
  name = 'CreateMonitorTables1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table monitor_case (
        case_number text primary key,
        intake_node text not null,
        holder text not null,
        deciding_node text not null,
        item_code text not null,
        item_name text not null,
        status text not null constraint monitor_case_status_check check (status in (
          'received', 'awaiting_materials', 'materials_complete', 'accepted', 'in_transit_up', 'under_review', 'awaiting_correction',
          'special_procedure', 'approved', 'denied', 'not_accepted', 'withdrawn', 'result_in_transit_down', 'awaiting_delivery', 'delivered', 'rated')),
        outcome text constraint monitor_case_outcome_check check (outcome in ('approved', 'denied', 'not_accepted', 'withdrawn')),
        live boolean not null,
        paused boolean not null,
        light text constraint monitor_case_light_check check (light in ('green', 'yellow', 'red')),
        step_light text constraint monitor_case_step_light_check check (step_light in ('green', 'yellow', 'red')),
        received_on date not null,
        accepted_on date,
        due_on date,
        closed_on date,
        closed_late boolean,
        overdue_days int not null constraint monitor_case_overdue_days_check check (overdue_days >= 0),
        light_due_at timestamptz,
        supervision_round smallint not null constraint monitor_case_supervision_round_check check (supervision_round between 0 and 2),
        flagged boolean not null,
        version int not null constraint monitor_case_version_check check (version >= 0),
        calendar_version text,
        updated_at timestamptz not null default clock_timestamp(),
        constraint monitor_case_live_check check (live = (outcome is null)),
        constraint monitor_case_closed_unlit_check check (live or (light is null and step_light is null and light_due_at is null)),
        constraint monitor_case_live_open_check check (not live or (closed_on is null and closed_late is null))
      )`);
    // One node's live cases by due date (undated ones, not yet accepted, last), and by light.
    await q.query(`create index monitor_case_live_holder_due_idx on monitor_case (holder, (coalesce(due_on, 'infinity'::date)), case_number) where live`);
    await q.query(`create index monitor_case_live_holder_light_due_idx on monitor_case (holder, light, (coalesce(due_on, 'infinity'::date)), case_number) where live`);
    // The network's overdue list, oldest due date first.
    await q.query(`create index monitor_case_red_due_idx on monitor_case ((coalesce(due_on, 'infinity'::date)), case_number) where live and light = 'red'`);
    // A red case is always live: without this the planner multiplies 3% live by 0.15% red, expects a
    // handful of rows, and sorts them all instead of reading the overdue index in order.
    await q.query(`create statistics monitor_case_live_status_light_stats (mcv) on live, status, light from monitor_case`);
    // The light sweep: live cases whose light must be evaluated again.
    await q.query(`create index monitor_case_light_due_at_idx on monitor_case (light_due_at) where live`);

    // Small and rewritten all day: room on each page keeps the updates HOT (no new index entries).
    // No CHECK (n >= 0) on the aggregates: PostgreSQL checks the proposed row of an INSERT ... ON CONFLICT
    // before it finds the conflict, so a delta of -1 would fail; countDrift verifies them against the rows.
    await q.query(`
      create table monitor_count (
        node text not null,
        status text not null,
        light text not null constraint monitor_count_light_check check (light in ('', 'green', 'yellow', 'red')),
        live boolean not null,
        n int not null,
        primary key (node, status, light)
      ) with (fillfactor = 50)`);
    // The same cells summed by county-level area, and one line per holder node: the network's figures
    // read about 1,200 area cells and 1,041 node lines instead of grouping some 25,000 cells.
    await q.query(`
      create table monitor_area_count (
        area text not null,
        status text not null,
        light text not null constraint monitor_area_count_light_check check (light in ('', 'green', 'yellow', 'red')),
        live boolean not null,
        n int not null,
        primary key (area, status, light)
      ) with (fillfactor = 50)`);
    await q.query(`
      create table monitor_node_count (
        node text primary key,
        live int not null,
        closed int not null,
        green int not null,
        yellow int not null,
        red int not null
      ) with (fillfactor = 50)`);
    await q.query(`
      create table monitor_day (
        node text not null,
        day date not null,
        received int not null default 0,
        accepted int not null default 0,
        closed int not null default 0,
        closed_late int not null default 0,
        primary key (node, day)
      ) with (fillfactor = 70)`);
    // Trends over every node: the days of a range, whatever the node.
    await q.query(`create index monitor_day_day_idx on monitor_day (day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop schema if exists monitor_build cascade');
    await q.query('drop table monitor_day');
    await q.query('drop table monitor_node_count');
    await q.query('drop table monitor_area_count');
    await q.query('drop table monitor_count');
    await q.query('drop table monitor_case');
  }
}
