import { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors';
import type { NodeComponent } from '../node/component';
import type { NodeContext } from '../node/node';
import { computeDigest, readItemsForDiff } from './digest';

const AccountParam = z.object({ accountId: z.uuid() });
const ItemsBody = z.object({ accountId: z.uuid(), ids: z.array(z.number().int().positive()).min(1).max(200) });

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

/**
 * The node's verify endpoints (used by lib/ha/verify-account.ts): the digest of an account's
 * metadata as held here, primary or replica, read in one consistent snapshot with its sequence;
 * and the rows of some items, to show how they differ.
 *   GET  /api/replication/digest/:accountId[?items=1]
 *   POST /api/replication/items {accountId, ids}
 */
export class DigestRoutes implements NodeComponent {
  readonly name = 'digest-routes';

  constructor(ctx: NodeContext) {
    ctx.router.add('GET', '/api/replication/digest/:accountId', async (req) => {
      const { accountId } = parse(AccountParam, req.params);
      const d = await computeDigest(ctx.db, accountId, { itemHashes: req.query.get('items') === '1' });
      if (!d) throw new NotFoundError(`Mailstore ${ctx.config.host} holds no mailbox of account ${accountId}`);
      return d;
    });
    ctx.router.add('POST', '/api/replication/items', async (req) => {
      const body = parse(ItemsBody, req.body);
      return { items: await readItemsForDiff(ctx.db, body.accountId, body.ids) };
    });
  }

  async start() {}
  async stop() {}
}
