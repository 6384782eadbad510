import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** One acknowledged operation, as one JSON line of the acked log. */
export interface AckedLine {
  account: string;
  accountId: string;
  /** The event op of the change (CreateMessage, MoveItem, ...). */
  op: string;
  /** The traffic generator's action (deliver, moveItems, ...). */
  action: string;
  seq: number;
  itemIds: number[];
  /** The items this operation created (a subset of itemIds). */
  created: number[];
  /** The mailstore that acknowledged it, and whether Kafka had it before the answer. */
  host: string;
  replicated: boolean;
  at: string;
}

/** Appends acknowledged operations to a file, one JSON object per line. */
export class AckedLog {
  private readonly stream?: WriteStream;

  constructor(file?: string) {
    if (file) this.stream = createWriteStream(file, { flags: 'a' });
  }

  write(line: AckedLine) {
    this.stream?.write(`${JSON.stringify(line)}\n`);
  }

  async close() {
    if (!this.stream) return;
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
