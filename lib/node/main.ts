import path from 'node:path';
import { z } from 'zod';
import { dataDir } from '../config/paths';
import { dbPrefix, haDbUrl, mailstoreDbUrl } from '../config/targets';
import { toHaError } from '../errors';
import { createLogger } from '../log/logger';
import { defaultComponents } from './default-components';
import { MailstoreNode } from './node';

const ArgsSchema = z.object({
  host: z.string().min(1, '--host is required (the mailstore FQDN, e.g. mbox1.example.com)'),
  port: z.coerce.number().int().min(0).max(65535).default(0),
  blobDir: z.string().optional(),
  centralized: z.enum(['true', 'false']).default('true'),
  module: z.enum(['on', 'off']).default('on'),
});

function parseArgs(argv: string[]) {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument "${argv[i]}"`);
    out[m[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = argv[++i] ?? '';
  }
  return ArgsSchema.parse(out);
}

/** Entry of one mailstore node process: `tsx bin/mailstore-node.ts --host mbox1.example.com --port 7101`. */
export async function main(argv: string[]) {
  const log = createLogger(`node:${argv[argv.indexOf('--host') + 1] ?? '?'}`);
  try {
    const a = parseArgs(argv);
    const node = new MailstoreNode({
      host: a.host,
      namespace: dbPrefix().replace(/_+$/, ''),
      port: a.port,
      haDbUrl: haDbUrl(),
      mailstoreDbUrl: mailstoreDbUrl(a.host),
      volumes: [{ name: 'primary', kind: 'primary', path: a.blobDir ?? process.env.CARBONIO_BLOB_DIR ?? path.join(dataDir(), 'blobs'), centralized: a.centralized === 'true' }],
      publishTimeoutMs: Number(process.env.CARBONIO_PUBLISH_TIMEOUT_MS ?? 5000),
      agentIdlePauseMs: Number(process.env.CARBONIO_AGENT_IDLE_PAUSE_MS ?? 10_000),
      moduleEnabled: a.module === 'on',
    }, log, defaultComponents);
    await node.start();
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      await node.stop();
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
    // Started by a test or the demo stack: stop when that parent goes away, however it died
    // (its end of our stdin closes), so no orphan node keeps consuming in a shared Kafka.
    if (process.env.CARBONIO_EXIT_WITH_PARENT === '1') {
      process.stdin.on('end', () => void shutdown('parent process gone'));
      process.stdin.on('error', () => void shutdown('parent process gone'));
      process.stdin.resume();
    }
    // Tell a parent process (the stack) where the API listens.
    if (process.send) process.send({ ready: true, apiUrl: node.apiUrl });
    console.log(JSON.stringify({ ready: true, host: a.host, apiUrl: node.apiUrl }));
  } catch (err) {
    const e = toHaError(err);
    log.fatal({ err }, e.message);
    console.error(`mailstore node failed to start: ${e.message}`);
    process.exit(1);
  }
}
