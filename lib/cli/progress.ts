import type { OperationView } from '../schemas/views';

export interface ProgressSink {
  write(text: string): Promise<void>;
  tty: boolean;
  columns: number;
}

/**
 * Shows an operation's progress while the CLI waits for it: a bar redrawn in place on a
 * terminal, otherwise one plain line each time the figures change (logs and pipes stay readable).
 */
export class ProgressReporter {
  private last = '';
  private drewBar = false;

  constructor(private readonly sink: ProgressSink) {}

  async update(op: Pick<OperationView, 'id' | 'kind' | 'state' | 'total' | 'done' | 'failed'>) {
    const summary = `${op.state} ${op.done}/${op.total} done, ${op.failed} failed`;
    if (summary === this.last) return;
    this.last = summary;
    if (this.sink.tty) {
      await this.sink.write(`\r${bar(op, this.sink.columns)}\x1b[K`);
      this.drewBar = true;
    } else {
      await this.sink.write(`${new Date().toISOString()} ${op.kind} ${op.id}: ${summary}\n`);
    }
  }

  /** Ends the bar's line so that what follows starts on a fresh one. */
  async finish() {
    if (this.drewBar) await this.sink.write('\n');
    this.drewBar = false;
  }
}

export function bar(op: Pick<OperationView, 'state' | 'total' | 'done' | 'failed'>, columns: number): string {
  const label = ` ${op.done}/${op.total} done, ${op.failed} failed (${op.state})`;
  const width = Math.max(10, Math.min(50, columns - label.length - 3));
  const ratio = op.total > 0 ? Math.min(1, op.done / op.total) : op.state === 'succeeded' ? 1 : 0;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${label}`;
}
