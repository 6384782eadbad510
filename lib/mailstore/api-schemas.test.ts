import { expect, it } from 'vitest';
import { AppointmentBody, CreateContactBody, CreateFolderBody, DeliverBody, parse, TagsBody } from './api-schemas';
import { SystemFolder } from './model';

it('fills the documented defaults', () => {
  expect(parse(DeliverBody, { sender: 'a@x', recipients: ['b@x'] })).toMatchObject({ folderId: SystemFolder.inbox, subject: '', body: '', flags: [], tags: [] });
  expect(parse(CreateFolderBody, { name: ' Projects ' })).toEqual({ name: 'Projects', parentId: SystemFolder.userRoot, view: 'message' });
  expect(parse(CreateContactBody, { fields: { email: 'x@y' } }).folderId).toBe(SystemFolder.contacts);
});

it('refuses bad bodies naming every field', () => {
  const err = (() => {
    try {
      parse(DeliverBody, { sender: '', recipients: [], flags: ['shiny'] });
    } catch (e) {
      return e as { code: string; problems: { field: string }[] };
    }
  })();
  expect(err?.code).toBe('invalid_input');
  expect(err?.problems.map((p) => p.field).sort()).toEqual(['flags.0', 'recipients', 'sender']);
  expect(() => parse(TagsBody, { ids: [1], tags: ['a,b'] })).toThrow(/","/);
  expect(() => parse(CreateFolderBody, { name: 'a/b' })).toThrow(/"\/"/);
  expect(() => parse(TagsBody, { ids: [], tags: [] })).toThrow(/at least one item/);
  expect(() => parse(AppointmentBody, { subject: 's', start: 10, end: 5 })).toThrow(/end must not be before start/);
  expect(() => parse(CreateContactBody, { fields: { 'bad name': 'x' } })).toThrow(/letters and digits/);
});
