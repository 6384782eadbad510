import { describe, expect, it, vi } from 'vitest';
import type { AccountStatusView } from '../../../schemas/views';
import { memoryIo } from '../../io';
import { AccountStatusOutput } from '../../json-output';

// The CLI's part of streaming: it writes each account as the core yields it, never collecting
// the list first. The core is replaced by a generator that records what was written when.
const events: string[] = [];
vi.mock('../../load-core', () => ({
  loadCore: async () => ({
    async *streamAccountStatus() {
      for (let i = 0; i < 3; i++) {
        events.push(`yield ${i}`);
        yield account(i);
      }
    },
  }),
}));

function account(i: number): AccountStatusView {
  return { accountId: `id-${i}`, accountName: `a${i}@x.test`, accountMailHost: 'h1.x.test', paused: false, mailboxId: i, sequence: i, itemId: i, updatedAt: null, replicas: [] };
}

const { getAccountStatusCommand } = await import('./get-account-status');

describe('getAccountStatus output', () => {
  it('writes each account before the next one is read, and the JSON is the documented document', async () => {
    events.length = 0;
    const io = memoryIo();
    const out = io.out;
    io.out = async (t) => {
      if (t.includes('accountName')) events.push(`write ${JSON.parse(t.slice(t.indexOf('{'))).accountName}`);
      return out(t);
    };
    const code = await getAccountStatusCommand.run({ io, flags: { json: true, sync: false, help: false }, context: async () => ({}) as never, coreAudits: () => undefined }, {});
    expect(code).toBe(0);
    expect(events).toEqual(['yield 0', 'write a0@x.test', 'yield 1', 'write a1@x.test', 'yield 2', 'write a2@x.test']);
    expect(AccountStatusOutput.parse(JSON.parse(io.stdout()))).toEqual({ accounts: [account(0), account(1), account(2)], count: 3 });
  });

  it('says so on stderr when nothing matches, with exit code 0', async () => {
    const io = memoryIo();
    vi.doMock('../../load-core', () => ({ loadCore: async () => ({ async *streamAccountStatus() {} }) }));
    vi.resetModules();
    const { getAccountStatusCommand: fresh } = await import('./get-account-status');
    expect(await fresh.run({ io, flags: { json: false, sync: false, help: false }, context: async () => ({}) as never, coreAudits: () => undefined }, {})).toBe(0);
    expect(io.stdout()).toBe('');
    expect(io.stderr()).toBe('No replicated account matches.\n');
  });
});
