import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHaContext, type HaContextHandle } from '../../lib/ha/context';
import { setAccountDestination, verifyAccount, waitForOperation } from '../../lib/ha';
import { probeBrokers } from '../../lib/ha/test-brokers';
import { sleep } from '../../lib/util/sleep';
import { checkBrokers, createKafka, EventConsumer, EventProducer, KafkaAdmin, securityFromEnv, type IncomingBatch, type IncomingRecord } from '../../lib/kafka';
import { ValidationError } from '../../lib/errors';
import { defaultComponents } from '../../lib/node/default-components';
import { MailstoreNode } from '../../lib/node/node';
import { createAccounts, waitFor } from '../../lib/replication/agent-test-env';
import { runTraffic } from '../../lib/traffic/run-traffic';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { capturedLogger } from './support/log-capture';
import { startDedicatedKafka, type DedicatedKafka } from './support/dedicated-kafka';

// SASL/SCRAM and TLS against real brokers of this file's own: one with SCRAM on a plaintext
// listener (ports 29292-29293), one with SCRAM over TLS signed by a private CA (29392-29393).
// The product's own clients (lib/kafka) are configured exactly as the nodes and the CLI are,
// from the CARBONIO_KAFKA_* environment, and a whole replication round trip runs over TLS.

const USER = 'carbonio-ha';
const SECRET = `Scram-${randomBytes(9).toString('hex')}`;
const WRONG = `Wrong-${randomBytes(9).toString('hex')}`;
const scramEnv = (password = SECRET) => ({ CARBONIO_KAFKA_SASL_MECHANISM: 'scram-sha-256', CARBONIO_KAFKA_SASL_USERNAME: USER, CARBONIO_KAFKA_SASL_PASSWORD: password });

let scram: DedicatedKafka;
let tls: DedicatedKafka;
const tmp = path.join(os.tmpdir(), `carbonio-kafka-sec-${process.pid}`);

beforeAll(async () => {
  // One after the other: two JVMs starting at once on a 2-core machine only slow both down.
  scram = await startDedicatedKafka('sec-scram', { basePort: 29292, scram: { username: USER, password: SECRET } });
  tls = await startDedicatedKafka('sec-tls', { basePort: 29392, scram: { username: USER, password: SECRET }, tls: true });
}, 400_000);
afterAll(async () => {
  await scram?.destroy();
  await tls?.destroy();
  rmSync(tmp, { recursive: true, force: true });
}, 60_000);

/** Topic, idempotent producer and consumer group of lib/kafka: what the relay and the agent use. */
async function roundTrip(brokers: string[], env: Record<string, string | undefined>, topic: string) {
  const cap = capturedLogger('kafka-sec');
  const kafka = createKafka({ brokers, clientId: 'security-test', ...securityFromEnv(env) }, cap.log);
  const admin = new KafkaAdmin(kafka, 10_000);
  const producer = new EventProducer(kafka, () => 3, 10_000);
  let consumer: EventConsumer | undefined;
  const crashes: string[] = [];
  let failedStarts = 0;
  try {
    await admin.ensureTopics([{ topic, numPartitions: 3, replicationFactor: 1 }]);
    const sent = Array.from({ length: 20 }, (_, i) => ({ key: `acct-${i % 4}`, value: `event ${i}` }));
    const acks = await producer.send(topic, sent);
    expect(acks).toHaveLength(20);
    const got = new Map<string, IncomingRecord>();
    const handle = async (batches: IncomingBatch[]) => {
      for (const b of batches) for (const r of b.records) got.set(`${b.partition}/${r.offset}`, r);
    };
    // As the agent does, a crashed consumer is replaced by a new member of the same group (kafkajs
    // does not restart it), and so is one whose start failed (a crash while joining rejects
    // start()); the crashes are kept for the failure message.
    const startConsumer = async (): Promise<void> => {
      const c = new EventConsumer(kafka, `${topic}-group`);
      consumer = c;
      let started = false;
      c.onCrash((err) => {
        crashes.push(String(err));
        if (started && crashes.length <= 3) void startConsumer().catch((e) => crashes.push(`restart: ${String(e)}`));
      });
      try {
        await c.start(topic, handle);
        started = true;
      } catch (err) {
        // e.g. "The coordinator is loading" on a broker that has just started: retried, as the agent does.
        if (++failedStarts > 10) throw err;
        await sleep(500);
        return startConsumer();
      }
    };
    await startConsumer();
    await waitFor('the consumer group to read every record', async () => got.size >= 20, 60_000)
      .catch((err) => { throw new Error(`${(err as Error).message}; crashes: ${crashes.join('; ') || 'none'}; client log:\n${cap.text().slice(-3000)}`); });
    expect([...got.values()].map((r) => r.value?.toString()).sort()).toEqual(sent.map((s) => s.value).sort());
  } finally {
    await consumer?.stop();
    await producer.disconnect();
    await admin.disconnect();
  }
  return cap.text();
}

/** The error of a client connect with these settings, within a bounded time (no hang). */
async function connectError(brokers: string[], settings: ReturnType<typeof securityFromEnv>) {
  const cap = capturedLogger('kafka-sec-fail');
  const kafka = createKafka({ brokers, clientId: 'security-test', ...settings, requestTimeoutMs: 3000, connectionTimeoutMs: 3000 }, cap.log);
  const producer = new EventProducer(kafka, () => 1, 20_000);
  const admin = new KafkaAdmin(kafka, 20_000);
  // Both waits are bounded (20 s); an explained error rather than "did not answer" proves no hang.
  const producerError = await producer.connect().then(() => undefined, (e: Error) => e);
  const adminError = await admin.describeCluster().then(() => undefined, (e: Error) => e);
  await producer.disconnect();
  await admin.disconnect();
  const [check] = await checkBrokers(brokers, settings, 5000);
  return { producerError, adminError, check, logs: cap.text() };
}

function expectNoSecret(...texts: (string | undefined)[]) {
  for (const t of texts) {
    expect(t ?? '').not.toContain(SECRET);
    expect(t ?? '').not.toContain(WRONG);
  }
}

describe('SASL/SCRAM on a plaintext listener', () => {
  it('the product producer, consumer group and admin work with the right credentials, and log no secret', async () => {
    expectNoSecret(await roundTrip(scram.brokers, scramEnv(), 'scram-check'));
  });

  it('a wrong password fails fast, naming authentication and the variables, without the password', async () => {
    const r = await connectError(scram.brokers, securityFromEnv(scramEnv(WRONG)));
    for (const e of [r.producerError, r.adminError]) {
      expect(e, 'the connect must fail').toBeInstanceOf(Error);
      expect(e!.message).toMatch(/authentication failed: the broker refused the SASL user name or password/);
      expect(e!.message).toContain('CARBONIO_KAFKA_SASL_PASSWORD');
    }
    expect(r.check).toMatchObject({ reachable: false, error: expect.stringMatching(/^authentication failed/) });
    expectNoSecret(r.producerError?.message, r.adminError?.message, r.check.error, r.logs);
  });

  it('no credentials: the broker closes the connection, and the message says SASL or TLS is expected', async () => {
    const r = await connectError(scram.brokers, {});
    expect(r.producerError?.message).toMatch(/closed the connection during the handshake: it probably expects TLS .* or SASL/);
    expect(r.check.error).toMatch(/closed the connection during the handshake/);
  });

  it('`carbonio ha test brokers ... authentication scram-sha-256:user:password` reports the broker, and a wrong password by name', async () => {
    const ok = await probeBrokers({ brokers: scram.brokers.join(','), authentication: `scram-sha-256:${USER}:${SECRET}` }, 5000);
    expect(ok).toMatchObject({ allReachable: true, brokers: [{ broker: scram.brokers[0], reachable: true, clusterSize: 1 }] });
    const bad = await probeBrokers({ brokers: scram.brokers.join(','), authentication: `scram-sha-256:${USER}:${WRONG}` }, 5000);
    expect(bad.allReachable).toBe(false);
    expect(bad.brokers[0].error).toMatch(/^authentication failed/);
    expectNoSecret(JSON.stringify(ok), JSON.stringify(bad));
  });

  it('incomplete SASL settings are refused naming the missing variable (never silently ignored)', () => {
    const err = (() => {
      try {
        securityFromEnv({ CARBONIO_KAFKA_SASL_MECHANISM: 'scram-sha-256', CARBONIO_KAFKA_SASL_PASSWORD: SECRET });
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(err!.problems.map((p) => p.field)).toEqual(['CARBONIO_KAFKA_SASL_USERNAME']);
    expectNoSecret(err!.message);
    expect(() => securityFromEnv({ ...scramEnv(), CARBONIO_KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(/CARBONIO_KAFKA_SASL_MECHANISM must be one of/);
  });
});

describe('SASL/SCRAM over TLS (private CA)', () => {
  const tlsEnv = () => ({ ...scramEnv(), CARBONIO_KAFKA_TLS: 'true', CARBONIO_KAFKA_TLS_CA_FILE: tls.caFile! });

  it('the product clients work with the CA file and the right credentials', async () => {
    const logs = await roundTrip(tls.brokers, tlsEnv(), 'tls-check');
    expectNoSecret(logs);
  });

  it('a CA that did not sign the broker certificate is refused, naming the trust problem and CARBONIO_KAFKA_TLS_CA_FILE', async () => {
    // Another CA: openssl makes one in a blink (keytool's eight JVM runs take a minute on a busy machine).
    mkdirSync(tmp, { recursive: true });
    const otherCa = path.join(tmp, 'other-ca.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(tmp, 'other-ca.key'), '-out', otherCa, '-subj', '/CN=another CA', '-days', '2'], { stdio: 'ignore' });
    const r = await connectError(tls.brokers, securityFromEnv({ ...tlsEnv(), CARBONIO_KAFKA_TLS_CA_FILE: otherCa }));
    for (const e of [r.producerError, r.adminError]) {
      expect(e, 'the connect must fail').toBeInstanceOf(Error);
      expect(e!.message).toMatch(/TLS: the broker's certificate is not trusted \(set CARBONIO_KAFKA_TLS_CA_FILE/);
    }
    expect(r.check.error).toMatch(/^TLS: the broker's certificate is not trusted/);
    expectNoSecret(r.producerError?.message, r.check.error, r.logs);
  });

  it('TLS without a CA file uses the system CAs, which do not know the private CA', async () => {
    const r = await connectError(tls.brokers, securityFromEnv({ ...scramEnv(), CARBONIO_KAFKA_TLS: 'true' }));
    expect(r.check.error).toMatch(/^TLS: the broker's certificate is not trusted/);
  });

  it('the right CA with a wrong password: authentication failed, after a good handshake', async () => {
    const r = await connectError(tls.brokers, securityFromEnv({ ...tlsEnv(), CARBONIO_KAFKA_SASL_PASSWORD: WRONG }));
    expect(r.producerError?.message).toMatch(/authentication failed/);
    expectNoSecret(r.producerError?.message, r.check.error, r.logs);
  });

  it('plaintext against the TLS listener, and TLS against the plaintext one, are named', async () => {
    const plain = await connectError(tls.brokers, securityFromEnv(scramEnv()));
    expect(plain.check.error).toMatch(/closed the connection during the handshake|TLS/);
    const wrongWay = await connectError(scram.brokers, securityFromEnv({ ...scramEnv(), CARBONIO_KAFKA_TLS: 'true', CARBONIO_KAFKA_TLS_CA_FILE: tls.caFile! }));
    expect(wrongWay.check.error).toMatch(/^TLS handshake failed: the broker does not speak TLS on this port/);
  });

  it('an unreadable or non-PEM CA file is refused naming the variable', () => {
    expect(() => securityFromEnv({ CARBONIO_KAFKA_TLS: 'true', CARBONIO_KAFKA_TLS_CA_FILE: path.join(tmp, 'missing.pem') })).toThrow(/CARBONIO_KAFKA_TLS_CA_FILE .* cannot be read: ENOENT/);
    mkdirSync(tmp, { recursive: true });
    const junk = path.join(tmp, 'not-a-cert.pem');
    writeFileSync(junk, 'hello');
    expect(() => securityFromEnv({ CARBONIO_KAFKA_TLS_CA_FILE: junk })).toThrow(/holds no PEM certificate/);
  });
});

describe('replication over SASL/SCRAM + TLS', () => {
  const SRC = 'mbox1.kafka-sec.test';
  const DST = 'mbox2.kafka-sec.test';
  const NAMES = ['ann@kafka-sec.test', 'ben@kafka-sec.test'];
  let env: TestEnv;
  let ha: HaContextHandle | undefined;
  const nodes: MailstoreNode[] = [];
  const saved: Record<string, string | undefined> = {};
  const cap = capturedLogger('kafka-sec-nodes', 'info');

  beforeAll(async () => {
    // The nodes and the core read the Kafka security settings from the environment, as in production.
    const vars = { ...scramEnv(), CARBONIO_KAFKA_TLS: 'true', CARBONIO_KAFKA_TLS_CA_FILE: tls.caFile! };
    for (const [k, v] of Object.entries(vars)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    env = await createTestEnv('kafka_sec');
    await env.prisma.globalConfig.update({ where: { key: 'brokers' }, data: { value: tls.brokers.join(',') } });
    for (const host of [SRC, DST]) {
      const node = new MailstoreNode({
        host, namespace: env.namespace, port: 0, haDbUrl: env.haDbUrl, mailstoreDbUrl: env.mailstoreDbUrl(host),
        volumes: [{ name: 'primary', kind: 'primary', path: env.blobDir, centralized: true }], publishTimeoutMs: 5000,
      }, cap.log.child({ host }), defaultComponents);
      await node.start();
      nodes.push(node);
    }
    await env.prisma.license.create({ data: { module: 'ZxHA', quantity: 10 } });
    await createAccounts(env.prisma, SRC, NAMES);
    ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@kafka-sec.test', role: 'global_admin', origin: 'cli' }, log: cap.log });
  }, 120_000);
  afterAll(async () => {
    await ha?.close();
    for (const n of nodes.reverse()) await n.stop().catch(() => undefined);
    await env?.cleanup();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }, 60_000);

  it('replicas initialise, follow live traffic through the TLS broker and verify equal; the logs hold no secret', async () => {
    const ref = await setAccountDestination(ha!, { destination: DST, priority: 10, accounts: NAMES });
    const op = await waitForOperation(ha!, ref.operationId, { timeoutMs: 90_000 });
    expect(op.state, JSON.stringify(op.items)).toBe('succeeded');
    // Traffic in rounds until some writes went through Kafka (a loaded machine is slow, not wrong).
    let replicated = 0;
    await waitFor('writes acknowledged after publishing through the TLS broker', async () => {
      replicated += (await runTraffic({ haDbUrl: env.haDbUrl, accounts: NAMES, rate: 20, seconds: 3 })).replicated;
      return replicated >= 5;
    }, 120_000, 0);
    expect(replicated).toBeGreaterThanOrEqual(5);
    for (const name of NAMES) {
      const v = await waitFor(`${name} to verify equal`, async () => {
        const r = await verifyAccount(ha!, { account: name });
        return r.replicas[0]?.equal ? r : undefined;
      }, 30_000, 500);
      expect(v.replicas[0]).toMatchObject({ destination: DST, equal: true });
    }
    const logs = cap.text();
    expect(logs).toContain('Kafka brokers configured');
    expectNoSecret(logs);
  });
});
