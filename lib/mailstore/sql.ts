import type { Conn, Pool, Statement } from '../db/pool';
import { ITEM_COLUMNS, type ItemRow } from './model';

/** Anything that runs a query: a pool or one connection inside a transaction. */
export type Queryable = Pick<Pool, 'query'> | Pick<Conn, 'query'>;

/** `id, type, ...` in ITEM_COLUMNS order, for SELECTs that build ItemRows. */
export const ITEM_SELECT = ITEM_COLUMNS.map((c) => `\`${c}\``).join(', ');

const INSERT_ITEM = `INSERT INTO mail_item (mailbox_id, ${ITEM_SELECT}) VALUES (?, ${ITEM_COLUMNS.map(() => '?').join(', ')})`;

/** The insert of one row, writing exactly the columns of ITEM_COLUMNS. */
export function insertItemStatement(mailboxId: number, row: ItemRow): Statement {
  return { sql: INSERT_ITEM, params: [mailboxId, ...ITEM_COLUMNS.map((c) => row[c])] };
}

export async function insertItem(conn: Queryable, mailboxId: number, row: ItemRow): Promise<void> {
  const { sql, params } = insertItemStatement(mailboxId, row);
  await conn.query(sql, params);
}

/** A raw mail_item row as the driver returns it, narrowed to an ItemRow with JS numbers. */
export function toItemRow(r: Record<string, unknown>): ItemRow {
  const out = {} as Record<keyof ItemRow, unknown>;
  for (const c of ITEM_COLUMNS) out[c] = r[c];
  out.size = Number(r.size);
  return out as unknown as ItemRow;
}

/** The rows of `ids` (not empty), in id order; its result maps with toItemRow. */
export function selectItemsStatement(mailboxId: number, ids: number[]): Statement {
  return { sql: `SELECT ${ITEM_SELECT} FROM mail_item WHERE mailbox_id = ? AND id IN (?) ORDER BY id`, params: [mailboxId, ids] };
}

export async function selectItems(conn: Queryable, mailboxId: number, ids: number[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  const { sql, params } = selectItemsStatement(mailboxId, ids);
  const rows: Record<string, unknown>[] = await conn.query(sql, params);
  return rows.map(toItemRow);
}

export async function selectWhere(conn: Queryable, mailboxId: number, where: string, params: unknown[], limit?: number): Promise<ItemRow[]> {
  const rows: Record<string, unknown>[] = await conn.query(
    `SELECT ${ITEM_SELECT} FROM mail_item WHERE mailbox_id = ? AND (${where}) ORDER BY id${limit ? ` LIMIT ${Math.floor(limit)}` : ''}`, [mailboxId, ...params]);
  return rows.map(toItemRow);
}

/** True for the MariaDB duplicate-key error (unique folder/tag names). */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'ER_DUP_ENTRY';
}
