import type { Writable } from 'node:stream';

/** Output of the CLI: stdout for results, stderr for errors, warnings and (with --json) progress. */
export interface CliIo {
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
  /** True when stdout is a terminal (progress bar instead of plain lines). */
  outIsTTY: boolean;
  errIsTTY: boolean;
  /** Terminal width, for the progress bar. */
  columns: number;
}

/** Writes honouring backpressure, so streaming 100,000 accounts never buffers them all. */
function writer(stream: Writable): (text: string) => Promise<void> {
  return (text) =>
    new Promise<void>((resolve, reject) => {
      const ok = stream.write(text, (err) => (err ? reject(err) : undefined));
      if (ok) resolve();
      else stream.once('drain', resolve);
    });
}

export function processIo(): CliIo {
  return {
    out: writer(process.stdout),
    err: writer(process.stderr),
    outIsTTY: Boolean(process.stdout.isTTY),
    errIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.columns || 80,
  };
}

/** Captures output in memory (unit tests). */
export function memoryIo(opts: { tty?: boolean } = {}): CliIo & { stdout(): string; stderr(): string } {
  let out = '';
  let err = '';
  return {
    out: async (t) => void (out += t),
    err: async (t) => void (err += t),
    outIsTTY: opts.tty ?? false,
    errIsTTY: opts.tty ?? false,
    columns: 80,
    stdout: () => out,
    stderr: () => err,
  };
}
