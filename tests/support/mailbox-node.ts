import { createPool, type Pool } from '../../lib/db/pool';
import { MailboxClient } from '../../lib/mailstore/api-client';
import { mailboxComponents } from '../../lib/mailstore/component';
import { TopicReader } from '../../lib/mailstore/testing/topic';
import type { NodeConfigInput } from '../../lib/node/config';
import type { MailstoreNode } from '../../lib/node/node';
import { createTestEnv, type TestEnv } from './test-env';

/** One in-process mailstore node serving the mailbox API, with what its tests talk to. */
export interface MailboxNodeFixture {
  env: TestEnv;
  node: MailstoreNode;
  api: MailboxClient;
  /** The node's mailstore database. */
  db: Pool;
  /** Reads what the node's relay put on the events topic. */
  reader: TopicReader;
  /** Closes the reader and the pool, stops the node and drops the test's databases. */
  stop(): Promise<void>;
}

/** Starts a test environment named `name` and, in it, the mailstore node `host` (for a test file's beforeAll). */
export async function startMailboxNode(name: string, host: string, config?: Partial<NodeConfigInput>): Promise<MailboxNodeFixture> {
  const env = await createTestEnv(name);
  try {
    const node = await env.startNode(host, { factories: [mailboxComponents], config });
    const db = createPool(env.mailstoreDbUrl(host), { connectionLimit: 2 });
    const reader = new TopicReader(env.brokers);
    return {
      env, node, db, reader, api: new MailboxClient(node.apiUrl),
      async stop() {
        await reader.close();
        await db.end();
        await env.cleanup();
      },
    };
  } catch (err) {
    await env.cleanup();
    throw err;
  }
}
