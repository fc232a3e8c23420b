import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { Command } from 'commander';
import { isAlive, readPid } from '#libs/infra';
import { createAdmin } from './create-admin.js';
import { deadLetters } from './dead-letters.js';
import { keepExitCode } from './exit-code.js';
import { monitorRebuild } from './monitor-rebuild.js';
import { monthlyReport } from './monthly-report.js';
import { down, Network, provisionCommand } from './network.js';
import { NodeSelectionError, selectNodes } from './node-selection.js';
import { networkSettings } from './settings.js';
import { status } from './status.js';
import { join } from 'node:path';

keepExitCode();

const program = new Command('tongban').description('Tongban (通办) operator command line');

program
  .command('up')
  .description('Start the embedded Kafka and PostgreSQL (unless external ones are configured) and every node of the topology; runs until Ctrl-C')
  .option('--only <nodes>', 'start only these nodes: comma-separated node codes, or area:<code> for a node and every node under it (the broker is still provisioned for the whole topology)')
  .action(async (opts: { only?: string }) => {
    const s = networkSettings();
    let only;
    try {
      only = opts.only === undefined ? undefined : selectNodes(s.topology, opts.only);
    } catch (err) {
      if (!(err instanceof NodeSelectionError)) throw err;
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    await new Network(s, only).up();
  });

program
  .command('down')
  .description('Stop a running network and anything a killed one left behind')
  .action(async () => {
    await down(networkSettings());
  });

program
  .command('status')
  .description("Show every node's health")
  .option('--json', 'print JSON')
  .option('--login <login>', 'the node administrator to sign in as for the details', 'admin')
  .action(async (opts: { json?: boolean; login: string }) => {
    process.exitCode = await status(networkSettings(), opts.json ?? false, opts.login);
  });

program
  .command('dead-letters')
  .description('List, show, replay or discard the messages a node parked')
  .argument('<action>', 'list | show | replay | discard')
  .argument('[id]', 'dead letter id')
  .requiredOption('--node <code>', 'the node, by its 12-digit code')
  .option('--all', 'with replay: replay every parked message')
  .option('--login <login>', 'sign in as this node administrator (password from TONGBAN_PASSWORD, or asked for)', 'admin')
  .action(async (action: string, id: string | undefined, opts: { node: string; all?: boolean; login: string }) => {
    if (!['list', 'show', 'replay', 'discard'].includes(action)) {
      process.stderr.write(`Unknown action "${action}": use list, show, replay or discard.\n`);
      process.exitCode = 2;
      return;
    }
    process.exitCode = await deadLetters(networkSettings(), opts.node, action as 'list', id, opts.all ?? false, opts.login);
  });

program
  .command('monitor-rebuild')
  .description("Drop the city monitor and rebuild it from Kafka, showing the progress (the live monitor answers meanwhile)")
  .option('--login <login>', "sign in as this city administrator (password from TONGBAN_PASSWORD, or asked for)", 'admin')
  .action(async (opts: { login: string }) => {
    process.exitCode = await monitorRebuild(networkSettings(), opts.login);
  });

program
  .command('monthly-report')
  .description("Write the city's monthly assessment report (效能月度通报) for a month as a PDF or an Excel workbook")
  .requiredOption('--month <YYYY-MM>', 'the month')
  .option('--format <format>', 'pdf or xlsx', 'pdf')
  .option('--out <file>', 'where to write it (default monthly-report-<month>.<format>)')
  .option('--login <login>', 'sign in at the city as this coordinator, auditor or admin (password from TONGBAN_PASSWORD, or asked for)', 'coordinator')
  .action(async (opts: { month: string; format: string; out?: string; login: string }) => {
    if (opts.format !== 'pdf' && opts.format !== 'xlsx') {
      process.stderr.write(`--format must be pdf or xlsx, not ${opts.format}.\n`);
      process.exitCode = 2;
      return;
    }
    process.exitCode = await monthlyReport(networkSettings(), opts.month, opts.format, opts.out, opts.login);
  });

program
  .command('provision')
  .description("Create on the running broker what the topology needs: each node's principal and secret, the topics and the ACLs (after adding a node)")
  .action(async () => {
    process.exitCode = await provisionCommand(networkSettings());
  });

program
  .command('create-admin')
  .description("Create a node administrator in that node's database (the first one of a real deployment); password from TONGBAN_ADMIN_PASSWORD or standard input")
  .requiredOption('--node <code>', 'the node, by its 12-digit code')
  .requiredOption('--login <login>', 'login: 3-40 lower-case letters, digits, ".", "_" or "-"')
  .requiredOption('--name <name>', "the administrator's name")
  .action(async (opts: { node: string; login: string; name: string }) => {
    process.exitCode = await createAdmin(networkSettings(), opts);
  });

program
  .command('reset')
  .description('Delete all data of the embedded Kafka and PostgreSQL, and the generated credentials (the network must be stopped)')
  .action(() => {
    const s = networkSettings();
    const pid = readPid(join(s.runDir, 'up.pid'));
    if (pid !== undefined && isAlive(pid)) {
      process.stderr.write(`The network is running (pid ${pid}); stop it with "npm run down" first.\n`);
      process.exitCode = 1;
      return;
    }
    rmSync(s.dataDir, { recursive: true, force: true });
    rmSync(s.logDir, { recursive: true, force: true });
    rmSync(s.secrets.dir, { recursive: true, force: true });
    process.stdout.write(`Deleted ${s.dataDir}, ${s.logDir} and the generated credentials in ${s.secrets.dir}.\n`);
  });

await program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
});
