import { DEMO_PASSWORD } from '#libs/identity';
import type { NodeHealth } from '#libs/infra';
import { isDemoNetwork } from './accounts.js';
import { readPassword } from './password-input.js';
import type { NetworkSettings } from './settings.js';
import { signInAt } from './sign-in.js';

async function get<T>(port: number, path: string, headers: Record<string, string> = {}): Promise<T | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers, signal: AbortSignal.timeout(4000) });
    return (await res.json()) as T;
  } catch {
    return undefined;
  }
}

interface CatalogStatus {
  cityVersion: number;
  countyVersion: number | null;
}

/** The public /health says only up or down: the details need the node administrator's sign-in. */
async function details(node: NetworkSettings['topology']['nodes'][number], login: string, password: string): Promise<NodeHealth | undefined> {
  const session = await signInAt(`http://127.0.0.1:${node.httpPort}`, node.code, login, password);
  if (!session) return undefined;
  try {
    return await get<NodeHealth>(node.httpPort, '/health/details', { authorization: `Bearer ${session.token}` });
  } finally {
    await session.signOut();
  }
}

/**
 * `tongban status`: every node's health in one table; exit code 1 unless all are up. The details sign
 * in as `login` at each node: demo password on a demo network, else TONGBAN_PASSWORD or asked once.
 */
export async function status(s: NetworkSettings, json: boolean, login = 'admin'): Promise<number> {
  const password = process.env.TONGBAN_PASSWORD || (isDemoNetwork(s) ? DEMO_PASSWORD : await readPassword(`Password for ${login} (every node): `));
  const rows = await Promise.all(
    s.topology.nodes.map(async (n) => {
      const [up, catalog] = await Promise.all([get<NodeHealth>(n.httpPort, '/health'), get<CatalogStatus>(n.httpPort, '/public/catalog/status')]);
      const health = up ? ((await details(n, login, password)) ?? up) : undefined;
      return { node: n, health, catalog };
    }),
  );
  if (json) {
    process.stdout.write(`${JSON.stringify(rows.map((r) => ({ code: r.node.code, name: r.node.name, port: r.node.httpPort, health: r.health ?? null, catalog: r.catalog ?? null })), null, 2)}\n`);
  } else {
    const line = (cols: string[]): string => cols.map((c, i) => c.padEnd([8, 13, 6, 6, 11, 6, 8, 6, 9][i] ?? 0)).join(' ');
    process.stdout.write(`${line(['TIER', 'CODE', 'PORT', 'STATUS', 'CONSUMER', 'LAG', 'OUTBOX', 'DLQ', 'CATALOG'])} NAME\n`);
    for (const { node, health: h, catalog } of rows) {
      // The city catalog version applied, and the county catalog's after a slash.
      const cat = catalog ? `${catalog.cityVersion}${catalog.countyVersion === null ? '' : `/${catalog.countyVersion}`}` : '-';
      const c = h?.checks ?? {};
      const lag = Object.values((c.consumer?.lag as Record<string, number> | undefined) ?? {}).reduce((a, b) => a + b, 0);
      process.stdout.write(
        `${line([node.tier, node.code, String(node.httpPort), h ? h.status : 'absent', String(c.consumer?.state ?? '-'), h ? String(lag) : '-', String(c.outbox?.backlog ?? '-'), String(c.deadLetters?.parked ?? '-'), cat])} ${node.name}\n`,
      );
    }
  }
  return rows.every((r) => r.health?.status === 'up') ? 0 : 1;
}
