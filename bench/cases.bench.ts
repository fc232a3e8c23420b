/**
 * Case benchmark: the time from a township's intake (the 201 answer) to the case appearing in the
 * county's inbox (GET /cases/inbox at the county lists it, acknowledged), on the running demo network.
 * Run `npm start` in another terminal first, then: npm run bench:cases   (BENCH_CASES, default 200)
 * Results are appended to bench/results/cases.md.
 */
import { appendFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '#libs/infra';

const N = Number(process.env.BENCH_CASES ?? 200);
const TOWNSHIP = process.env.BENCH_TOWNSHIP_URL ?? 'http://127.0.0.1:3101';
const COUNTY = process.env.BENCH_COUNTY_URL ?? 'http://127.0.0.1:3100';
const PASSWORD = 'Tongban-Demo-2026';
/** 食品经营许可: a county licence taken in at a township, all four required materials brought. */
const ITEM = '01010040004640100001';
const MATERIALS = [
  { name: '食品经营许可申请书', originals: 1, copies: 0 },
  { name: '营业执照', originals: 0, copies: 1 },
  { name: '与食品经营相适应的主要设备设施、经营布局、操作流程等文件', originals: 1, copies: 0 },
  { name: '食品安全自查、从业人员健康管理、进货查验记录等食品安全规章制度目录', originals: 1, copies: 0 },
];
const say = (m: string): void => void process.stdout.write(`${m}\n`);
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function call(url: string, method: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function signIn(url: string, login: string): Promise<string> {
  const r = await call(`${url}/auth/sign-in`, 'POST', null, { login, password: PASSWORD });
  if (r.status !== 200) throw new Error(`cannot sign in as ${login} at ${url} (${r.status}): is the demo network up (npm start)?`);
  return r.body.accessToken as string;
}

async function main(): Promise<void> {
  const clerk = await signIn(TOWNSHIP, 'clerk');
  const operator = await signIn(COUNTY, 'operator');
  const pending = new Map<string, number>();
  const latencies: number[] = [];
  const intakeMs: number[] = [];
  let polling = true;
  // One poller of the county's inbox, as an operator's screen would refresh it (every 20 ms here).
  const poller = (async () => {
    while (polling) {
      const r = await call(`${COUNTY}/cases/inbox?limit=500`, 'GET', operator);
      const now = performance.now();
      for (const item of (r.body?.items ?? []) as Array<{ caseNumber: string; status: { code: string } }>) {
        const sent = pending.get(item.caseNumber);
        if (sent !== undefined && item.status.code === 'accepted') {
          latencies.push(now - sent);
          pending.delete(item.caseNumber);
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  say(`[bench] ${N} intakes at ${TOWNSHIP}, watching ${COUNTY}/cases/inbox`);
  for (let i = 0; i < N; i++) {
    const started = performance.now();
    const r = await call(`${TOWNSHIP}/cases`, 'POST', clerk, {
      itemCode: ITEM,
      applicant: { kind: 'person', name: `压测申请人${i}`, idNumber: '11010519491231002X', phone: '13995012345', address: '银川市兴庆区掌政镇' },
      channel: '1',
      materials: MATERIALS,
    }, { 'idempotency-key': `bench-${Date.now()}-${i}` });
    if (r.status !== 201) throw new Error(`intake ${i} answered ${r.status}: ${JSON.stringify(r.body)}`);
    const answered = performance.now();
    intakeMs.push(answered - started);
    pending.set(r.body.caseNumber as string, answered);
    // One application every 100 ms: a busy counter, not a flood; the inbox stays short.
    await new Promise((res) => setTimeout(res, 100));
    if (i % 50 === 49) say(`[bench] ${i + 1}/${N} taken in, ${latencies.length} in the county's inbox`);
  }
  const deadline = Date.now() + 60_000;
  while (pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  polling = false;
  await poller;
  if (pending.size > 0) throw new Error(`${pending.size} cases never reached the county's inbox`);
  const lat = [...latencies].sort((a, b) => a - b);
  const intake = [...intakeMs].sort((a, b) => a - b);
  const row = `| ${new Date().toISOString().slice(0, 16)} | ${cpus().length} | ${N} | ${pct(intake, 50).toFixed(0)} / ${pct(intake, 99).toFixed(0)} | ${pct(lat, 50).toFixed(0)} / ${pct(lat, 99).toFixed(0)} | ${lat[lat.length - 1]!.toFixed(0)} |`;
  say(`[bench] intake answer p50/p99 ${pct(intake, 50).toFixed(0)}/${pct(intake, 99).toFixed(0)} ms; intake -> county inbox p50/p99 ${pct(lat, 50).toFixed(0)}/${pct(lat, 99).toFixed(0)} ms, max ${lat[lat.length - 1]!.toFixed(0)} ms`);
  appendFileSync(join(projectRoot(), 'bench', 'results', 'cases.md'), `${row}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
