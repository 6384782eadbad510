import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { waitForReadyLine } from './ready-line';

/** A child that runs `code` (plain JavaScript) with stdout piped, as a node's spawner starts it. */
const child = (code: string) => spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });

describe('waitForReadyLine', () => {
  it('resolves with the apiUrl of the ready line, even when it arrives split, after other output; onData sees it all', async () => {
    const c = child(`process.stdout.write('starting\\n{"ready":'); setTimeout(() => process.stdout.write('true,"host":"h","apiUrl":"http://127.0.0.1:4321"}\\n'), 50); setTimeout(() => {}, 300);`);
    const seen: string[] = [];
    await expect(waitForReadyLine(c, 'h', { timeoutMs: 10_000, onData: (d) => seen.push(d.toString()) })).resolves.toBe('http://127.0.0.1:4321');
    expect(seen.join('')).toContain('starting');
    expect(c.stdout!.listenerCount('data')).toBe(0);
    c.kill();
  });

  it('rejects naming the node and the exit code when the child ends first', async () => {
    const c = child('process.stdout.write("no luck\\n"); process.exit(3)');
    await expect(waitForReadyLine(c, 'mbox9', { timeoutMs: 10_000, label: 'mailstore', hint: '; see x.log' })).rejects.toThrow('mailstore mbox9 exited during start-up (3); see x.log');
  });

  it('rejects after the timeout when no ready line comes', async () => {
    const c = child('setTimeout(() => {}, 5000)');
    await expect(waitForReadyLine(c, 'slow', { timeoutMs: 300 })).rejects.toThrow('node slow did not start within 300 ms');
    c.kill();
  });
});
