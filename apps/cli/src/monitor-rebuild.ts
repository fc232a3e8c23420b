import type { NetworkSettings } from './settings.js';
import { atCity } from './sign-in.js';

interface Progress {
  id: string;
  phase: string;
  messages: { total: number; read: number };
  caseSteps: number;
  refused: Record<string, number>;
  fromCopies: number;
  cases: number;
  comparison: { differing: number; sample: string[]; drift: Record<string, number> } | null;
  error: string | null;
}

/**
 * `tongban monitor-rebuild`: asks the city to drop its monitor and rebuild it from Kafka, then shows
 * the rebuild's progress until it is done. The live monitor answers throughout.
 */
export async function monitorRebuild(s: NetworkSettings, login = 'admin', pollMs = 1000): Promise<number> {
  return atCity(s, login, async (base, headers) => {
    const started = await fetch(`${base}/monitor/rebuild`, { method: 'POST', headers, signal: AbortSignal.timeout(30000) });
    const body = (await started.json()) as Progress & { message?: string; messageEn?: string };
    if (!started.ok) {
      process.stderr.write(`The city refused the rebuild: ${body.message ?? ''} (${body.messageEn ?? started.status})\n`);
      return 1;
    }
    process.stdout.write(`Rebuilding the city monitor from Kafka (rebuild ${body.id}) ...\n`);
    let last = '';
    for (;;) {
      await new Promise((r) => setTimeout(r, pollMs));
      const res = await fetch(`${base}/monitor/rebuild`, { headers, signal: AbortSignal.timeout(30000) });
      const p = (await res.json()) as Progress;
      const line = `${p.phase}: ${p.messages.read}/${p.messages.total} messages, ${p.caseSteps} case steps`;
      if (line !== last) process.stdout.write(`  ${line}\n`);
      last = line;
      if (p.phase === 'failed') {
        process.stderr.write(`The rebuild failed: ${p.error}\n`);
        return 1;
      }
      if (p.phase === 'done') {
        const c = p.comparison!;
        process.stdout.write(
          `Done: ${p.cases} case${p.cases === 1 ? '' : 's'} (${p.fromCopies} from the city's copies, no longer or never on a link). Before the swap, ${c.differing} differed from the live monitor` +
            `${c.sample.length > 0 ? ` (e.g. ${c.sample.join(', ')})` : ''}; the rebuilt counts drift by ${JSON.stringify(c.drift)}.` +
            `${Object.keys(p.refused).length > 0 ? ` Messages not used: ${JSON.stringify(p.refused)}.` : ''}\n`,
        );
        return 0;
      }
    }
  });
}
