import type { Pool } from '../db/pool';
import { FencedError, UnavailableError } from '../errors';
import type { OutboxRow } from './outbox';

/**
 * The fence check after Kafka acknowledged a batch, against the HA database (one query per
 * batch): a row is confirmed only if its account is still hosted on `host` at the row's epoch.
 * A promotion bumps the epoch before it writes its fence marker, so every write confirmed here
 * is before the marker in the partition. Returns, per outbox id, undefined (confirmed) or the
 * error its writer gets.
 */
export async function confirmOwnership(haDb: Pool, host: string, rows: OutboxRow[]): Promise<Map<number, Error | undefined>> {
  const out = new Map<number, Error | undefined>();
  let owners: Map<string, { mailHost: string; epoch: number }>;
  try {
    const ids = [...new Set(rows.map((r) => r.accountId))];
    const found: { id: string; mailHost: string; epoch: number }[] = await haDb.query('SELECT id, mailHost, epoch FROM account WHERE id IN (?)', [ids]);
    owners = new Map(found.map((a) => [a.id, { mailHost: a.mailHost, epoch: Number(a.epoch) }]));
  } catch (err) {
    const e = new UnavailableError(`The change is in Kafka but the HA database could not confirm that ${host} still owns the account (${(err as Error).message}); write not acknowledged.`, err);
    for (const r of rows) out.set(r.id, e);
    return out;
  }
  for (const r of rows) {
    const owner = owners.get(r.accountId);
    if (!owner) out.set(r.id, new FencedError(`Account ${r.accountId} no longer exists in the HA database; write not acknowledged.`));
    else if (owner.mailHost !== host) out.set(r.id, new FencedError(`Account ${r.accountId} moved to ${owner.mailHost}; write not acknowledged (change ${r.seq} stays only on ${host}, whose mailbox is now stale).`));
    else if (owner.epoch !== r.epoch) out.set(r.id, new FencedError(`Account ${r.accountId} was fenced at epoch ${owner.epoch} (this write had epoch ${r.epoch}): a promotion is moving it away; write not acknowledged.`));
    else out.set(r.id, undefined);
  }
  return out;
}
