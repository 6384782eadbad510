import type { Pool } from '../db/pool';

/**
 * Copies the worst lag among each account's replicas into account_status (maxLagEvents,
 * maxLagSeconds), where an index lets getAccountStatus sort 100,000 accounts by lag. Called by
 * whichever reporter just changed a replica's lag.
 */
export async function refreshMaxLag(haDb: Pool, accountIds: string[]) {
  for (let i = 0; i < accountIds.length; i += 2000) {
    await haDb.query(
      `UPDATE account_status s JOIN (
         SELECT accountId, MAX(lagEvents) AS e, MAX(lagSeconds) AS x FROM replica_status WHERE accountId IN (?) GROUP BY accountId
       ) m ON m.accountId = s.accountId
       SET s.maxLagEvents = m.e, s.maxLagSeconds = m.x
       WHERE s.maxLagEvents <> m.e OR s.maxLagSeconds <> m.x`, [accountIds.slice(i, i + 2000)]);
  }
}
