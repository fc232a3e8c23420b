import { removeFile } from '#libs/infra';

export default async function globalTeardown() {
  await Promise.all([globalThis.__tongbanKafka?.stop(), globalThis.__tongbanPostgres?.stop()]);
  if (globalThis.__tongbanRunPid) removeFile(globalThis.__tongbanRunPid);
}
