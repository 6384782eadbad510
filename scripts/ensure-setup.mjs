// First step of `npm test`, `npm run demo` and `npm run bench`, in plain Node so that it runs on
// a fresh clone: installs npm packages when missing or stale, generates the Prisma clients, and
// with --browser installs Debian's chromium for the browser tests.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, '.data', 'setup');
mkdirSync(stamp, { recursive: true });
const hash = (...files) => createHash('sha256').update(files.map((f) => readFileSync(path.join(root, f))).join('\0')).digest('hex');
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
const fresh = (name, value) => existsSync(path.join(stamp, name)) && readFileSync(path.join(stamp, name), 'utf8') === value;
const mark = (name, value) => writeFileSync(path.join(stamp, name), value);

const lock = hash('package.json', 'package-lock.json');
if (!existsSync(path.join(root, 'node_modules', '.bin', 'tsx')) || !fresh('npm', lock)) {
  console.log('Installing npm packages (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  mark('npm', lock);
}

const schemas = hash('prisma/ha/schema.prisma', 'prisma/mailstore/schema.prisma');
const generated = ['ha', 'mailstore'].every((s) => existsSync(path.join(root, 'lib', 'db', 'generated', s, 'client.ts')));
if (!generated || !fresh('prisma', schemas)) {
  console.log('Generating the Prisma clients...');
  // Generation runs on Prisma's bundled WebAssembly; the schema engine it would download is not used.
  const env = { PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  for (const s of ['ha', 'mailstore']) run(path.join(root, 'node_modules', '.bin', 'prisma'), ['generate', '--schema', `prisma/${s}/schema.prisma`], env);
  mark('prisma', schemas);
}

if (process.argv.includes('--browser') && !existsSync('/usr/bin/chromium')) {
  console.log("Installing Debian's chromium for the browser tests...");
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
}
