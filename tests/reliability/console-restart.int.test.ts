import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureAdminUser } from '../../lib/auth/admin-users';
import { waitFor } from '../../lib/mailstore/testing/seed';
import type { NotificationView, OperationDetail, OperationRef } from '../../lib/schemas/views';
import { ConsoleApi, ConsoleProcess } from './support/console-process';
import { closeFaultWorlds, createFaultWorld, exited, expectNothingLost, startTraffic, type FaultWorld } from './support/fault-world';

// Issue 8, fault 4: the console is SIGKILLed while an operation it started runs. Operations are
// executed by the mailstore nodes' operation workers (lib/ha/operations/worker.ts, started in
// lib/replication/agent-components.ts), never by the console, which only records them in the HA
// database. To be sure the operation is still running when the console dies, its destination is
// down when it starts; the destination comes back while the console is dead. The operation
// completes, and the restarted console (same session cookie) lists it succeeded and its notification.
const ADMIN = { email: 'fault-admin@example.com', password: 'fault-admin-password' };
const CONSOLE_PORT = Number(process.env.CARBONIO_FAULT_CONSOLE_PORT ?? 3291);
let w: FaultWorld;
let consoleProc: ConsoleProcess;
const api = new ConsoleApi(() => consoleProc.url);

beforeAll(async () => {
  ConsoleProcess.build((l) => console.log(`[console-restart] ${l}`));
  w = await createFaultWorld({ name: 'flt_cons', kafka: { basePort: 29992 }, accounts: 6, replicate: false });
  await ensureAdminUser(w.env.prisma, ADMIN);
  consoleProc = new ConsoleProcess(CONSOLE_PORT, w.env.childEnv(), path.join(os.tmpdir(), 'flt-console.log'));
  await consoleProc.start();
  await api.login(ADMIN.email, ADMIN.password);
}, 600_000);

afterAll(async () => {
  consoleProc?.kill();
  await closeFaultWorlds();
});

it('the console SIGKILLed while an operation runs: the nodes complete it, the restarted console shows it succeeded and its notification', async () => {
  const t0 = Date.now();
  const traffic = startTraffic(w, { rate: 20 });
  try {
    w.dst.child.kill('SIGKILL');
    await exited(w.dst.child);

    const started = await api.json<OperationRef>('POST', '/api/replicas/destination', { destination: w.destination, priority: 10, accounts: w.accounts.map((a) => a.name) });
    expect(started.status).toBe(200);
    const id = started.body.operationId;
    const running = await waitFor('the operation to be picked up', async () => {
      const op = (await api.json<OperationDetail>('GET', `/api/operations/${id}`)).body;
      return op.state === 'running' ? op : undefined;
    }, 60_000, 250);
    expect(running.done).toBe(0);

    const consolePid = consoleProc.pid!;
    consoleProc.kill();
    await waitFor('the console process to be gone', () => { try { process.kill(consolePid, 0); return false; } catch { return true; } }, 10_000, 100);
    await expect(fetch(`${consoleProc.url}/api/health`)).rejects.toThrow();

    w.dst = await w.respawnDestination();
    await consoleProc.start();
    const done = await waitFor('the operation to end', async () => {
      const op = (await api.json<OperationDetail>('GET', `/api/operations/${id}`)).body;
      return ['succeeded', 'partial', 'failed'].includes(op.state) ? op : undefined;
    }, 150_000, 500);
    expect(done.state, JSON.stringify(done.items.filter((i) => i.state !== 'succeeded').slice(0, 3))).toBe('succeeded');
    expect(done.done).toBe(w.accounts.length);

    const notes = await api.json<{ notifications: NotificationView[] }>('GET', '/api/notifications');
    expect(notes.status).toBe(200);
    expect(notes.body.notifications.filter((n) => n.operationId === id).map((n) => n.kind)).toEqual(['replica-initialised']);
    await traffic.moreReplicated(30);
  } finally {
    const counts = await traffic.stop();
    console.log(`[console-restart] traffic: ${counts.acked} acknowledged, ${counts.failed} refused (${JSON.stringify(counts.errors)})`);
  }
  const r = await expectNothingLost(w, traffic.ackedLog);
  console.log(`[console-restart] ${r.acknowledged} acknowledged operations, ${r.liveItems} live items all on the replica; verify equal; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 300_000);
