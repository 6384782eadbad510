import type { Conn } from '../db/pool';
import { LicenseExceededError } from '../errors';
import type { LicenseInfoView } from '../schemas/views';
import type { HaContext } from './context';

export const HA_MODULE = 'ZxHA';

/** Accounts with at least one replica that is not being removed: what the licence counts. */
export async function countEnabledAccounts(q: Pick<Conn, 'query'>): Promise<number> {
  const [r] = await q.query("SELECT COUNT(DISTINCT accountId) AS n FROM replica WHERE state <> 'removing'");
  return Number(r.n);
}

/** The product's `carbonio core getLicenseInfo` blocks: ZxHA and ha_basic, plus accounts enabled now. */
export async function getLicenseInfo(ctx: HaContext): Promise<LicenseInfoView> {
  const row = await ctx.prisma.license.findUnique({ where: { module: HA_MODULE } });
  const valid = Boolean(row && row.licensed && (!row.validUntil || row.validUntil > new Date()));
  const quantity = row?.quantity ?? 0;
  return {
    ZxHA: { quantity, licensed: valid },
    ha_basic: { name: 'ha_basic', quantity, enabled: valid },
    enabledAccounts: await countEnabledAccounts(ctx.db),
  };
}

/**
 * Refuses to enable `newAccounts` more accounts beyond the licensed quantity. Runs inside the
 * caller's transaction with the licence row locked, so two requests cannot both take the last seats.
 */
export async function assertLicenseCapacity(conn: Conn, newAccounts: number) {
  if (newAccounts === 0) return;
  const [row] = await conn.query('SELECT quantity, licensed, validUntil FROM license WHERE module = ? FOR UPDATE', [HA_MODULE]);
  if (!row || !Number(row.licensed) || (row.validUntil && new Date(row.validUntil) <= new Date())) {
    throw new LicenseExceededError(`No valid ${HA_MODULE} licence is installed: HA replicas cannot be enabled (check with carbonio core getLicenseInfo).`);
  }
  const enabled = await countEnabledAccounts(conn);
  const quantity = Number(row.quantity);
  if (enabled + newAccounts > quantity) {
    throw new LicenseExceededError(
      `The ${HA_MODULE} licence covers ${quantity} accounts; ${enabled} are enabled and this request would enable ${newAccounts} more (${enabled + newAccounts}). ` +
      `Remove replicas of other accounts or extend the licence.`);
  }
}
