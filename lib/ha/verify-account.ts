import { audited } from '../audit/record-audit';
import { ForbiddenError, NotFoundError } from '../errors';
import type { MailboxDigest } from '../replication/digest';
import { VerifyInput } from '../schemas/commands';
import type { VerifyReplicaResult, VerifyResult } from '../schemas/views';
import type { HaContext } from './context';
import { readableDomains } from './operations/access';
import { parseCommandInput } from './operations/input';
import { resolveAccounts } from './resolve-accounts';
import { refusal } from './operations/replicated-accounts';

const MAX_DIFFERENCES = 20;

type Digest = MailboxDigest;

function digestOf(ctx: HaContext, host: string, accountId: string, items = false): Promise<Digest> {
  return ctx.cluster.callNode<Digest>(host, `/api/replication/digest/${accountId}${items ? '?items=1' : ''}`, { timeoutMs: 30_000 });
}

/**
 * Reads the source's and the replica's digests at the same sequence: the replica may be behind
 * (wait for it) or the source may have moved on (read it again), until `deadline`.
 */
async function atSameSequence(ctx: HaContext, source: string, destination: string, accountId: string, deadline: number, items = false) {
  let src = await digestOf(ctx, source, accountId, items);
  for (;;) {
    const rep = await digestOf(ctx, destination, accountId, items);
    if (rep.sequence === src.sequence) return { src, rep };
    if (Date.now() > deadline) return { src, rep, behind: true as const };
    if (rep.sequence > src.sequence) src = await digestOf(ctx, source, accountId, items);
    else await new Promise((r) => setTimeout(r, 200));
  }
}

function describeRow(row: Record<string, unknown> | undefined, other: Record<string, unknown> | undefined): string | null {
  if (!row) return null;
  const keys = Object.keys(row).filter((k) => !other || JSON.stringify(row[k]) !== JSON.stringify(other[k]));
  return keys.map((k) => `${k}=${JSON.stringify(row[k])?.slice(0, 80)}`).join(', ') || 'identical row';
}

async function differences(ctx: HaContext, source: string, destination: string, accountId: string, deadline: number): Promise<VerifyReplicaResult['differences']> {
  const { src, rep } = await atSameSequence(ctx, source, destination, accountId, deadline, true);
  const a = new Map(src.itemHashes ?? []);
  const b = new Map(rep.itemHashes ?? []);
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y).filter((id) => a.get(id) !== b.get(id)).slice(0, MAX_DIFFERENCES);
  if (ids.length === 0) return [];
  const [rowsA, rowsB] = await Promise.all([source, destination].map((h) =>
    ctx.cluster.callNode<{ items: Record<number, Record<string, unknown>> }>(h, '/api/replication/items', { body: { accountId, ids } })));
  return ids.map((id) => ({ itemId: id, source: describeRow(rowsA.items[id], rowsB.items[id]), replica: describeRow(rowsB.items[id], rowsA.items[id]) }));
}

async function verifyReplica(ctx: HaContext, source: string, destination: string, accountId: string, timeoutMs: number): Promise<VerifyReplicaResult> {
  const deadline = Date.now() + timeoutMs;
  const base = { destination, equal: false, sequence: null, sourceDigest: null, replicaDigest: null, differences: [] };
  try {
    const r = await atSameSequence(ctx, source, destination, accountId, deadline);
    if ('behind' in r) {
      return { ...base, sourceDigest: r.src.digest, replicaDigest: r.rep.digest,
        message: `the replica did not reach the source's sequence ${r.src.sequence} within ${Math.round(timeoutMs / 1000)} s (it is at ${r.rep.sequence})` };
    }
    if (r.src.digest === r.rep.digest) return { ...base, equal: true, sequence: r.src.sequence, sourceDigest: r.src.digest, replicaDigest: r.rep.digest, message: null };
    const diffs = await differences(ctx, source, destination, accountId, Date.now() + timeoutMs);
    const notes: string[] = [];
    if (JSON.stringify(r.src.checkpoints) !== JSON.stringify(r.rep.checkpoints)) notes.push(`mailbox checkpoints differ: source ${JSON.stringify(r.src.checkpoints)}, replica ${JSON.stringify(r.rep.checkpoints)}`);
    if (r.src.tombstones !== r.rep.tombstones) notes.push(`tombstones: source ${r.src.tombstones}, replica ${r.rep.tombstones}`);
    if (r.src.items !== r.rep.items) notes.push(`items: source ${r.src.items}, replica ${r.rep.items}`);
    return { ...base, sequence: r.src.sequence, sourceDigest: r.src.digest, replicaDigest: r.rep.digest, differences: diffs,
      message: `differs at sequence ${r.src.sequence}${notes.length ? `: ${notes.join('; ')}` : ''}` };
  } catch (err) {
    return { ...base, message: (err as Error).message };
  }
}

/**
 * Compares a digest of the account's metadata (mailbox checkpoints, every mail_item row but its
 * mailbox id, tombstones) on the source and on each replica at the same sequence; reports equal,
 * or the first items that differ and how.
 */
export async function verifyAccount(ctx: HaContext, input: VerifyInput & { timeoutMs?: number }): Promise<VerifyResult> {
  return audited(ctx, 'verify', input, async () => {
    const q = parseCommandInput('verify', VerifyInput, input);
    const { found, problems } = await resolveAccounts(ctx.db, [q.account.trim()]);
    if (problems.length) throw refusal('verify', problems);
    const account = found[0];
    const domains = readableDomains(ctx.actor);
    if (domains && !domains.includes(account.domain.toLowerCase())) throw new ForbiddenError(`You may only verify accounts of your domains (${domains.join(', ')}).`);
    const replicas: { destination: string }[] = await ctx.db.query(
      `SELECT destination FROM replica WHERE accountId = ? AND state <> 'removing'${q.destination ? ' AND destination = ?' : ''} ORDER BY priority, destination`,
      [account.id, ...(q.destination ? [q.destination] : [])]);
    if (replicas.length === 0) throw new NotFoundError(`${account.name} has no replica${q.destination ? ` on ${q.destination}` : ''} to verify`);
    const results = await Promise.all(replicas.map((r) => verifyReplica(ctx, account.mailHost, r.destination, account.id, input.timeoutMs ?? 20_000)));
    return { accountId: account.id, accountName: account.name, source: account.mailHost, replicas: results };
  }, (r) => r.replicas.map((x) => `${x.destination}: ${x.equal ? 'equal' : 'differs'}`).join(', '));
}
