import fc from 'fast-check';
import * as mariadb from 'mariadb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxComponents } from '../../lib/mailstore/component';
import { seedAccount } from '../../lib/mailstore/testing/seed';
import type { MailstoreNode } from '../../lib/node/node';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { anyJson, hostileBody, hostileString, type BodyCase } from './support/hostile';

// The same attack on a mailstore node's mailbox HTTP API (docs/mailbox-api.md), over real
// HTTP: hostile bodies and path parameters on every write route. No 500, a 4xx names the
// problem, and a refused write changes nothing in the mailstore's database.

const HOST = 'mbox1.mailbox-fuzz.test';
let env: TestEnv;
let node: MailstoreNode;
let conn: mariadb.Connection;
let accountId = '';
let tables: string[] = [];

beforeAll(async () => {
  env = await createTestEnv('mailbox_fuzz');
  node = await env.startNode(HOST, { factories: [mailboxComponents] });
  accountId = (await seedAccount(env.prisma, { host: HOST, domain: 'mailbox-fuzz.test' })).id;
  const created = await fetch(`${node.apiUrl}/api/mailboxes/${accountId}`, { method: 'POST' });
  expect(created.status).toBe(200);
  // Something to move, flag, tag and delete.
  const deliver = await fetch(`${node.apiUrl}/api/mailboxes/${accountId}/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sender: 'a@b.test', recipients: ['c@d.test'], subject: 'hello', body: 'text' }),
  });
  expect(deliver.status).toBe(200);
  const u = new URL(env.mailstoreDbUrl(HOST));
  conn = await mariadb.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username || 'root', database: u.pathname.slice(1) });
  tables = ((await conn.query('SELECT TABLE_NAME name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME')) as { name: string }[])
    .map((r) => r.name).filter((t) => !/migrations/.test(t));
}, 120_000);
afterAll(async () => {
  await conn?.end();
  await env?.cleanup();
});

async function snapshot(): Promise<Record<string, string>> {
  const sums: { Table: string; Checksum: bigint | number | null }[] = await conn.query(`CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`);
  return Object.fromEntries(sums.map((s) => [s.Table.split('.').pop()!, String(s.Checksum)]));
}

const ids = fc.oneof(fc.array(fc.oneof(fc.integer({ min: -2, max: 300 }), anyJson), { maxLength: 5 }), fc.constant(Array.from({ length: 1001 }, (_, i) => i + 1)));
const itemId = fc.oneof(fc.integer({ min: -1, max: 400 }), anyJson);
const text = fc.oneof(hostileString, fc.constantFrom('Work', 'Inbox', 'a,b', 'x'.repeat(200)));

const ROUTES: { method: string; path: string; fields: Record<string, fc.Arbitrary<unknown>> }[] = [
  { method: 'POST', path: 'messages', fields: { sender: text, recipients: fc.array(text, { maxLength: 60 }), subject: text, body: text, raw: text, folderId: itemId, receivedAt: itemId, flags: fc.array(text, { maxLength: 3 }), tags: fc.array(text, { maxLength: 3 }), unread: anyJson } },
  { method: 'POST', path: 'folders', fields: { name: text, parentId: itemId, view: text, color: itemId } },
  { method: 'POST', path: 'folders/:id/rename', fields: { name: text } },
  { method: 'POST', path: 'folders/:id/move', fields: { parentId: itemId } },
  { method: 'DELETE', path: 'folders/:id', fields: {} },
  { method: 'POST', path: 'folders/:id/empty', fields: { includeSubfolders: anyJson } },
  { method: 'POST', path: 'items/move', fields: { ids, folderId: itemId } },
  { method: 'POST', path: 'items/copy', fields: { ids, folderId: itemId } },
  { method: 'POST', path: 'items/flags', fields: { ids, flags: fc.array(text, { maxLength: 4 }) } },
  { method: 'POST', path: 'items/tags', fields: { ids, tags: fc.array(text, { maxLength: 4 }) } },
  { method: 'POST', path: 'items/tag', fields: { ids, tag: text, on: anyJson } },
  { method: 'POST', path: 'items/read', fields: { ids, read: anyJson } },
  { method: 'POST', path: 'items/delete', fields: { ids } },
  { method: 'POST', path: 'tags', fields: { name: text, color: itemId } },
  { method: 'POST', path: 'contacts', fields: { fields: fc.dictionary(text, fc.oneof(text, anyJson), { maxKeys: 60 }), folderId: itemId, tags: fc.array(text, { maxLength: 3 }) } },
  { method: 'PATCH', path: 'contacts/:id', fields: { fields: fc.dictionary(text, fc.oneof(text, fc.constant(null)), { maxKeys: 5 }), replace: anyJson } },
  { method: 'POST', path: 'appointments', fields: { subject: text, start: itemId, end: itemId, location: text, attendees: fc.array(text, { maxLength: 3 }), allDay: anyJson, recurrence: text, folderId: itemId } },
  { method: 'PUT', path: 'appointments/:id', fields: { subject: text, start: itemId, end: itemId } },
];

/** Every byte percent-encoded (lone surrogates become U+FFFD, as a client would send them). */
const encodePath = (s: string) => [...Buffer.from(s.slice(0, 300))].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const pathId = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 400 }).map(String) }, { weight: 1, arbitrary: hostileString.map(encodePath) });
const account = () => fc.oneof({ weight: 5, arbitrary: fc.constant(accountId) }, { weight: 1, arbitrary: fc.oneof(fc.uuid(), hostileString.map(encodePath)) });

describe('mailbox API fuzz: no 500 and a refused write changes nothing', () => {
  for (const r of ROUTES) {
    it(`${r.method} /api/mailboxes/:accountId/${r.path}`, async () => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(hostileBody(r.fields), account(), pathId, async (body: BodyCase, acct, id) => {
          const before = await snapshot();
          const url = `${node.apiUrl}/api/mailboxes/${acct}/${r.path.replace(':id', id)}`;
          const res = await fetch(url, {
            method: r.method, headers: { 'content-type': 'application/json' },
            body: body.kind === 'raw' ? body.text : JSON.stringify(body.value),
          });
          const what = `${r.method} ${url.slice(0, 200)} ${(body.kind === 'raw' ? body.text : JSON.stringify(body.value)).slice(0, 300)}`;
          expect(res.status, what).not.toBe(500);
          const answer = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string } } | undefined;
          if (res.status >= 400) {
            refused++;
            expect(answer?.error?.message, `${what}: the error names the problem`).toMatch(/\S/);
            expect(res.status, what).toBeLessThan(500);
            expect(await snapshot(), `${what} was refused (${res.status}) but changed the mailstore database`).toEqual(before);
          }
        }),
        { numRuns: 40, endOnFailure: true },
      );
      expect(refused).toBeGreaterThan(0);
    });
  }
});
