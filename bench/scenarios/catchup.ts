/**
 * 3. Catch-up: a township that was away (stopped) comes back to N events the county queued for it
 * on their link; how long from its start until all are applied, and its rate while applying.
 */
import { signIn } from '../support/harness.js';
import type { Scenario, ScenarioOutput } from '../support/scenario.js';
import { CpuMeter, rssMiB, sleep } from '../support/stats.js';
import { backboneNetwork, COUNTY, countApplied, sendPings, TOWNSHIP } from './backbone.js';

export const catchup: Scenario = {
  id: 'catchup',
  title: '3. Catch-up of a returning township',
  async run(ctx): Promise<ScenarioOutput> {
    const n = ctx.smoke ? 3000 : 100000;
    const net = backboneNetwork(ctx, 'cu');
    await net.provision();
    try {
      ctx.progress.say('starting the county and the township, then stopping the township ...');
      await net.start();
      const county = net.node(COUNTY);
      const township = net.node(TOWNSHIP);
      await township.stop();
      const auth = await signIn(county.url, 'admin');
      ctx.progress.say(`queueing ${n} pings for the township (it is away) ...`);
      const tq = Date.now();
      await sendPings(county.url, auth, n, 'away');
      for (;;) {
        const [o] = await net.sql<{ n: string }>(COUNTY, 'select count(*)::text as n from outbox where published_at is null');
        ctx.progress.status(`relay: ${o?.n} not yet published`);
        if (Number(o?.n) === 0) break;
        await sleep(200);
      }
      const queuedSeconds = (Date.now() - tq) / 1000;
      ctx.progress.say(`${n} pings on the link in ${queuedSeconds.toFixed(1)} s; starting the township ...`);
      const t0 = Date.now();
      township.start();
      const cpu = new CpuMeter(() => new Map([['township', township.pid]]));
      cpu.begin();
      let peakRss = 0;
      let applied = 0;
      const deadline = Date.now() + (ctx.smoke ? 120 : 900) * 1000;
      while (applied < n) {
        if (township.exitCode !== undefined) throw new Error(`the township exited (code ${township.exitCode}); see ${township.opts.logFile}`);
        if (Date.now() > deadline) throw new Error(`only ${applied} of ${n} applied in time`);
        applied = await countApplied(net, 'away').catch(() => applied);
        peakRss = Math.max(peakRss, rssMiB(township.pid!) || 0);
        ctx.progress.status(`catch-up: ${applied}/${n} applied`);
        await sleep(100);
      }
      const totalSeconds = (Date.now() - t0) / 1000;
      const use = cpu.end();
      const [span] = await net.sql<{ s: number }>(TOWNSHIP, `select extract(epoch from max(received_at) - min(received_at))::float8 as s from diagnostic_ping where key like 'away-%'`);
      const applySeconds = Number(span?.s ?? NaN);
      const applyRate = n / applySeconds;
      ctx.progress.say(`catch-up: all ${n} applied ${totalSeconds.toFixed(1)} s after the start; ${applyRate.toFixed(0)} events/s from first to last applied (${applySeconds.toFixed(1)} s)`);
      ctx.samples.push({ scenario: 'catchup', process: 'township (catch-up)', rssUnderLoadMiB: peakRss, cpuCores: use.perProcess.township });
      return {
        figures: [
          { id: 'catchup.total', label: `catch-up of ${n} events, township start → all applied`, value: totalSeconds, unit: 's' },
          { id: 'catchup.rate', label: 'catch-up rate, first → last applied', value: applyRate, unit: 'events/s', target: { kind: 'min', value: 5000 } },
          { id: 'catchup.rssPeak', label: 'township resident memory, peak while catching up', value: peakRss, unit: 'MiB' },
        ],
        notes: [
          `The township stopped; ${n} pings (diagnostics) queued for it by the county on their link (one partition), over 20 keys, with a 500-character message (~1.9 KB envelopes), all published before the township starts again. Pings because their handler is one insert: the figure is the backbone's own catch-up (consume, check, record in the inbox, apply) rather than a feature's; case events add their handlers' work on top.`,
          `Total = from the township's process start (boot, migrations, joining the group included) to the last applied; rate = N / (last received_at − first received_at). Township CPU over the catch-up: ${use.perProcess.township?.toFixed(2)} cores (machine ${use.machineCores.toFixed(2)}).`,
        ],
        details: { n, queuedSeconds, totalSeconds, applySeconds, peakRss, cpu: use },
      };
    } finally {
      await net.stop();
    }
  },
};
