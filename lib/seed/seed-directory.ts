import { randomUUID } from 'node:crypto';
import type { Pool } from '../db/pool';
import { recordTopologyChangeSql } from '../ha/topology-change';
import { generatedLocalPart } from './names';
import { DISTRIBUTION_LIST, GENERATED_DOMAIN, LICENSED_ACCOUNTS, REFERENCE_ACCOUNTS, REFERENCE_HOST } from './topology';

export interface DirectorySeedOptions {
  mailstores: string[];
  generatedAccounts: number;
  brokers: string[];
  licensedAccounts?: number;
}

export interface DirectorySeedResult {
  createdAccounts: number;
  totalAccounts: number;
}

/**
 * Domains, accounts (reference ones on mbox1, a generated domain spread over every mailstore),
 * the distribution list, the licence and the broker list. Idempotent: existing rows are kept.
 */
export async function seedDirectory(db: Pool, o: DirectorySeedOptions): Promise<DirectorySeedResult> {
  const conn = await db.getConnection();
  try {
    await conn.beginTransaction();
    const domains = ['example.com', 'customer.tld', GENERATED_DOMAIN];
    await conn.batch('INSERT IGNORE INTO domain (name) VALUES (?)', domains.map((d) => [d]));
    const domainRows: { id: number; name: string }[] = await conn.query('SELECT id, name FROM domain WHERE name IN (?)', [domains]);
    const domainId = new Map(domainRows.map((d) => [d.name, d.id]));
    const wanted: { name: string; host: string; kind: 'account' | 'distribution_list' }[] = [
      ...REFERENCE_ACCOUNTS.map((name) => ({ name, host: REFERENCE_HOST, kind: 'account' as const })),
      { name: DISTRIBUTION_LIST, host: REFERENCE_HOST, kind: 'distribution_list' as const },
      ...['carol.white@example.com', 'dave.green@example.com'].map((name) => ({ name, host: o.mailstores[1] ?? REFERENCE_HOST, kind: 'account' as const })),
      ...Array.from({ length: o.generatedAccounts }, (_, n) => ({
        name: `${generatedLocalPart(n)}@${GENERATED_DOMAIN}`,
        host: o.mailstores[n % o.mailstores.length],
        kind: 'account' as const,
      })),
    ];
    const existing = new Set<string>();
    for (let i = 0; i < wanted.length; i += 5000) {
      const rows: { name: string }[] = await conn.query('SELECT name FROM account WHERE name IN (?)', [wanted.slice(i, i + 5000).map((w) => w.name)]);
      rows.forEach((r) => existing.add(r.name));
    }
    const fresh = wanted.filter((w) => !existing.has(w.name)).map((w) => ({ ...w, id: randomUUID() }));
    if (fresh.length) {
      await conn.batch('INSERT INTO account (id, name, domainId, mailHost, kind) VALUES (?, ?, ?, ?, ?)',
        fresh.map((w) => [w.id, w.name, domainId.get(w.name.split('@')[1])!, w.host, w.kind]));
      await recordTopologyChangeSql(conn, fresh.map((w) => w.id));
    }
    const quantity = o.licensedAccounts ?? LICENSED_ACCOUNTS;
    await conn.batch('INSERT IGNORE INTO license (module, quantity, licensed) VALUES (?, ?, 1)', [['ZxHA', quantity], ['ha_basic', quantity]]);
    // The stack seeding here starts its own Kafka: the broker list is that Kafka, even if an
    // earlier run (on other ports) left another one.
    await conn.query("INSERT INTO global_config (`key`, value) VALUES ('brokers', ?) ON DUPLICATE KEY UPDATE value = VALUES(value)", [o.brokers.join(',')]);
    await conn.commit();
    const [{ n }] = await conn.query('SELECT COUNT(*) AS n FROM account');
    return { createdAccounts: fresh.length, totalAccounts: Number(n) };
  } catch (err) {
    await conn.rollback().catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
}
