import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KafkaCredentials } from '#libs/messaging';
import { ensureKafkaJars } from './embedded-kafka.js';
import { projectRoot, stateDir } from './paths.js';

export interface KafkaUser {
  name: string;
  password: string;
}

function javaBin(tool: string): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', tool) : tool;
}

/** Compiles infra/kafka/tools once per source version, against the broker's own jars. */
function compiledTools(libDir: string): string {
  const source = join(projectRoot(), 'infra/kafka/tools/ScramUsers.java');
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const out = stateDir('cache', `kafka-tools-${hash}`);
  if (existsSync(join(out, 'ScramUsers.class'))) return out;
  mkdirSync(out, { recursive: true });
  const res = spawnSync(javaBin('javac'), ['-nowarn', '-cp', `${libDir}/*`, '-d', out, source], { encoding: 'utf8' });
  if (res.error) throw new Error(`Cannot run the Java compiler ('javac') for the Kafka tools: ${res.error.message}. Install a JDK 17 (openjdk-17-jdk-headless).`);
  if (res.status !== 0) throw new Error(`Compiling the Kafka tools failed:\n${res.stdout}\n${res.stderr}`);
  return out;
}

/**
 * Creates or updates SCRAM-SHA-512 users on the broker with Kafka's own admin client (kafkajs cannot),
 * connecting as the admin principal. One JVM for the whole list. Passwords travel on stdin only.
 */
export function upsertKafkaUsers(brokers: string[], admin: KafkaCredentials, users: KafkaUser[], tls = false): void {
  if (users.length === 0) return;
  const libDir = ensureKafkaJars();
  const tools = compiledTools(libDir);
  for (const u of users) if (/[\t\n]/.test(u.name) || /[\t\n]/.test(u.password)) throw new Error(`invalid Kafka user ${u.name}`);
  const res = spawnSync(
    javaBin('java'),
    ['-Xmx128m', `-Dlog4j2.configurationFile=${join(projectRoot(), 'infra/kafka/log4j2-tools.properties')}`, '-cp', `${tools}:${libDir}/*`, 'ScramUsers', brokers.join(',')],
    {
      input: users.map((u) => `${u.name}\t${u.password}\n`).join(''),
      encoding: 'utf8',
      env: {
        ...process.env,
        TONGBAN_KAFKA_ADMIN_USERNAME: admin.username,
        TONGBAN_KAFKA_ADMIN_PASSWORD: admin.password,
        TONGBAN_KAFKA_ADMIN_MECHANISM: admin.mechanism.toUpperCase(),
        TONGBAN_KAFKA_TLS: tls ? '1' : '0',
      },
      timeout: 120000,
    },
  );
  if (res.error) throw new Error(`Cannot run Java to create the Kafka users: ${res.error.message}.`);
  if (res.status !== 0) throw new Error(`Creating ${users.length} Kafka users failed (is ${admin.username} an admin of the cluster?):\n${res.stderr.trim().split('\n').slice(-5).join('\n')}`);
}
