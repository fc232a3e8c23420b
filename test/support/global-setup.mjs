// Loaded by Jest before any end-to-end file, as plain ESM from the built libraries (npm test builds).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedKafka, EmbeddedPostgres, projectRoot, readPid, removeFile, SecretStore, stateDir, writePid } from '#libs/infra';

/** An expected failure: Jest shows the sentence, without a stack trace. */
function failure(message) {
  const err = new Error(message);
  err.stack = message;
  return err;
}

/**
 * Starts the real broker and the real database once for the whole end-to-end run, on test-only
 * ports and folders (a running demo network is not disturbed), wiped first for a clean slate.
 * TONGBAN_TEST_KAFKA_BROKERS and TONGBAN_TEST_DATABASE_URL point the tests at external ones.
 * If one fails, the other is stopped before the run ends: Jest runs no teardown after a failed setup.
 */
export default async function globalSetup() {
  if (!existsSync(join(projectRoot(), 'dist/apps/county/src/main.js'))) {
    throw failure('The end-to-end tests start the built nodes: run "npm run build" first (npm test does).');
  }
  const started = Date.now();
  const kafkaPort = Number(process.env.TONGBAN_TEST_KAFKA_PORT ?? 19092);
  const pgPort = Number(process.env.TONGBAN_TEST_POSTGRES_PORT ?? 15433);
  const root = stateDir('test');
  mkdirSync(root, { recursive: true });
  // One run at a time per clone: a second one would wipe the first one's broker and database under it.
  const runPid = join(root, 'run.pid');
  const other = readPid(runPid);
  if (other !== undefined && other !== process.pid) {
    throw failure(`Another end-to-end run (pid ${other}) is using ${root}: wait for it to finish, or stop it, then run the tests again.`);
  }
  writePid(runPid, process.pid);
  globalThis.__tongbanRunPid = runPid;
  rmSync(join(root, 'networks'), { recursive: true, force: true });
  rmSync(join(root, 'secrets'), { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const state = { brokers: process.env.TONGBAN_TEST_KAFKA_BROKERS ?? '', databaseUrl: process.env.TONGBAN_TEST_DATABASE_URL ?? '' };
  if (state.brokers && process.env.TONGBAN_TEST_KAFKA_ADMIN_USERNAME) {
    state.kafkaAdmin = { mechanism: 'scram-sha-512', username: process.env.TONGBAN_TEST_KAFKA_ADMIN_USERNAME, password: process.env.TONGBAN_TEST_KAFKA_ADMIN_PASSWORD ?? '' };
  }
  const tasks = [];
  const starters = [];
  if (!state.brokers) {
    const dataDir = join(root, 'kafka');
    rmSync(dataDir, { recursive: true, force: true });
    const secrets = new SecretStore(join(root, 'secrets'));
    const kafka = new EmbeddedKafka({ port: kafkaPort, dataDir, heapMb: 768, log: (l) => process.stdout.write(`${l}\n`), secrets: secrets.admin() });
    globalThis.__tongbanKafka = kafka;
    starters.push(kafka);
    state.brokers = kafka.brokers.join(',');
    state.kafkaAdmin = kafka.admin;
    state.kafkaPort = kafkaPort;
    state.kafkaDataDir = dataDir;
    tasks.push(kafka.start().catch((err) => Promise.reject(new Error(`The test Kafka broker did not start (port from TONGBAN_TEST_KAFKA_PORT): ${err.message}`))));
  }
  if (!state.databaseUrl) {
    const dataDir = join(root, 'postgres');
    rmSync(dataDir, { recursive: true, force: true });
    const postgres = new EmbeddedPostgres({ port: pgPort, dataDir, fast: true, maxConnections: 600, portSetting: 'TONGBAN_TEST_POSTGRES_PORT' });
    globalThis.__tongbanPostgres = postgres;
    starters.push(postgres);
    state.databaseUrl = postgres.urlTemplate;
    tasks.push(postgres.start());
  }
  // Both are let finish (or fail) first, so that nothing is still starting when the other is stopped.
  const failed = (await Promise.allSettled(tasks)).filter((r) => r.status === 'rejected');
  if (failed.length) {
    await Promise.allSettled(starters.map((s) => s.stop()));
    removeFile(runPid);
    throw failure(`The end-to-end infrastructure did not start, and what had started was stopped:\n${failed.map((r) => r.reason.message).join('\n')}`);
  }
  // Holds the test broker's admin secret: readable by its owner only.
  writeFileSync(join(root, 'infra.json'), JSON.stringify(state, null, 2), { mode: 0o600 });
  process.stdout.write(`\nTest infrastructure ready in ${((Date.now() - started) / 1000).toFixed(1)} s: Kafka ${state.brokers}\n`);
}
