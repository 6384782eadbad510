import { folderMetadata, type FolderView } from './folders-meta';
import { ItemType, SystemFolder, type ItemRow } from './model';

interface SystemFolderSpec {
  id: number;
  parent: number;
  name: string;
  view: FolderView;
}

/** The product's system folders, with its ids and names. */
export const SYSTEM_FOLDERS: SystemFolderSpec[] = [
  { id: SystemFolder.root, parent: SystemFolder.root, name: 'ROOT', view: 'container' },
  { id: SystemFolder.tags, parent: SystemFolder.root, name: 'Tags', view: 'container' },
  { id: SystemFolder.conversations, parent: SystemFolder.root, name: 'Conversations', view: 'container' },
  { id: SystemFolder.userRoot, parent: SystemFolder.root, name: 'USER_ROOT', view: 'container' },
  { id: SystemFolder.inbox, parent: SystemFolder.userRoot, name: 'Inbox', view: 'message' },
  { id: SystemFolder.trash, parent: SystemFolder.userRoot, name: 'Trash', view: 'message' },
  { id: SystemFolder.junk, parent: SystemFolder.userRoot, name: 'Junk', view: 'message' },
  { id: SystemFolder.sent, parent: SystemFolder.userRoot, name: 'Sent', view: 'message' },
  { id: SystemFolder.drafts, parent: SystemFolder.userRoot, name: 'Drafts', view: 'message' },
  { id: SystemFolder.contacts, parent: SystemFolder.userRoot, name: 'Contacts', view: 'contact' },
  { id: SystemFolder.calendar, parent: SystemFolder.userRoot, name: 'Calendar', view: 'appointment' },
  { id: SystemFolder.emailedContacts, parent: SystemFolder.userRoot, name: 'Emailed Contacts', view: 'contact' },
  { id: SystemFolder.tasks, parent: SystemFolder.userRoot, name: 'Tasks', view: 'task' },
  { id: SystemFolder.briefcase, parent: SystemFolder.userRoot, name: 'Briefcase', view: 'document' },
];

const SYSTEM_IDS = new Set(SYSTEM_FOLDERS.map((f) => f.id));

/** System folders cannot be renamed, moved or deleted. */
export function isSystemFolder(id: number): boolean {
  return SYSTEM_IDS.has(id);
}

/** The rows of a new mailbox's system folders, as changed by its first change (`seq`). */
export function systemFolderRows(seq: number, nowSeconds: number): ItemRow[] {
  return SYSTEM_FOLDERS.map((f) => ({
    id: f.id,
    type: ItemType.folder,
    parent_id: f.parent,
    folder_id: f.parent,
    date: nowSeconds,
    size: 0,
    locator: null,
    blob_digest: null,
    unread: 0,
    flags: 0,
    tags: '',
    sender: null,
    recipients: null,
    subject: null,
    name: f.name,
    metadata: folderMetadata(f.view),
    mod_metadata: seq,
    change_date: nowSeconds,
    mod_content: seq,
    uuid: null,
  }));
}
