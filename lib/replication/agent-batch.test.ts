import { describe, expect, it } from 'vitest';
import type { Pool } from '../db/pool';
import { agentGroupId, type IncomingBatch, type IncomingRecord } from '../kafka';
import { createLogger } from '../log/logger';
import type { ReplicaInfo, Topology } from '../node/topology';
import { AgentBatchHandler } from './agent-batch';
import { encodeEvent } from './codec';
import type { Envelope } from './envelope';

// Which records of a batch the agent looks at: only those of replicas held here, chosen by the
// account header before any decoding, so foreign accounts cost nothing and cannot poison it.
const HERE = '11111111-1111-4111-8111-111111111111';
const PAUSED = '22222222-2222-4222-8222-222222222222';
const REMOVING = '33333333-3333-4333-8333-333333333333';
const FOREIGN = '44444444-4444-4444-8444-444444444444';

const replicas = new Map<string, ReplicaInfo['state']>([[HERE, 'active'], [PAUSED, 'paused'], [REMOVING, 'removing']]);
// select() reads nothing but replicaHere from the topology.
const topology = {
  replicaHere: (id: string): ReplicaInfo | undefined => {
    const state = replicas.get(id);
    return state ? { id: 1, accountId: id, destination: 'dst.example.com', priority: 10, state, snapshotState: 'done' } : undefined;
  },
} as unknown as Topology;
const noDb = {} as Pool;
const handler = new AgentBatchHandler(noDb, noDb, 'dst.example.com', topology, () => undefined, createLogger('test', 'silent'));

function event(accountId: string, seq: number): Envelope {
  return {
    v: 1, accountId, mailboxId: 1, epoch: 1, seq, txId: `tx-${seq}`, op: 'CreateFolder', ts: 1_700_000_000_000,
    payload: {
      mailbox: { item_id_checkpoint: 300, change_checkpoint: seq, size_checkpoint: 0, contact_count: 0 },
      upserts: [{ id: 300, type: 1, parent_id: 1, folder_id: 1, date: 1_700_000_000, size: 0, locator: null, blob_digest: null, unread: 0, flags: 0, tags: '',
        sender: null, recipients: null, subject: null, name: `f${seq}`, metadata: null, mod_metadata: seq, change_date: 1_700_000_000, mod_content: seq, uuid: null }],
      deletes: [], tombstones: [],
    },
  } as Envelope;
}

function record(offset: number, value: string, account: string | null): IncomingRecord {
  return { offset, account, value: Buffer.from(value), timestamp: 0 };
}

const batch = (records: IncomingRecord[]): IncomingBatch[] => [{ topic: 'carbonio.ha.events', partition: 3, records, highWatermark: 100 }];

describe('AgentBatchHandler.select', () => {
  it('keeps the records of replicas held here and skips foreign and removing accounts, even undecodable ones', () => {
    const good = encodeEvent(event(HERE, 7));
    const selected = handler.select(batch([
      record(10, 'this is not JSON at all', FOREIGN),
      record(11, String(good.value), HERE),
      record(12, '{"broken"', REMOVING),
      record(13, String(encodeEvent(event(PAUSED, 4)).value), PAUSED),
    ]));
    expect(selected.map((e) => [e.accountId, e.offset, e.partition])).toEqual([[HERE, 11, 3], [PAUSED, 13, 3]]);
    expect(selected[0].envelope).toMatchObject({ accountId: HERE, seq: 7, op: 'CreateFolder' });
    expect(selected[0].poison).toBeUndefined();
  });

  it('marks an undecodable record of a replica held here as poison with the reason', () => {
    const [ev] = handler.select(batch([record(20, '{"v":1, nope', HERE)]));
    expect(ev.envelope).toBeUndefined();
    expect(ev.poison).toMatch(/not JSON/);
  });

  it('marks as poison an envelope whose account differs from the record\'s header', () => {
    const [ev] = handler.select(batch([record(21, String(encodeEvent(event(FOREIGN, 1)).value), HERE)]));
    expect(ev.poison).toBe(`the envelope's accountId ${FOREIGN} differs from the record's account ${HERE}`);
  });

  it('skips a record without an account (neither header nor key)', () => {
    const selected = handler.select(batch([record(30, String(encodeEvent(event(HERE, 8)).value), HERE), record(32, 'garbage', null)]));
    expect(selected.map((e) => e.offset)).toEqual([30]);
  });
});

describe('agentGroupId', () => {
  it('is carbonio-ha-agent.<host>, with the namespace only when one is set', () => {
    expect(agentGroupId('mbox2.example.com')).toBe('carbonio-ha-agent.mbox2.example.com');
    expect(agentGroupId('mbox2.example.com', 'test_ns')).toBe('carbonio-ha-agent.test_ns.mbox2.example.com');
  });
});
