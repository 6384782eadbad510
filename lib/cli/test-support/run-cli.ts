import { execFile } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../config/paths';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `carbonio` binary (node bin/carbonio.mjs) as a child process, as an administrator
 * would, with the given environment (a test env's childEnv()).
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv, opts: { timeoutMs?: number; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(projectRoot(), 'bin', 'carbonio.mjs'), ...args], {
      env, cwd: opts.cwd ?? projectRoot(), timeout: opts.timeoutMs ?? 90_000, maxBuffer: 64 * 1024 * 1024,
    }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(new Error(`carbonio ${args.join(' ')} did not finish: ${err.message}\n${tail(stdout)}\n${stderr}`));
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

/** Runs a shell command line verbatim (for documented examples with pipes), `carbonio` on the PATH. */
export function runShell(line: string, env: NodeJS.ProcessEnv, opts: { timeoutMs?: number } = {}): Promise<CliResult> {
  const binDir = path.join(projectRoot(), 'lib', 'cli', 'test-support', 'bin');
  return new Promise((resolve, reject) => {
    execFile('bash', ['-o', 'pipefail', '-c', line], {
      env: { ...env, PATH: `${binDir}:${env.PATH ?? process.env.PATH}` }, cwd: projectRoot(), timeout: opts.timeoutMs ?? 90_000, maxBuffer: 64 * 1024 * 1024,
    }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(new Error(`${line} did not finish: ${err.message}\n${tail(stdout)}\n${stderr}`));
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

/** The end of a killed command's output: where it was when it stopped (its last progress line). */
function tail(out: string, chars = 2000) {
  return out.length > chars ? `...${out.slice(-chars)}` : out;
}
