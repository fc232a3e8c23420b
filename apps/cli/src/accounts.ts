import { TIERS } from '#libs/config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ROLE_INFO } from '#libs/identity';
import type { NetworkSettings } from './settings.js';

/** Identity settings a node reads, handed on from the operator's environment when set. */
const PASSED_ON = [
  'TONGBAN_AUTH_SECRET',
  'TONGBAN_ACCESS_TOKEN_TTL_SECONDS',
  'TONGBAN_REFRESH_TOKEN_TTL_SECONDS',
  'TONGBAN_SIGNIN_MAX_FAILURES',
  'TONGBAN_SIGNIN_LOCK_SECONDS',
  'TONGBAN_SIGNIN_RATE_LIMIT',
  'TONGBAN_SIGNIN_RATE_LIMIT_PER_IP',
];

/**
 * A network on the embedded database is the demo network: its nodes run with TONGBAN_DEMO=1 and
 * have demo accounts. TONGBAN_DEMO=0 or 1 in the environment decides it either way.
 */
export function isDemoNetwork(s: NetworkSettings, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.TONGBAN_DEMO === '1' || env.TONGBAN_DEMO === '0') return env.TONGBAN_DEMO === '1';
  return !s.externalDatabaseUrl;
}

/** The identity part of a node's environment. */
export function identityEnv(s: NetworkSettings, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = { TONGBAN_DEMO: isDemoNetwork(s, env) ? '1' : '0' };
  for (const k of PASSED_ON) if (env[k]) out[k] = env[k];
  return out;
}

/** The lines `up` prints after the node URLs on a demo network: every demo login with its roles. */
export function demoAccountLines(s: NetworkSettings): string[] {
  const tiers = TIERS.filter((t) => s.topology.nodes.some((n) => n.tier === t));
  const firstUrl = (tier: string) => `http://127.0.0.1:${s.topology.nodes.find((n) => n.tier === tier)!.httpPort}`;
  const lines = [`Demo accounts (TONGBAN_DEMO=1), the same logins at every node of a tier; password for all: ${DEMO_PASSWORD}`, ''];
  for (const tier of tiers) {
    for (const [i, a] of DEMO_ACCOUNTS[tier].entries()) {
      const roles = a.roles.map((r) => `${r} (${ROLE_INFO[r].labelZh})`).join(', ');
      const backup = a.backup ? `   B 岗/backup: ${a.backup.login}` : '';
      lines.push(`  ${(i === 0 ? tier : '').padEnd(9)}${a.login.padEnd(12)} ${roles}${backup}`);
    }
  }
  const url = firstUrl(tiers[0]!);
  lines.push(
    '',
    'Sign in, then send the token:',
    `  curl -s -XPOST ${url}/auth/sign-in -H 'content-type: application/json' -d '{"login":"admin","password":"${DEMO_PASSWORD}"}'`,
    `  curl -s ${url}/auth/me -H "authorization: Bearer <accessToken>"`,
  );
  return lines;
}
