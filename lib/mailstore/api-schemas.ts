import { z } from 'zod';
import { ValidationError } from '../errors';
import { FOLDER_VIEWS } from './folders-meta';
import { SystemFolder } from './model';
import { FLAG_NAMES } from './ops/common';

// Request bodies of the mailbox API (docs/mailbox-api.md), validated at the HTTP boundary.

const id = z.number().int().positive();
const ids = z.array(id).min(1, 'give at least one item id').max(1000, 'at most 1000 items per request');
const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);
const itemName = z.string().trim().min(1).max(128).refine(noControl, 'no control characters').refine((s) => !s.includes('/'), 'no "/" in names');
const tagName = itemName.refine((s) => !s.includes(','), 'no "," in tag names');
const color = z.number().int().min(0).max(9);
const flags = z.array(z.enum(FLAG_NAMES as [string, ...string[]])).max(FLAG_NAMES.length).default([]);
const tags = z.array(tagName).max(20).default([]);
const address = z.string().trim().min(1).max(255).refine(noControl, 'no control characters');

export const AccountParam = z.uuid({ error: 'the account id must be a UUID' });
export const ItemParam = z.coerce.number({ error: 'must be an item id' }).int().positive();

export const DeliverBody = z.object({
  folderId: id.default(SystemFolder.inbox),
  sender: address,
  recipients: z.array(address).min(1).max(50).refine((r) => r.join(', ').length <= 1024, 'recipients too long (1024 characters in all)'),
  subject: z.string().max(1000).refine(noControl, 'no control characters').default(''),
  /** Plain-text body; the stored blob is a minimal RFC 5322 message built from it. */
  body: z.string().max(10 * 1024 * 1024).default(''),
  /** A complete message instead (stored as is). */
  raw: z.string().min(1).max(25 * 1024 * 1024).optional(),
  receivedAt: z.number().int().min(0).max(4_294_967_295).optional(),
  flags,
  tags,
  unread: z.boolean().optional(),
  messageId: z.string().max(255).optional(),
});

export const CreateFolderBody = z.object({
  parentId: id.default(SystemFolder.userRoot),
  name: itemName,
  view: z.enum(FOLDER_VIEWS).default('message'),
  color: color.optional(),
});
export const RenameBody = z.object({ name: itemName });
export const MoveFolderBody = z.object({ parentId: id });
export const EmptyFolderBody = z.object({ includeSubfolders: z.boolean().default(false) }).default({ includeSubfolders: false });
export const ItemsToFolderBody = z.object({ ids, folderId: id });
export const FlagsBody = z.object({ ids, flags });
export const TagsBody = z.object({ ids, tags });
export const AlterTagBody = z.object({ ids, tag: tagName, on: z.boolean().default(true) });
export const ReadBody = z.object({ ids, read: z.boolean().default(true) });
export const IdsBody = z.object({ ids });
export const CreateTagBody = z.object({ name: tagName, color: color.optional() });

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const fieldNamesOk = (f: Record<string, unknown>) => Object.keys(f).every((k) => FIELD_NAME.test(k));
const fieldNameRule = 'field names are letters and digits (at most 64), starting with a letter';
const fieldValue = z.string().max(1024).refine(noControl, 'no control characters');
export const CreateContactBody = z.object({
  folderId: id.default(SystemFolder.contacts),
  fields: z.record(z.string(), fieldValue).refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= 50, '1 to 50 fields').refine(fieldNamesOk, fieldNameRule),
  tags,
});
export const ModifyContactBody = z.object({
  fields: z.record(z.string(), fieldValue.nullable()).refine((f) => Object.keys(f).length <= 50, 'at most 50 fields').refine(fieldNamesOk, fieldNameRule),
  replace: z.boolean().default(false),
});

export const AppointmentBody = z
  .object({
    folderId: id.default(SystemFolder.calendar),
    subject: z.string().min(1).max(1000).refine(noControl, 'no control characters'),
    start: z.number().int().min(0).max(4_294_967_295),
    end: z.number().int().min(0).max(4_294_967_295),
    location: z.string().max(255).optional(),
    attendees: z.array(address).max(50).default([]).refine((r) => r.join(', ').length <= 1024, 'attendees too long (1024 characters in all)'),
    allDay: z.boolean().default(false),
    recurrence: z.string().regex(/^FREQ=[A-Z]+(;[A-Z]+=[A-Za-z0-9,+-]+)*$/, 'an RRULE such as FREQ=WEEKLY;COUNT=10').max(255).optional(),
  })
  .refine((a) => a.end >= a.start, { message: 'end must not be before start', path: ['end'] });

export const ListItemsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  afterId: z.coerce.number().int().min(0).default(0),
});

/** Parses with a schema; every problem is reported with its field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what = 'body'): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => ({ field: i.path.join('.') || what, message: i.message }));
  throw new ValidationError(`Invalid ${what}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
}
