import type { NetworkSettings } from './settings.js';
import { signInAt } from './sign-in.js';

/** `tongban dead-letters ...`: the node API for parked messages, from a terminal. */
export async function deadLetters(
  s: NetworkSettings,
  nodeCode: string,
  action: 'list' | 'show' | 'replay' | 'discard',
  id: string | undefined,
  all: boolean,
  login = 'admin',
): Promise<number> {
  const node = s.topology.nodes.find((n) => n.code === nodeCode);
  if (!node) {
    process.stderr.write(`Node ${nodeCode} is not in the topology ${s.topologyFile}.\n`);
    return 2;
  }
  const base = `http://127.0.0.1:${node.httpPort}/dead-letters`;
  let url: string;
  let method = 'GET';
  if (action === 'list') url = `${base}?status=parked&limit=500`;
  else if (action === 'replay' && all) [url, method] = [`${base}/replay`, 'POST'];
  else {
    if (!id) {
      process.stderr.write(`"${action}" needs the id of a dead letter${action === 'replay' ? ' (or --all)' : ''}.\n`);
      return 2;
    }
    url = action === 'show' ? `${base}/${id}` : `${base}/${id}/${action}`;
    method = action === 'show' ? 'GET' : 'POST';
  }
  // The dead-letter endpoints are for the node's administrators: sign in as one for this command.
  const session = await signInAt(`http://127.0.0.1:${node.httpPort}`, nodeCode, login);
  if (!session) return 1;
  const res = await fetch(url, { method, headers: { authorization: `Bearer ${session.token}` }, signal: AbortSignal.timeout(120000) }).catch((err: Error) => {
    process.stderr.write(`Node ${nodeCode} does not answer at ${base}: ${err.message}\n`);
    return undefined;
  });
  await session.signOut();
  if (!res) return 1;
  const body = await res.json();
  process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  return res.ok ? 0 : 1;
}
