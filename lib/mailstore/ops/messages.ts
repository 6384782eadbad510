import type { StoredBlob } from '../blob-store';
import type { MailboxTx } from '../mailbox-tx';
import { Flag, ItemType } from '../model';
import { flagsOf, requireFolder, tagsColumn, type FlagName } from './common';

export interface DeliverInput {
  folderId: number;
  sender: string;
  recipients: string[];
  subject: string;
  receivedAt?: number;
  flags: FlagName[];
  tags: string[];
  unread?: boolean;
  /** A short plain-text preview kept in metadata (the product's "fragment"). */
  fragment: string;
  messageId: string;
}

/** CreateMessage: a message whose blob is already on the centralized volume. */
export async function deliverMessage(tx: MailboxTx, input: DeliverInput, blob: StoredBlob): Promise<number> {
  const folder = await requireFolder(tx, input.folderId, ItemType.message);
  const flags = flagsOf(input.flags);
  const unread = input.unread ?? !(flags & Flag.fromMe || flags & Flag.draft);
  const row = tx.newRow({
    type: ItemType.message,
    folder_id: folder.id,
    date: input.receivedAt ?? tx.now,
    size: blob.size,
    locator: blob.locator,
    blob_digest: blob.digest,
    unread: unread ? 1 : 0,
    flags,
    tags: await tagsColumn(tx, input.tags),
    sender: input.sender,
    recipients: input.recipients.join(', '),
    subject: input.subject,
    metadata: JSON.stringify({ fragment: input.fragment, messageId: input.messageId }),
  });
  await tx.create(row);
  return row.id;
}
