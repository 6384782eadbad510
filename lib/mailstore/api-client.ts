import {
  ConflictError, FencedError, HaError, InternalError, NotFoundError, TimeoutError, UnavailableError, ValidationError, type ErrorCode, type Problem,
} from '../errors';
import { NoAnswerError, requestJson, type JsonReply } from './http-json';
import type { ItemRow } from './model';
import type { MailboxSummary } from './reads';
import type { WriteResult } from './service';

/** Rebuilds the HaError a node answered with, so callers can branch on its class. */
export function errorFromResponse(status: number, body: unknown): HaError {
  const e = (body as { error?: { code?: ErrorCode; message?: string; problems?: Problem[] } } | undefined)?.error;
  const message = e?.message ?? `HTTP ${status}`;
  const problems = e?.problems ?? [];
  switch (e?.code) {
    case 'invalid_input': return new ValidationError(message, problems);
    case 'not_found': return new NotFoundError(message, problems);
    case 'conflict': return new ConflictError(message, problems);
    case 'fenced': return new FencedError(message);
    case 'unavailable': return new UnavailableError(message);
    case 'timeout': return new TimeoutError(message);
    default: return new InternalError(message);
  }
}

/**
 * Typed HTTP client of one mailstore's mailbox API (docs/mailbox-api.md), for the traffic
 * generator and tests. A connection failure is an UnavailableError with `connection` true.
 */
export class MailboxClient {
  constructor(readonly baseUrl: string, private readonly timeoutMs = 30_000) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let reply: JsonReply;
    try {
      reply = await requestJson(`${this.baseUrl}${path}`, method, body, this.timeoutMs);
    } catch (err) {
      // A request the mailstore accepted but did not answer in time is not a refused connection
      // (under overload it waits in the mailstore's queue): both send the caller to look the account up again.
      if (err instanceof NoAnswerError) {
        throw Object.assign(new TimeoutError(`Mailstore at ${this.baseUrl} did not answer ${method} ${path} within ${this.timeoutMs} ms`, err), { connection: true });
      }
      throw Object.assign(new UnavailableError(`Mailstore at ${this.baseUrl} does not answer: ${(err as Error).message}`, err), { connection: true });
    }
    const json = reply.text ? JSON.parse(reply.text) : undefined;
    if (reply.status < 200 || reply.status >= 300) throw errorFromResponse(reply.status, json);
    return json as T;
  }

  private mb(accountId: string, rest = '') {
    return `/api/mailboxes/${encodeURIComponent(accountId)}${rest}`;
  }

  summary = (a: string) => this.call<MailboxSummary>('GET', this.mb(a));
  provision = (a: string) => this.call<MailboxSummary>('POST', this.mb(a));
  folders = (a: string) => this.call<{ folders: ItemRow[] }>('GET', this.mb(a, '/folders')).then((r) => r.folders);
  tags = (a: string) => this.call<{ tags: ItemRow[] }>('GET', this.mb(a, '/tags')).then((r) => r.tags);
  items = (a: string, folderId: number, q: { limit?: number; afterId?: number } = {}) =>
    this.call<{ folder: ItemRow; items: ItemRow[]; nextAfterId: number | null }>('GET', this.mb(a, `/folders/${folderId}/items?limit=${q.limit ?? 100}&afterId=${q.afterId ?? 0}`));
  /** Every item directly in a folder, read page by page. */
  async folderItems(a: string, folderId: number): Promise<ItemRow[]> {
    const out: ItemRow[] = [];
    for (let afterId: number | null = 0; afterId !== null;) {
      const page = await this.items(a, folderId, { limit: 1000, afterId });
      out.push(...page.items);
      afterId = page.nextAfterId;
    }
    return out;
  }
  item = (a: string, id: number) => this.call<ItemRow>('GET', this.mb(a, `/items/${id}`));
  content = (a: string, id: number) => this.call<{ digest: string; size: number; content: string; locator: string }>('GET', this.mb(a, `/items/${id}/content`));

  deliver = (a: string, body: Record<string, unknown>) => this.call<WriteResult>('POST', this.mb(a, '/messages'), body);
  createFolder = (a: string, body: { name: string; parentId?: number; view?: string; color?: number }) => this.call<WriteResult>('POST', this.mb(a, '/folders'), body);
  renameFolder = (a: string, id: number, name: string) => this.call<WriteResult>('POST', this.mb(a, `/folders/${id}/rename`), { name });
  moveFolder = (a: string, id: number, parentId: number) => this.call<WriteResult>('POST', this.mb(a, `/folders/${id}/move`), { parentId });
  deleteFolder = (a: string, id: number) => this.call<WriteResult>('DELETE', this.mb(a, `/folders/${id}`));
  emptyFolder = (a: string, id: number, includeSubfolders = false) => this.call<WriteResult>('POST', this.mb(a, `/folders/${id}/empty`), { includeSubfolders });
  moveItems = (a: string, ids: number[], folderId: number) => this.call<WriteResult>('POST', this.mb(a, '/items/move'), { ids, folderId });
  copyItems = (a: string, ids: number[], folderId: number) => this.call<WriteResult>('POST', this.mb(a, '/items/copy'), { ids, folderId });
  setFlags = (a: string, ids: number[], flags: string[]) => this.call<WriteResult>('POST', this.mb(a, '/items/flags'), { ids, flags });
  setTags = (a: string, ids: number[], tags: string[]) => this.call<WriteResult>('POST', this.mb(a, '/items/tags'), { ids, tags });
  alterTag = (a: string, ids: number[], tag: string, on: boolean) => this.call<WriteResult>('POST', this.mb(a, '/items/tag'), { ids, tag, on });
  markRead = (a: string, ids: number[], read: boolean) => this.call<WriteResult>('POST', this.mb(a, '/items/read'), { ids, read });
  deleteItems = (a: string, ids: number[]) => this.call<WriteResult>('POST', this.mb(a, '/items/delete'), { ids });
  createTag = (a: string, name: string, color?: number) => this.call<WriteResult>('POST', this.mb(a, '/tags'), { name, color });
  createContact = (a: string, body: { fields: Record<string, string>; folderId?: number; tags?: string[] }) => this.call<WriteResult>('POST', this.mb(a, '/contacts'), body);
  modifyContact = (a: string, id: number, body: { fields: Record<string, string | null>; replace?: boolean }) => this.call<WriteResult>('PATCH', this.mb(a, `/contacts/${id}`), body);
  createAppointment = (a: string, body: Record<string, unknown>) => this.call<WriteResult>('POST', this.mb(a, '/appointments'), body);
  modifyAppointment = (a: string, id: number, body: Record<string, unknown>) => this.call<WriteResult>('PUT', this.mb(a, `/appointments/${id}`), body);
}
