import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What one node is given, and nothing more: its broker principal's secret and its database role's. */
export interface NodeSecrets {
  kafkaPassword: string;
  databasePassword: string;
}

/** The operators' secrets: the broker's admin principal (a super user) and the broker's own. */
export interface AdminSecrets {
  kafkaAdminPassword: string;
  /** The broker's inter-broker (SCRAM) and controller (PLAIN) principals; never handed to a client. */
  kafkaBrokerPassword: string;
  kafkaControllerPassword: string;
}

const SCOPE = /^[a-z][a-z0-9-]{0,30}$/;
const CODE = /^\d{12}$/;

function secret(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The credentials the embedded deployment generates, kept on disk where only their owner can read
 * them: a folder of mode 700, one file of mode 600 per node (so that a node's process can be
 * handed its own file and nothing else). A secret is made on first use and never changes after.
 * A scope is a topic prefix: test networks sharing one broker keep their principals apart.
 */
export class SecretStore {
  constructor(readonly dir: string) {}

  private ensureDir(): void {
    if (!existsSync(this.dir)) mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
  }

  private file(name: string): string {
    return join(this.dir, `${name}.json`);
  }

  private readOrCreate<T extends object>(name: string, make: () => T): T {
    const file = this.file(name);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
    this.ensureDir();
    const value = make();
    // Written aside and renamed, so a crash never leaves a half-written secret behind.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
    return value;
  }

  node(scope: string, code: string): NodeSecrets {
    if (!SCOPE.test(scope)) throw new Error(`invalid secret scope "${scope}"`);
    if (!CODE.test(code)) throw new Error(`invalid node code "${code}"`);
    return this.readOrCreate(`node-${scope}-${code}`, () => ({ kafkaPassword: secret(), databasePassword: secret() }));
  }

  /** The file holding one node's secrets (for an operator handing it to that node's host). */
  nodeFile(scope: string, code: string): string {
    this.node(scope, code);
    return this.file(`node-${scope}-${code}`);
  }

  admin(): AdminSecrets {
    return this.readOrCreate('admin', () => ({ kafkaAdminPassword: secret(), kafkaBrokerPassword: secret(), kafkaControllerPassword: secret() }));
  }
}
