import type { HttpRouter } from '../node/http-router';
import {
  AccountParam, AlterTagBody, AppointmentBody, CreateContactBody, CreateFolderBody, CreateTagBody, DeliverBody, EmptyFolderBody,
  FlagsBody, IdsBody, ItemParam, ItemsToFolderBody, ListItemsQuery, ModifyContactBody, MoveFolderBody, parse, ReadBody, RenameBody, TagsBody,
} from './api-schemas';
import type { BlobStore } from './blob-store';
import { buildMessage } from './message-blob';
import { createAppointment, modifyAppointment } from './ops/appointments';
import type { FlagName } from './ops/common';
import { createContact, modifyContact } from './ops/contacts';
import { createFolder, deleteFolder, emptyFolder, moveFolder, renameItem } from './ops/folders';
import { alterTag, copyItems, deleteItems, markRead, moveItems, setFlags, setTags } from './ops/items';
import { deliverMessage } from './ops/messages';
import { createTag } from './ops/tags';
import { getContent, getItem, listFolderItems, listFolders, listTags, mailboxSummary } from './reads';
import type { MailboxService } from './service';

const BASE = '/api/mailboxes/:accountId';

/** The mailbox API (docs/mailbox-api.md): one route per operation, plus reads. */
export function registerMailboxRoutes(router: HttpRouter, service: MailboxService, blobs: BlobStore) {
  const db = service.deps.db;
  const account = (p: Record<string, string>) => parse(AccountParam, p.accountId, 'accountId');
  const item = (p: Record<string, string>, key = 'itemId') => parse(ItemParam, p[key], key);

  // Reads: any mailbox present here, whatever its state (a stale one is read-only).
  router.add('GET', BASE, async (r) => mailboxSummary(db, account(r.params)));
  router.add('GET', `${BASE}/folders`, async (r) => ({ folders: await listFolders(db, account(r.params)) }));
  router.add('GET', `${BASE}/tags`, async (r) => ({ tags: await listTags(db, account(r.params)) }));
  router.add('GET', `${BASE}/folders/:folderId/items`, async (r) =>
    listFolderItems(db, account(r.params), item(r.params, 'folderId'), parse(ListItemsQuery, Object.fromEntries(r.query), 'query')));
  router.add('GET', `${BASE}/items/:itemId`, async (r) => getItem(db, account(r.params), item(r.params)));
  router.add('GET', `${BASE}/items/:itemId/content`, async (r) => getContent(db, blobs, account(r.params), item(r.params)));

  router.add('POST', BASE, async (r) => {
    const id = account(r.params);
    await service.provision(id);
    return mailboxSummary(db, id);
  });

  router.add('POST', `${BASE}/messages`, async (r) => {
    const id = account(r.params);
    const body = parse(DeliverBody, r.body);
    await service.assertHosted(id);
    const msg = buildMessage(body, service.deps.host);
    const blob = await blobs.put(msg.content);
    return service.write(id, 'CreateMessage', (tx) =>
      deliverMessage(tx, { ...body, flags: body.flags as FlagName[], fragment: msg.fragment, messageId: msg.messageId }, blob));
  });

  router.add('POST', `${BASE}/folders`, async (r) => {
    const body = parse(CreateFolderBody, r.body);
    return service.write(account(r.params), 'CreateFolder', (tx) => createFolder(tx, body));
  });
  router.add('POST', `${BASE}/folders/:folderId/rename`, async (r) => {
    const { name } = parse(RenameBody, r.body);
    return service.write(account(r.params), 'RenameItem', (tx) => renameItem(tx, item(r.params, 'folderId'), name));
  });
  router.add('POST', `${BASE}/folders/:folderId/move`, async (r) => {
    const { parentId } = parse(MoveFolderBody, r.body);
    return service.write(account(r.params), 'MoveItem', (tx) => moveFolder(tx, item(r.params, 'folderId'), parentId));
  });
  router.add('DELETE', `${BASE}/folders/:folderId`, async (r) =>
    service.write(account(r.params), 'DeleteItem', (tx) => deleteFolder(tx, item(r.params, 'folderId'))));
  router.add('POST', `${BASE}/folders/:folderId/empty`, async (r) => {
    const { includeSubfolders } = parse(EmptyFolderBody, r.body);
    return service.write(account(r.params), 'EmptyFolder', (tx) => emptyFolder(tx, item(r.params, 'folderId'), includeSubfolders));
  });

  router.add('POST', `${BASE}/items/move`, async (r) => {
    const b = parse(ItemsToFolderBody, r.body);
    return service.write(account(r.params), 'MoveItem', (tx) => moveItems(tx, b.ids, b.folderId));
  });
  router.add('POST', `${BASE}/items/copy`, async (r) => {
    const b = parse(ItemsToFolderBody, r.body);
    return service.write(account(r.params), 'CopyItem', (tx) => copyItems(tx, b.ids, b.folderId));
  });
  router.add('POST', `${BASE}/items/flags`, async (r) => {
    const b = parse(FlagsBody, r.body);
    return service.write(account(r.params), 'SetItemFlags', (tx) => setFlags(tx, b.ids, b.flags as FlagName[]));
  });
  router.add('POST', `${BASE}/items/tags`, async (r) => {
    const b = parse(TagsBody, r.body);
    return service.write(account(r.params), 'SetItemTags', (tx) => setTags(tx, b.ids, b.tags));
  });
  router.add('POST', `${BASE}/items/tag`, async (r) => {
    const b = parse(AlterTagBody, r.body);
    return service.write(account(r.params), 'AlterItemTag', (tx) => alterTag(tx, b.ids, b.tag, b.on));
  });
  router.add('POST', `${BASE}/items/read`, async (r) => {
    const b = parse(ReadBody, r.body);
    return service.write(account(r.params), 'AlterItemTag', (tx) => markRead(tx, b.ids, b.read));
  });
  router.add('POST', `${BASE}/items/delete`, async (r) => {
    const b = parse(IdsBody, r.body);
    return service.write(account(r.params), 'DeleteItem', (tx) => deleteItems(tx, b.ids));
  });

  router.add('POST', `${BASE}/tags`, async (r) => {
    const b = parse(CreateTagBody, r.body);
    return service.write(account(r.params), 'CreateTag', (tx) => createTag(tx, b));
  });
  router.add('POST', `${BASE}/contacts`, async (r) => {
    const b = parse(CreateContactBody, r.body);
    return service.write(account(r.params), 'CreateContact', (tx) => createContact(tx, b));
  });
  router.add('PATCH', `${BASE}/contacts/:itemId`, async (r) => {
    const b = parse(ModifyContactBody, r.body);
    return service.write(account(r.params), 'ModifyContact', (tx) => modifyContact(tx, item(r.params), b));
  });
  router.add('POST', `${BASE}/appointments`, async (r) => {
    const b = parse(AppointmentBody, r.body);
    return service.write(account(r.params), 'SetCalendarItem', (tx) => createAppointment(tx, b));
  });
  router.add('PUT', `${BASE}/appointments/:itemId`, async (r) => {
    const b = parse(AppointmentBody, r.body);
    return service.write(account(r.params), 'SetCalendarItem', (tx) => modifyAppointment(tx, item(r.params), b));
  });
}
