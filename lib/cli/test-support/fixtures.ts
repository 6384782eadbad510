import { randomUUID } from 'node:crypto';
import type { HaPrisma } from '../../db/prisma';

/** Accounts (and distribution lists) created directly in a test env's HA database. */
export async function createAccounts(prisma: HaPrisma, accounts: { name: string; mailHost: string; kind?: 'account' | 'distribution_list' }[]) {
  const ids: Record<string, string> = {};
  for (const a of accounts) {
    const domainName = a.name.split('@')[1];
    const domain = await prisma.domain.upsert({ where: { name: domainName }, create: { name: domainName }, update: {} });
    const id = randomUUID();
    await prisma.account.create({ data: { id, name: a.name, domainId: domain.id, mailHost: a.mailHost, kind: a.kind ?? 'account' } });
    await prisma.topologyChange.create({ data: { accountId: id } });
    ids[a.name] = id;
  }
  return ids;
}

export async function setLicense(prisma: HaPrisma, quantity: number) {
  for (const name of ['ZxHA', 'ha_basic']) {
    await prisma.license.upsert({ where: { module: name }, create: { module: name, quantity, licensed: true }, update: { quantity, licensed: true } });
  }
}

/** What a refused command must leave untouched: replicas, operations and their items, accounts, topology. */
export async function stateSnapshot(prisma: HaPrisma) {
  return {
    replicas: await prisma.replica.findMany({ orderBy: { id: 'asc' } }),
    operations: await prisma.operation.count(),
    operationItems: await prisma.operationItem.count(),
    accounts: await prisma.account.findMany({ orderBy: { id: 'asc' } }),
    topologyChanges: await prisma.topologyChange.count(),
    brokers: await prisma.globalConfig.findUnique({ where: { key: 'brokers' } }),
  };
}
