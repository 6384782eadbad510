/**
 * The mailbox data model, in the product's (Zimbra) lineage. See reference/cli.md and
 * prisma/mailstore/schema.prisma.
 */
export const ItemType = {
  folder: 1,
  searchFolder: 2,
  tag: 3,
  conversation: 4,
  message: 5,
  contact: 6,
  document: 8,
  appointment: 11,
  mountpoint: 13,
  task: 15,
} as const;
export type ItemTypeName = keyof typeof ItemType;

/** System folders every mailbox has, with the product's ids. */
export const SystemFolder = {
  root: 1,
  inbox: 2,
  trash: 3,
  junk: 4,
  sent: 5,
  drafts: 6,
  contacts: 7,
  tags: 8,
  conversations: 9,
  calendar: 10,
  userRoot: 11,
  emailedContacts: 13,
  tasks: 15,
  briefcase: 16,
} as const;

/** The first id given to a user item. */
export const FIRST_USER_ITEM_ID = 256;

/** Item flags bitmask (subset of the product's). */
export const Flag = {
  fromMe: 1 << 1,
  attached: 1 << 2,
  replied: 1 << 3,
  forwarded: 1 << 4,
  flagged: 1 << 6,
  draft: 1 << 7,
  deleted: 1 << 8,
  notify: 1 << 9,
  urgent: 1 << 10,
  lowPriority: 1 << 11,
} as const;

/** One `mail_item` row without its mailbox_id (the mailbox id is local to each mailstore). */
export interface ItemRow {
  id: number;
  type: number;
  parent_id: number | null;
  folder_id: number | null;
  date: number;
  size: number;
  locator: string | null;
  blob_digest: string | null;
  unread: number;
  flags: number;
  tags: string;
  sender: string | null;
  recipients: string | null;
  subject: string | null;
  name: string | null;
  metadata: string | null;
  mod_metadata: number;
  change_date: number;
  mod_content: number;
  uuid: string | null;
}

/** Column order used by every raw INSERT of mail_item (after mailbox_id). */
export const ITEM_COLUMNS: (keyof ItemRow)[] = [
  'id', 'type', 'parent_id', 'folder_id', 'date', 'size', 'locator', 'blob_digest', 'unread', 'flags', 'tags',
  'sender', 'recipients', 'subject', 'name', 'metadata', 'mod_metadata', 'change_date', 'mod_content', 'uuid',
];

export interface TombstoneRow {
  sequence: number;
  date: number;
  type: number;
  /** Comma-separated ids, as in the product. */
  ids: string;
}

/** The mailbox checkpoints an event carries so the replica's `mailbox` row follows the source. */
export interface MailboxCheckpoints {
  item_id_checkpoint: number;
  change_checkpoint: number;
  size_checkpoint: number;
  contact_count: number;
}
