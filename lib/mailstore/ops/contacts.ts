import { ValidationError } from '../../errors';
import type { MailboxTx } from '../mailbox-tx';
import { ItemType } from '../model';
import { requireFolder, tagsColumn } from './common';

export type ContactFields = Record<string, string>;

/** The name a contact is filed under (the product's fileAs), kept in `subject`. */
function fileAs(f: ContactFields): string {
  return f.fileAs || [f.firstName, f.lastName].filter(Boolean).join(' ') || f.company || f.email || '(no name)';
}

/** Fields are stored sorted by name, so equal contacts have byte-equal metadata. */
function encodeFields(f: ContactFields): string {
  return JSON.stringify(Object.fromEntries(Object.entries(f).sort(([a], [b]) => a.localeCompare(b))));
}

/** CreateContact. */
export async function createContact(tx: MailboxTx, input: { folderId: number; fields: ContactFields; tags: string[] }): Promise<number> {
  const folder = await requireFolder(tx, input.folderId, ItemType.contact);
  const row = tx.newRow({
    type: ItemType.contact,
    folder_id: folder.id,
    subject: fileAs(input.fields),
    sender: input.fields.email ?? null,
    tags: await tagsColumn(tx, input.tags),
    metadata: encodeFields(input.fields),
  });
  await tx.create(row);
  return row.id;
}

/** ModifyContact: fields are merged (a null value removes the field), or replaced when asked. */
export async function modifyContact(tx: MailboxTx, id: number, input: { fields: Record<string, string | null>; replace: boolean }): Promise<void> {
  const item = await tx.loadOne(id, 'contact');
  if (item.type !== ItemType.contact) throw ValidationError.single('id', `item ${id} is not a contact`);
  const base: ContactFields = input.replace ? {} : (JSON.parse(item.metadata ?? '{}') as ContactFields);
  for (const [k, v] of Object.entries(input.fields)) {
    if (v === null) delete base[k];
    else base[k] = v;
  }
  await tx.update([id], 'subject = ?, sender = ?, metadata = ?', [fileAs(base), base.email ?? null, encodeFields(base)], { content: true });
}
