import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createAdministrator, CreateAdminError } from '#libs/identity';
import { EmbeddedPostgres } from '#libs/infra';
import { readPassword } from './password-input.js';
import type { NetworkSettings } from './settings.js';

/**
 * `tongban create-admin`: the first administrator of a node, written straight into its database
 * (reached with the same settings as `up`). The password comes from TONGBAN_ADMIN_PASSWORD or standard
 * input; there is no default.
 */
export async function createAdmin(s: NetworkSettings, opts: { node: string; login: string; name: string }): Promise<number> {
  const node = s.topology.nodes.find((n) => n.code === opts.node);
  if (!node) {
    process.stderr.write(`Node ${opts.node} is not in the topology ${s.topologyFile}.\n`);
    return 2;
  }
  let template = s.externalDatabaseUrl;
  if (!template) {
    const embedded = new EmbeddedPostgres({ port: s.postgresPort, dataDir: join(s.dataDir, 'postgres') });
    if (embedded.runningPid() === undefined) {
      process.stderr.write('The embedded PostgreSQL is not running: start the network first ("npm start"), or set TONGBAN_DATABASE_URL to reach the nodes\' database server.\n');
      return 1;
    }
    template = embedded.urlTemplate;
  }
  let password = process.env.TONGBAN_ADMIN_PASSWORD;
  if (!password) {
    password = await readPassword(`Password for ${opts.login} at ${node.name} (${node.code}): `);
    if (process.stdin.isTTY && (await readPassword('Repeat the password: ')) !== password) {
      process.stderr.write('The two passwords differ; nothing was created.\n');
      return 2;
    }
  }
  const ds = new DataSource({ type: 'postgres', url: template.replace('{database}', node.database), applicationName: 'tongban-cli' });
  try {
    await ds.initialize();
  } catch (err) {
    process.stderr.write(`Cannot reach node ${node.code}'s database ${node.database}: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    const { id } = await createAdministrator(ds, { node: node.code, login: opts.login, name: opts.name, password });
    process.stdout.write(`Created node administrator ${opts.login} (${opts.name}, id ${id}) at ${node.name} (${node.code}).\n`);
    process.stdout.write(`Sign in: curl -s -XPOST http://127.0.0.1:${node.httpPort}/auth/sign-in -H 'content-type: application/json' -d '{"login":"${opts.login}","password":"..."}'\n`);
    return 0;
  } catch (err) {
    if (err instanceof CreateAdminError) {
      process.stderr.write(`Not created: ${err.message}.\n`);
      return 2;
    }
    throw err;
  } finally {
    await ds.destroy();
  }
}
