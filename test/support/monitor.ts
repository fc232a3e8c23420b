import request from 'supertest';
import type { CaseDesk } from './cases.js';
import { bearer } from './staff.js';
import { eventually, type TestNetwork } from './test-network.js';

export interface MonitorRowView {
  caseNumber: string;
  holder: string;
  live: boolean;
  light: string | null;
  overdueDays: number;
  dueOn: string | null;
  calendarVersion: string | null;
}

export interface RebuildView {
  phase: string;
  caseSteps: number;
  fromCopies: number;
  cases: number;
  comparison: { differing: number; drift: Record<string, number> };
  error: string | null;
}

/** Every row of the city's monitor and its aggregates as stored (the write time left out), for comparing two states. */
export async function monitorTables(net: TestNetwork, city: string) {
  return {
    cases: await net.query(city, `select to_jsonb(c) - 'updated_at' as row from monitor_case c order by case_number`),
    counts: await net.query(city, `select * from monitor_count where n <> 0 order by node, status, light`),
    areas: await net.query(city, `select * from monitor_area_count where n <> 0 order by area, status, light`),
    nodes: await net.query(city, `select * from monitor_node_count where (live, closed) <> (0, 0) order by node`),
    days: await net.query(city, `select * from monitor_day where (received, accepted, closed, closed_late) <> (0, 0, 0, 0) order by node, day`),
  };
}

/** One case's row in the city monitor as the coordinator reads it, once `done` holds. */
export function monitorRow(desk: CaseDesk, city: string, caseNumber: string, done: (r: MonitorRowView) => boolean): Promise<MonitorRowView> {
  return eventually(async () => (await desk.get(city, 'coordinator', `/monitor/cases/${caseNumber}`)).body as MonitorRowView, done, 20000, 300);
}

/** Starts a rebuild of the city monitor as the city's admin and waits for it to end. */
export async function rebuildMonitor(net: TestNetwork, desk: CaseDesk, city: string): Promise<RebuildView> {
  const started = await request(net.url(city)).post('/monitor/rebuild').set(bearer(await desk.session(city, 'admin')));
  if (started.status !== 202) throw new Error(`POST /monitor/rebuild: ${started.status} ${JSON.stringify(started.body)}`);
  return eventually(async () => (await desk.get(city, 'admin', '/monitor/rebuild')).body as RebuildView, (p) => p.phase === 'done' || p.phase === 'failed', 60000, 300);
}
