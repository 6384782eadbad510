import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureAdminUser } from '../auth/admin-users';
import { createHaPrisma } from '../db/prisma';
import type { RunningStack } from '../stack/stack';
import { ADMIN_EMAIL } from './topology';

export interface DemoSeedResult {
  admin: { email: string; password: string; generated: boolean };
  stopTraffic(): Promise<void>;
}

/** The admin password: CARBONIO_ADMIN_PASSWORD, else one generated once and kept in the data folder. */
function adminPassword(dataDir: string): { password: string; generated: boolean } {
  if (process.env.CARBONIO_ADMIN_PASSWORD) return { password: process.env.CARBONIO_ADMIN_PASSWORD, generated: false };
  const file = path.join(dataDir, 'admin-password');
  if (!existsSync(file)) writeFileSync(file, randomBytes(12).toString('base64url'), { mode: 0o600 });
  return { password: readFileSync(file, 'utf8').trim(), generated: true };
}

/** Seeds what the demo shows on top of the directory: the administrator. Idempotent. */
export async function seedDemo(stack: RunningStack, o: { log: (l: string) => void }): Promise<DemoSeedResult> {
  const prisma = createHaPrisma(stack.haDbUrl, 2);
  try {
    const { password, generated } = adminPassword(stack.env.CARBONIO_DATA_DIR!);
    await ensureAdminUser(prisma, { email: ADMIN_EMAIL, password });
    o.log(`Administrator ${ADMIN_EMAIL} ready`);
    return { admin: { email: ADMIN_EMAIL, password, generated }, stopTraffic: async () => undefined };
  } finally {
    await prisma.$disconnect();
  }
}
