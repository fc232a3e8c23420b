#!/usr/bin/env node
// Everything a fresh machine needs before Tongban can run or be tested, done once and then skipped:
// Java 17 and Maven (for the embedded Kafka broker), npm packages, and the TypeScript build.
// Uses only Node's standard library, since it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (m) => process.stdout.write(`[setup] ${m}\n`);
const has = (cmd, args = ['-version']) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) {
    process.stderr.write(`[setup] "${cmd} ${args.join(' ')}" failed (exit ${r.status}).\n`);
    process.exit(r.status ?? 1);
  }
}

// 1. A JDK 17+ and Maven: the broker's jars come from Maven Central and run on the JVM; the
//    project's small Kafka admin tool (SCRAM users) is compiled with javac.
function javaMajor() {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const m = /version "(\d+)/.exec(`${r.stderr}${r.stdout}`);
  return m ? Number(m[1]) : 0;
}
// The tests (`npm test` passes --browser) drive Debian's Chromium (package chromium, /usr/bin/chromium; no
// browser is downloaded at run time) and read the PDFs the nodes print with pdftotext (package poppler-utils).
const needJava = javaMajor() < 17 || !has('javac', ['-version']) || !has('mvn', ['-v']);
const needChromium = process.argv.includes('--browser') && !has('chromium', ['--version']);
const needPoppler = process.argv.includes('--browser') && !has('pdftotext', ['-v']);
if (needJava || needChromium || needPoppler) {
  const pkgs = [...(needJava ? ['openjdk-17-jdk-headless', 'maven'] : []), ...(needChromium ? ['chromium'] : []), ...(needPoppler ? ['poppler-utils'] : [])];
  if (process.getuid?.() === 0 && has('apt-get', ['--version'])) {
    say(`Installing ${pkgs.join(', ')} from Debian packages ...`);
    run('apt-get', ['update', '-q']);
    run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...pkgs], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    process.stderr.write(
      needJava
        ? '[setup] Tongban needs a JDK 17+ (java and javac) and Maven (mvn) on the PATH for its embedded Kafka broker. Install them and retry.\n'
        : `[setup] The tests need ${pkgs.join(' and ')} (Debian packages: Chromium for the browser tests, poppler-utils' pdftotext for the printed documents). Install them and retry.\n`,
    );
    process.exit(1);
  }
}

// 2. npm packages, exactly as the lockfile pins them, with the patches of patches/ applied (npm ci
//    runs patch-package after installing); redone when the lockfile or a patch changes.
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.tongban-lock-hash');
const patchDir = join(root, 'patches');
const lockDigest = createHash('sha256').update(readFileSync(lock));
for (const f of existsSync(patchDir) ? readdirSync(patchDir).sort() : []) lockDigest.update(f).update(readFileSync(join(patchDir, f)));
const lockHash = lockDigest.digest('hex');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  say('Installing npm packages (npm ci) ...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, lockHash);
}

// 3. The build (incremental: fast when nothing changed), then the staff console (Vite, a few seconds).
say('Building (tsc) ...');
run(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json']);
say('Building the staff console (vite) ...');
run(join(root, 'node_modules/.bin/vite'), ['build', '--config', 'apps/console/vite.config.ts', '--logLevel', 'warn']);
