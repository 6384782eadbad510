import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { projectRoot } from '../config/paths';
import { ACCOUNT_HEADER, EVENT_OP_HEADER, EVENTS_TOPIC } from '../kafka';
import { MailboxClient } from '../mailstore/api-client';
import { mailboxComponents } from '../mailstore/component';
import { ITEM_COLUMNS, SystemFolder } from '../mailstore/model';
import type { WriteResult } from '../mailstore/service';
import { seedAccount, waitFor } from '../mailstore/testing/seed';
import { CONTROL_OPS, EnvelopeSchema, MAILBOX_OPS, SNAPSHOT_OPS } from './envelope';

/** Debian's kcat, installed with apt-get when missing (the test fails if that is impossible). */
function ensureKcat(): string {
  const which = () => execFileSync('sh', ['-c', 'command -v kcat || true'], { encoding: 'utf8' }).trim();
  if (which()) return which();
  const attempts = [['apt-get', ['install', '-y', 'kcat']], ['apt-get', ['update']], ['apt-get', ['install', '-y', 'kcat']]] as const;
  const errors: string[] = [];
  for (const [cmd, args] of attempts) {
    try {
      execFileSync(cmd, [...args], { stdio: 'pipe', timeout: 180_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (which()) return which();
    } catch (err) {
      errors.push(`${cmd} ${args.join(' ')}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`This test reads the topic with Debian's kcat, which is not installed and could not be installed (${errors.join('; ')}). Install it with: apt-get install kcat`);
}

/** Every path of a JSON value with the types seen there (array elements under `[]`). */
function pathsOf(v: unknown, prefix = '', out = new Map<string, Set<string>>()) {
  const t = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
  if (prefix) out.set(prefix, (out.get(prefix) ?? new Set()).add(t));
  if (Array.isArray(v)) for (const x of v) pathsOf(x, `${prefix}[]`, out);
  else if (t === 'object') for (const [k, x] of Object.entries(v as object)) pathsOf(x, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** The examples of docs/events.md, by op. */
function documentedExamples(): Map<string, unknown> {
  const md = readFileSync(path.join(projectRoot(), 'docs', 'events.md'), 'utf8');
  const examples = md.slice(md.indexOf('## Examples'));
  const out = new Map<string, unknown>();
  for (const m of examples.matchAll(/^### (\w+)\n[\s\S]*?```json\n([\s\S]*?)\n```/gm)) out.set(m[1], JSON.parse(m[2]));
  return out;
}

const HOST = 'mbox1.src-kcat.test';
let env: TestEnv;
let kcat: string;

beforeAll(async () => {
  kcat = ensureKcat();
  env = await createTestEnv('src_kcat');
});
afterAll(async () => env?.cleanup());

it('docs/events.md has one valid example per op', () => {
  const docs = documentedExamples();
  expect([...docs.keys()].sort()).toEqual([...MAILBOX_OPS, ...SNAPSHOT_OPS, ...CONTROL_OPS].sort());
  for (const [op, example] of docs) {
    const parsed = EnvelopeSchema.safeParse(example);
    expect(parsed.success, `${op}: ${parsed.error?.message}`).toBe(true);
    expect((example as { op: string }).op).toBe(op);
  }
});

it('what the relay puts on the topic, read with kcat, is what docs/events.md documents: key, headers and value', async () => {
  const node = await env.startNode(HOST, { factories: [mailboxComponents] });
  const { id } = await seedAccount(env.prisma, { host: HOST, replicaOn: 'mbox2.src-kcat.test' });
  await waitFor('protection', () => node.context().topology.isProtected(id));
  const api = new MailboxClient(node.apiUrl);
  const done: WriteResult[] = [];
  const w = async (p: Promise<WriteResult>) => {
    const r = await p;
    done.push(r);
    return r;
  };
  await w(api.createTag(id, 'work', 3));
  const m = await w(api.deliver(id, { sender: 'bob@example.net', recipients: ['john.doe@example.com'], subject: 'Quarterly report', body: 'Numbers attached.', tags: ['work'] }));
  const f = await w(api.createFolder(id, { name: 'Reports' }));
  await w(api.renameFolder(id, f.created[0], 'Reports 2026'));
  await w(api.moveItems(id, m.created, f.created[0]));
  const c = await w(api.copyItems(id, m.created, SystemFolder.inbox));
  await w(api.setFlags(id, m.created, ['flagged']));
  await w(api.setTags(id, c.created, ['work']));
  await w(api.markRead(id, m.created, true));
  await w(api.deleteItems(id, c.created));
  await w(api.deliver(id, { sender: 'spam@example.org', recipients: ['john.doe@example.com'], subject: 'WIN', folderId: SystemFolder.junk }));
  await w(api.emptyFolder(id, SystemFolder.junk));
  const ct = await w(api.createContact(id, { fields: { firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@example.com' } }));
  await w(api.modifyContact(id, ct.created[0], { fields: { phone: '+39 06 1234567' } }));
  await w(api.createAppointment(id, { subject: 'Standup', start: 1893456000, end: 1893456900, attendees: ['jane.doe@example.com'] }));
  expect(new Set(done.map((r) => r.op))).toEqual(new Set(MAILBOX_OPS));

  const partition = done[0].partition!;
  const first = done[0].offset!;
  const count = done.at(-1)!.offset! - first + 1;
  const out = execFileSync(kcat, ['-C', '-q', '-b', env.brokers[0], '-t', EVENTS_TOPIC, '-p', String(partition), '-o', String(first), '-c', String(count), '-e', '-J'], { encoding: 'utf8', timeout: 30_000 });
  const records = out.trim().split('\n').map((l) => JSON.parse(l) as { offset: number; key: string; headers: string[]; payload: string })
    .filter((r) => r.headers[r.headers.indexOf(ACCOUNT_HEADER) + 1] === id);
  expect(records.map((r) => r.offset)).toEqual(done.map((r) => r.offset));

  const docs = documentedExamples();
  const docTypes = new Map<string, Set<string>>();
  for (const ex of docs.values()) for (const [p, t] of pathsOf(ex)) docTypes.set(p, new Set([...(docTypes.get(p) ?? []), ...t]));
  for (const [i, rec] of records.entries()) {
    const value = JSON.parse(rec.payload);
    const op = done[i].op;
    expect(rec.key).toBe(id);
    expect(Object.fromEntries(rec.headers.flatMap((h, j) => (j % 2 === 0 ? [[h, rec.headers[j + 1]]] : [])))).toEqual({ [ACCOUNT_HEADER]: id, [EVENT_OP_HEADER]: op });
    expect(EnvelopeSchema.parse(value)).toMatchObject({ v: 1, op, accountId: id, seq: done[i].seq, epoch: 1 });
    const wire = pathsOf(value);
    const documented = pathsOf(docs.get(op));
    expect([...wire.keys()].sort(), `${op}: fields on the wire vs. in the documentation`).toEqual([...documented.keys()].sort());
    for (const [p, types] of wire) for (const t of types) expect(docTypes.get(p), `${op} ${p} is ${t} on the wire`).toContain(t);
    for (const row of value.payload.upserts) expect(Object.keys(row)).toEqual(ITEM_COLUMNS);
  }
});
