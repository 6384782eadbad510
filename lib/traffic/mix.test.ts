import { expect, it } from 'vitest';
import { chooseOp, TRAFFIC_MIX } from './mix';
import { MailboxModel, pickSome } from './model';

it('an empty mailbox gets only operations that need nothing: deliveries, contacts, appointments, folders, tags', () => {
  const m = new MailboxModel();
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) seen.add(chooseOp(m).action);
  expect([...seen].sort()).toEqual(['createAppointment', 'createContact', 'createFolder', 'createTag', 'deliver']);
});

it('a mailbox with items gets the whole mix, deliveries most often', () => {
  const m = new MailboxModel();
  for (let i = 0; i < 60; i++) m.messages.set(300 + i, 2);
  m.contacts.add(1000);
  m.appointments.add(1001);
  for (let i = 0; i < 5; i++) m.userFolders.set(2000 + i, `f${i}`);
  m.tags.add('work');
  const freq = new Map<string, number>();
  for (let i = 0; i < 20_000; i++) {
    const a = chooseOp(m).action;
    freq.set(a, (freq.get(a) ?? 0) + 1);
  }
  expect(freq.size).toBe(TRAFFIC_MIX.length);
  const top = [...freq.entries()].sort((a, b) => b[1] - a[1])[0][0];
  expect(top).toBe('deliver');
});

it('pickSome returns distinct elements, at least one and at most max', () => {
  for (let i = 0; i < 100; i++) {
    const s = pickSome([1, 2, 3, 4, 5], 3);
    expect(new Set(s).size).toBe(s.length);
    expect(s.length).toBeGreaterThanOrEqual(1);
    expect(s.length).toBeLessThanOrEqual(3);
  }
});
