import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { portOpen, projectRoot, stateDir } from '#libs/infra';
import { DEMO_ENV } from './support/staff.js';
import { freePort, TestNetwork } from './support/test-network.js';

/** Runs a command to its end and returns its exit code and everything it printed. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** Pids of the Java processes whose command line names the folder. */
function javaProcessesOf(folder: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args[0]?.endsWith('java') && args.some((a) => a.includes(folder))) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** A Kafka port whose controller port (port + 1) is free too. */
async function freeKafkaPort(): Promise<number> {
  for (;;) {
    const p = await freePort();
    if (!(await portOpen(p + 1))) return p;
  }
}

/** Holds a port, as an unrelated program would. */
async function holdPort(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const portOf = (s: Server): number => (s.address() as { port: number }).port;
// A stack trace line as Node prints it: "    at fn (file:line:col)".
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

describe('start-up that cannot fail half-way', () => {
  let state: string;
  let blocker: Server;

  beforeEach(async () => {
    // A private state folder (mode 700, like a clone in a home folder), sharing the Kafka jars.
    state = mkdtempSync(join(tmpdir(), 'tongban-startup-'));
    symlinkSync(stateDir('cache'), join(state, 'cache'));
    blocker = await holdPort();
  });

  afterEach(async () => {
    await new Promise((resolve) => blocker.close(resolve));
    rmSync(state, { recursive: true, force: true });
  });

  it('tongban up with the PostgreSQL port taken says so in a sentence and leaves no Kafka broker running', async () => {
    const res = await run(['dist/apps/cli/src/main.js', 'up'], {
      TONGBAN_STATE_DIR: state,
      TONGBAN_EMBEDDED_KAFKA_PORT: String(await freeKafkaPort()),
      TONGBAN_EMBEDDED_POSTGRES_PORT: String(portOf(blocker)),
    });

    expect(res.code).toBe(1);
    expect(res.output).toContain(`端口 ${portOf(blocker)} 已被占用`);
    expect(res.output).toContain(`Port ${portOf(blocker)} is taken, so the embedded PostgreSQL cannot start there: stop what uses it, or choose another port with TONGBAN_EMBEDDED_POSTGRES_PORT.`);
    expect(res.output).toContain('Everything Tongban started has stopped.');
    expect(res.output).not.toMatch(STACK_LINE);
    expect(javaProcessesOf(join(state, 'data', 'kafka'))).toEqual([]);
  });

  it('tongban up whose PostgreSQL dies after it was spawned stops the broker that was still starting', async () => {
    // A data folder PostgreSQL refuses: the server starts, then exits while the JVM is starting.
    mkdirSync(join(state, 'data', 'postgres'), { recursive: true, mode: 0o700 });
    const pgPort = await freePort();
    writeFileSync(join(state, 'data', 'postgres', 'PG_VERSION'), '7\n');
    const res = await run(['dist/apps/cli/src/main.js', 'up'], {
      TONGBAN_STATE_DIR: state,
      TONGBAN_EMBEDDED_KAFKA_PORT: String(await freeKafkaPort()),
      TONGBAN_EMBEDDED_POSTGRES_PORT: String(pgPort),
    });

    expect(res.code).toBe(1);
    expect(res.output).toContain('The embedded PostgreSQL did not start');
    expect(res.output).toContain('Kafka stopped.');
    expect(res.output).not.toMatch(STACK_LINE);
    expect(javaProcessesOf(join(state, 'data', 'kafka'))).toEqual([]);
  });

  it('the test global setup with the PostgreSQL port taken stops the Kafka broker before it fails', async () => {
    const setup = pathToFileURL(join(projectRoot(), 'test/support/global-setup.mjs')).href;
    const res = await run(['--input-type=module', '-e', `const { default: setup } = await import('${setup}'); await setup();`], {
      TONGBAN_STATE_DIR: state,
      TONGBAN_TEST_KAFKA_PORT: String(await freeKafkaPort()),
      TONGBAN_TEST_POSTGRES_PORT: String(portOf(blocker)),
    });

    expect(res.code).not.toBe(0);
    expect(res.output).toContain('The end-to-end infrastructure did not start, and what had started was stopped');
    expect(res.output).toContain(`Port ${portOf(blocker)} is taken`);
    expect(javaProcessesOf(join(state, 'test', 'kafka'))).toEqual([]);
  });
});

describe('one database role per node on the embedded PostgreSQL', () => {
  const COUNTY = '640104000000';
  const TOWNSHIP = '640104100000';
  const net = new TestNetwork(
    [
      { code: '640100000000', tier: 'city' },
      { code: COUNTY, tier: 'county', parent: '640100000000' },
      { code: TOWNSHIP, tier: 'township', parent: COUNTY },
    ],
    DEMO_ENV,
  );
  const url = new URL(net.infra.databaseUrl.replace('{database}', 'postgres'));
  const connectAs = async (code: string, database: string): Promise<void> => {
    const client = new pg.Client({ host: url.hostname, port: Number(url.port), user: net.database(code), password: net.databasePassword(code), database });
    try {
      await client.connect();
      await client.query('select 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  beforeAll(async () => {
    await net.init();
    await net.start([TOWNSHIP]);
  });

  afterAll(async () => {
    await net.stop();
  });

  it('runs a node as its own role, which owns its database', async () => {
    const sessions = await net.query<{ usename: string }>(TOWNSHIP, 'select distinct usename from pg_stat_activity where datname = current_database() and application_name like $1', ['tongban-%']);
    expect(sessions.map((s) => s.usename)).toEqual([net.database(TOWNSHIP)]);
    const [db] = await net.query<{ owner: string }>(TOWNSHIP, 'select pg_get_userbyid(datdba) as owner from pg_database where datname = current_database()');
    expect(db?.owner).toBe(net.database(TOWNSHIP));
  });

  it("refuses a node's role on a sibling's database and on the maintenance database", async () => {
    await expect(connectAs(TOWNSHIP, net.database(TOWNSHIP))).resolves.toBeUndefined();
    await expect(connectAs(TOWNSHIP, net.database(COUNTY))).rejects.toThrow(`permission denied for database "${net.database(COUNTY)}"`);
    await expect(connectAs(TOWNSHIP, 'postgres')).rejects.toThrow('permission denied for database "postgres"');
  });

  it('gives a node role no superuser, database-creating or role-creating power', async () => {
    const [role] = await net.query<Record<string, boolean>>(TOWNSHIP, 'select rolsuper, rolcreatedb, rolcreaterole, rolcanlogin from pg_roles where rolname = $1', [net.database(TOWNSHIP)]);
    expect(role).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolcanlogin: true });
  });
});
