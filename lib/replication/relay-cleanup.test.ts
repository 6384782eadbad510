import { expect, it } from 'vitest';
import type { Pool } from '../db/pool';
import { silentLogger } from '../log/logger';
import type { OutboxRow } from './outbox';
import { PublishedRowsCleanup } from './relay-cleanup';

/**
 * A pool whose connections run statements as the server would, one batch (`;`-separated, as
 * queryAll sends them) at a time: a transaction's statements count once COMMIT runs. `failOn`
 * makes a DELETE of that id fail, which stops its batch as the server does.
 */
function fakePool(failOn?: number) {
  const committed: string[] = [];
  const conn = {
    pending: [] as string[],
    async query(sql: string, params: unknown[] = []) {
      let next = 0;
      const results: unknown[] = [];
      for (const statement of sql.split(';\n')) {
        results.push(statement.trim().startsWith('SELECT') ? [{ 1: 1 }] : { affectedRows: 0 });
        const own = params.slice(next, next + (statement.match(/\?/g) ?? []).length);
        next += own.length;
        const verb = statement.trim().split(' ')[0];
        if (verb === 'START') this.pending = [];
        else if (verb === 'COMMIT') committed.push(...this.pending.splice(0));
        else if (verb === 'DELETE' || verb === 'INSERT') {
          if (verb === 'DELETE' && failOn !== undefined && (own[0] as number[]).includes(failOn)) throw new Error('lock wait timeout');
          this.pending.push(`${verb} ${JSON.stringify(own)}`);
        }
      }
      return results;
    },
    async rollback() {
      this.pending = [];
    },
    release() {},
  };
  return { pool: { getConnection: async () => conn } as unknown as Pool, committed };
}

const rows = (...ids: number[]): OutboxRow[] => ids.map((id) => ({ id, accountId: 'a', seq: id, epoch: 1, payload: '{}' }));
const acks = (...offsets: number[]) => offsets.map((offset) => ({ partition: 0, offset }));

it('deletes batches in order, advancing relay_position, and forgets them once done', async () => {
  const { pool, committed } = fakePool();
  const c = new PublishedRowsCleanup(pool, silentLogger, () => {
    throw new Error('no failure expected');
  });
  c.queue(rows(1, 2), acks(10, 11));
  c.queue(rows(3), acks(12));
  expect([...c.pendingIds]).toEqual([1, 2, 3]);
  await c.drain();
  expect(c.pendingIds.size).toBe(0);
  // Consecutive ids go as one range (BETWEEN 1 AND 2), a lone one in a list.
  expect(committed).toEqual(['DELETE [1,2]', 'INSERT [0,11]', 'DELETE [[3]]', 'INSERT [0,12]']);
});

it('after a failed delete no later batch is deleted (positions must not pass rows still there) until reset', async () => {
  const { pool, committed } = fakePool(2);
  let failures = 0;
  const c = new PublishedRowsCleanup(pool, silentLogger, () => failures++);
  c.queue(rows(1), acks(10));
  c.queue(rows(2), acks(11));
  c.queue(rows(3), acks(12));
  await c.drain();
  expect(failures).toBe(1);
  expect(c.failed).toBe(true);
  expect(committed).toEqual(['DELETE [[1]]', 'INSERT [0,10]']);
  expect(c.pendingIds.size).toBe(0);
  c.reset();
  c.queue(rows(4), acks(13));
  await c.drain();
  expect(committed.slice(-2)).toEqual(['DELETE [[4]]', 'INSERT [0,13]']);
});
