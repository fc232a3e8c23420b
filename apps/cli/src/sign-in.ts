import { readPassword } from './password-input.js';
import type { NetworkSettings } from './settings.js';

export interface CliSession {
  token: string;
  signOut(): Promise<void>;
}

/**
 * Signs in at a node for one command: the password is the one given, or from TONGBAN_PASSWORD, or is
 * asked for. The session is ended when the command is done.
 */
export async function signInAt(baseUrl: string, nodeCode: string, login: string, given?: string): Promise<CliSession | undefined> {
  const password = given || process.env.TONGBAN_PASSWORD || (await readPassword(`Password for ${login} at node ${nodeCode}: `));
  const res = await fetch(`${baseUrl}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
    signal: AbortSignal.timeout(30000),
  }).catch((err: Error) => {
    process.stderr.write(`Node ${nodeCode} does not answer at ${baseUrl}: ${err.message}\n`);
    return undefined;
  });
  if (!res) return undefined;
  const body = (await res.json().catch(() => ({}))) as { accessToken?: string; message?: string; messageEn?: string };
  if (!res.ok || !body.accessToken) {
    process.stderr.write(`Sign-in as ${login} at node ${nodeCode} refused: ${body.message ?? ''} (${body.messageEn ?? res.status})\n`);
    return undefined;
  }
  const token = body.accessToken;
  return {
    token,
    signOut: async () => {
      await fetch(`${baseUrl}/auth/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10000) }).catch(() => undefined);
    },
  };
}

/**
 * Runs a command's work at the city of the topology, signed in as `login` for it: the city's base URL
 * and the authorization header. Says why and answers an exit code when there is no city, the sign-in
 * fails or the city does not answer; signs out afterwards.
 */
export async function atCity(s: NetworkSettings, login: string, work: (base: string, headers: { authorization: string }) => Promise<number>): Promise<number> {
  const city = s.topology.nodes.find((n) => n.tier === 'city');
  if (!city) {
    process.stderr.write(`The topology ${s.topologyFile} has no city.\n`);
    return 2;
  }
  const base = `http://127.0.0.1:${city.httpPort}`;
  const session = await signInAt(base, city.code, login);
  if (!session) return 1;
  try {
    return await work(base, { authorization: `Bearer ${session.token}` });
  } catch (err) {
    process.stderr.write(`The city does not answer at ${base}: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await session.signOut();
  }
}
