import { ItemType, SystemFolder, type ItemRow } from './model';

/** What a folder holds (the product's "default view"). Containers hold only folders. */
export type FolderView = 'message' | 'contact' | 'appointment' | 'task' | 'document' | 'container';

export const FOLDER_VIEWS = ['message', 'contact', 'appointment', 'task', 'document'] as const;

interface FolderMetadata {
  view: FolderView;
  color?: number;
}

export function folderMetadata(view: FolderView, color?: number): string {
  const m: FolderMetadata = color === undefined ? { view } : { view, color };
  return JSON.stringify(m);
}

export function folderViewOf(row: ItemRow): FolderView {
  try {
    const m = JSON.parse(row.metadata ?? '{}') as Partial<FolderMetadata>;
    return m.view ?? 'container';
  } catch {
    return 'container';
  }
}

const VIEW_OF_TYPE: Partial<Record<number, FolderView>> = {
  [ItemType.message]: 'message',
  [ItemType.contact]: 'contact',
  [ItemType.appointment]: 'appointment',
  [ItemType.task]: 'task',
  [ItemType.document]: 'document',
};

/** Whether a folder may hold items of a type: its view matches, and Trash takes anything. */
export function folderAccepts(folder: ItemRow, itemType: number): boolean {
  if (folder.id === SystemFolder.trash) return true;
  return VIEW_OF_TYPE[itemType] !== undefined && VIEW_OF_TYPE[itemType] === folderViewOf(folder);
}

/** Folders under which users may create folders: the user root's subtree. */
export function acceptsSubfolders(folder: ItemRow): boolean {
  const forbidden: number[] = [SystemFolder.root, SystemFolder.tags, SystemFolder.conversations];
  return folder.type === ItemType.folder && !forbidden.includes(folder.id);
}

/** Items whose `size` counts toward size_checkpoint (folders' size is an item count, tags have none). */
export function countsTowardSize(type: number): boolean {
  return type !== ItemType.folder && type !== ItemType.tag && type !== ItemType.searchFolder && type !== ItemType.mountpoint;
}
