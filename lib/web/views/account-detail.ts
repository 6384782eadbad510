import type { HaContext } from '../../ha/context';
import { getAccountStatus } from '../../ha/get-account-status';
import { NotFoundError } from '../../errors';
import type { AccountStatusView } from '../../schemas/views';
import { accountActivity, type AccountActivityItem } from './account-activity';
import { accountVisible } from './scope';

export interface AccountDetailView {
  account: { id: string; name: string; mailHost: string; epoch: number; kind: string; domain: string };
  status: AccountStatusView | null;
  activity: AccountActivityItem[];
  readAt: string;
}

/** The account page: the directory row, its status (source and every replica) and its recent operations. */
export async function getAccountDetail(ctx: HaContext, name: string): Promise<AccountDetailView> {
  const row = await ctx.prisma.account.findUnique({ where: { name: name.trim() }, include: { domain: true } });
  // A domain administrator is told the same for an account outside its domains as for a missing one.
  if (!row || !accountVisible(ctx.actor, row.name)) throw new NotFoundError(`No account named ${name.slice(0, 320)}.`);
  const readAt = new Date().toISOString();
  const [page, activity] = await Promise.all([
    getAccountStatus(ctx, { accounts: [row.name], pageSize: 1 }),
    accountActivity(ctx, row.id),
  ]);
  return {
    account: { id: row.id, name: row.name, mailHost: row.mailHost, epoch: row.epoch, kind: row.kind, domain: row.domain.name },
    status: page.accounts[0] ?? null,
    activity,
    readAt,
  };
}

/** The account's id, for the lag history; same visibility rule as the account page. */
export async function visibleAccountId(ctx: HaContext, name: string): Promise<string> {
  const row = await ctx.prisma.account.findUnique({ where: { name: name.trim() }, select: { id: true, name: true } });
  if (!row || !accountVisible(ctx.actor, row.name)) throw new NotFoundError(`No account named ${name.slice(0, 320)}.`);
  return row.id;
}
