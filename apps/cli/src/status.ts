import type { NodeHealth } from '#libs/infra';
import type { NetworkSettings } from './settings.js';

async function get<T>(port: number, path: string): Promise<T | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4000) });
    return (await res.json()) as T;
  } catch {
    return undefined;
  }
}

interface CatalogStatus {
  cityVersion: number;
  countyVersion: number | null;
}

/** `tongban status`: every node's health in one table; exit code 1 unless all are up. */
export async function status(s: NetworkSettings, json: boolean): Promise<number> {
  const rows = await Promise.all(
    s.topology.nodes.map(async (n) => {
      const [h, catalog] = await Promise.all([get<NodeHealth>(n.httpPort, '/health'), get<CatalogStatus>(n.httpPort, '/public/catalog/status')]);
      return { node: n, health: h, catalog };
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
