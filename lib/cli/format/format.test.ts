import { describe, expect, it } from 'vitest';
import type { AccountStatusView } from '../../schemas/views';
import { renderAccountStatus } from './account-status';
import { table } from './kv';

const account: AccountStatusView = {
  accountId: '9e94f5e0-8e0d-4f61-93aa-00747ac3dba6', accountName: 'john.doe@example.com', accountMailHost: 'mbox1.example.com',
  paused: false, mailboxId: 12, sequence: 345, itemId: 300, updatedAt: null,
  replicas: [
    { accountId: '9e94f5e0-8e0d-4f61-93aa-00747ac3dba6', itemId: 300, sequence: 345, mailboxId: 3, destination: 'mailstore1.example.com', available: true, priority: 10,
      canConnectToKafka: true, state: 'active', lagEvents: 0, lagSeconds: 0, lastError: null, updatedAt: null },
    { accountId: '9e94f5e0-8e0d-4f61-93aa-00747ac3dba6', itemId: 0, sequence: 0, mailboxId: null, destination: 'mbox2.example.com', available: false, priority: 20,
      canConnectToKafka: false, state: 'initializing', lagEvents: 0, lagSeconds: 0, lastError: null, updatedAt: null },
  ],
};

describe('renderAccountStatus', () => {
  it('prints exactly the reference fields, in order, aligned, then each replica indented', () => {
    const lines = renderAccountStatus(account).split('\n');
    expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual([
      'accountId', 'accountName', 'accountMailHost', 'paused', 'mailboxId', 'sequence', 'itemId', 'replicas',
      'accountId', 'itemId', 'sequence', 'mailboxId', 'destination', 'available', 'priority', 'canConnectToKafka', '',
      'accountId', 'itemId', 'sequence', 'mailboxId', 'destination', 'available', 'priority', 'canConnectToKafka', '', '',
    ]);
    expect(lines[3]).toBe(`${'paused'.padEnd(22)} false`);
    expect(lines[15]).toBe(`    ${'canConnectToKafka'.padEnd(22)} true`);
    // All values of one level start in the same column.
    const starts = lines.slice(0, 7).map((l) => l.search(/ \S+$/));
    expect(new Set(starts).size).toBe(1);
    expect(lines[20]).toBe(`    ${'mailboxId'.padEnd(22)} -`);
  });

  it('tables size columns to their widest cell', () => {
    expect(table(['a', 'bb'], [['xyz', 1], [null, true]])).toBe('a    bb\nxyz  1\n-    true\n');
  });
});
