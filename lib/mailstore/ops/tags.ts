import type { MailboxTx } from '../mailbox-tx';
import { ItemType, SystemFolder } from '../model';
import { uniqueName } from './common';

/** CreateTag: a tag item in the Tags folder; items refer to tags by name. */
export async function createTag(tx: MailboxTx, input: { name: string; color?: number }): Promise<number> {
  const row = tx.newRow({
    type: ItemType.tag,
    parent_id: SystemFolder.tags,
    folder_id: SystemFolder.tags,
    name: input.name,
    metadata: input.color === undefined ? null : JSON.stringify({ color: input.color }),
  });
  await uniqueName(tx, 'tag', input.name, 'Tags', () => tx.create(row));
  return row.id;
}
