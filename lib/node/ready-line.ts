import type { ChildProcess } from 'node:child_process';

export interface ReadyWait {
  timeoutMs: number;
  /** What the errors call the node ("node", "mailstore"). */
  label?: string;
  /** Appended to both errors, e.g. where the node's log is. */
  hint?: string;
  /** Sees every chunk of the child's stdout while waiting (a log file, say). */
  onData?: (chunk: Buffer) => void;
}

/**
 * Waits for a mailstore node started as `child` to print its ready line on stdout (the JSON
 * that lib/node/main.ts writes once the node serves: `"ready":true` and its `apiUrl`) and
 * resolves with the API URL. Rejects when the child exits first or after `timeoutMs`.
 */
export function waitForReadyLine(child: ChildProcess, host: string, o: ReadyWait): Promise<string> {
  const label = o.label ?? 'node';
  const hint = o.hint ?? '';
  return new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => settle(new Error(`${label} ${host} did not start within ${o.timeoutMs % 1000 === 0 ? `${o.timeoutMs / 1000} s` : `${o.timeoutMs} ms`}${hint}`)), o.timeoutMs);
    const onData = (d: Buffer) => {
      o.onData?.(d);
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.includes('"ready":true'));
      if (line) settle(undefined, (JSON.parse(line) as { apiUrl: string }).apiUrl);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => settle(new Error(`${label} ${host} exited during start-up (${code ?? signal})${hint}`));
    function settle(err?: Error, apiUrl?: string) {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(apiUrl!);
    }
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}
