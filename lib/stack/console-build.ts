import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { StackError } from './java';

const SOURCES = ['app', 'components', 'lib', 'next.config.js', 'package-lock.json', 'postcss.config.mjs'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(p)) {
    if (e === 'generated' || e === 'node_modules' || e.endsWith('.test.ts')) continue;
    max = Math.max(max, newestMtime(path.join(p, e)));
  }
  return max;
}

/** Builds the console (`next build`) unless the last build is newer than every source file. */
export function ensureConsoleBuild(root: string, log: (l: string) => void) {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (built > changed) return;
  log('Building the console (next build; once per change of the sources)...');
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new StackError(`next build failed:\n${String(e.stdout ?? '').slice(-3000)}\n${String(e.stderr ?? '').slice(-2000)}`);
  }
}
