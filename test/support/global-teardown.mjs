export default async function globalTeardown() {
  await Promise.all([globalThis.__tongbanKafka?.stop(), globalThis.__tongbanPostgres?.stop()]);
}
