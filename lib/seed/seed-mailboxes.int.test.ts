import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMailboxNode, type MailboxNodeFixture } from '../../tests/support/mailbox-node';
import { MailboxClient } from '../mailstore/api-client';
import { seedAccount } from '../mailstore/testing/seed';
import { SYSTEM_FOLDERS } from '../mailstore/system-folders';
import { contentSize, planMailbox } from './mailbox-content';
import { seedMailbox, seedMailboxes, type MailboxPlan } from './seed-mailboxes';

const HOST = 'mbox1.seed-resume.test';
// Every mailbox here is planned for the same owner, so all of them should end up with the same content.
const OWNER = 'resume.owner@seed-resume.test';
const MESSAGES = 40;
let fixture: MailboxNodeFixture;

beforeAll(async () => {
  fixture = await startMailboxNode('seed_resume', HOST);
});
afterAll(() => fixture?.stop());

async function newPlan(): Promise<MailboxPlan> {
  const { id } = await seedAccount(fixture.env.prisma, { host: HOST, domain: 'seed-resume.test' });
  return { accountId: id, name: OWNER, apiUrl: fixture.node.apiUrl, messages: MESSAGES };
}

type Step = 'createFolder' | 'createTag' | 'deliver' | 'createContact' | 'createAppointment';

/** A client whose `step` fails after `after` calls, as a seeding killed there leaves the mailbox. */
function killedAt(step: Step, after: number): MailboxClient {
  const api = new MailboxClient(fixture.node.apiUrl);
  const real = api[step] as (...args: unknown[]) => Promise<unknown>;
  let calls = 0;
  return Object.assign(api, { [step]: (...args: unknown[]) => (++calls > after ? Promise.reject(new Error(`killed at ${step}`)) : real(...args)) });
}

/** The mailbox as lines (folder, type, subject or name, flags, read, tags; no dates), sorted. */
async function contentOf(accountId: string): Promise<string[]> {
  const { api } = fixture;
  const folders = await api.folders(accountId);
  const lines = folders.map((f) => `folder ${f.name} in ${f.folder_id}`);
  for (const t of await api.tags(accountId)) lines.push(`tag ${t.name} ${t.metadata}`);
  for (const f of folders) {
    for (const i of await api.folderItems(accountId, f.id)) lines.push(`${f.name}: type ${i.type} ${i.subject ?? i.name} from ${i.sender} flags ${i.flags} unread ${i.unread} tags ${i.tags}`);
  }
  return lines.sort();
}

let reference: string[];

it('seeds a mailbox with its planned content, and a second run creates nothing', async () => {
  const plan = await newPlan();
  const planned = contentSize(planMailbox(OWNER, MESSAGES, 0));
  expect(await seedMailbox(plan)).toBe(planned);
  expect((await fixture.api.summary(plan.accountId)).itemCount).toBe(SYSTEM_FOLDERS.length + planned);
  expect(await seedMailbox(plan)).toBe(0);
  reference = await contentOf(plan.accountId);
  expect(reference.filter((l) => l.includes('type 5 '))).toHaveLength(MESSAGES);
});

it.each<[Step, number]>([
  ['createFolder', 1], ['createTag', 1], ['deliver', 0], ['deliver', 17], ['createContact', 2], ['createAppointment', 1],
])('a seeding killed at %s after %i calls is completed by the next run, with the same content as one uninterrupted run', async (step, after) => {
  const plan = await newPlan();
  await expect(seedMailbox(plan, killedAt(step, after))).rejects.toThrow(`killed at ${step}`);
  const partial = (await fixture.api.summary(plan.accountId)).itemCount;
  const created = await seedMailbox(plan);
  expect(created).toBeGreaterThan(0);
  const summary = await fixture.api.summary(plan.accountId);
  expect(summary.itemCount).toBe(partial + created);
  expect(await contentOf(plan.accountId)).toEqual(reference);
  expect(await seedMailbox(plan)).toBe(0);
});

it('seeding several mailboxes at once counts every item created', async () => {
  const plans = await Promise.all([1, 2, 3, 4].map(() => newPlan()));
  const planned = contentSize(planMailbox(OWNER, MESSAGES, 0));
  const seen: number[] = [];
  expect(await seedMailboxes(plans, 3, (done) => seen.push(done))).toBe(4 * planned);
  expect(seen).toEqual([1, 2, 3, 4]);
  for (const p of plans) expect(await contentOf(p.accountId)).toEqual(reference);
});
