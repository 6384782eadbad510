// Test-only: a minimal stand-in for a source mailstore (mailbox rows + events published after
// commit, in order per account) so that the agent and the snapshotter can be exercised on
// their own. The full source (outbox, relay, mailbox service) is tested in its own files.
import { randomUUID } from 'node:crypto';
import { inTransaction, type Conn, type Pool } from '../db/pool';
import { EVENTS_TOPIC, type EventProducer } from '../kafka';
import { ITEM_COLUMNS, ItemType, type ItemRow, type MailboxCheckpoints, type TombstoneRow } from '../mailstore/model';
import { encodeEvent } from './codec';
import { ENVELOPE_VERSION, type MailboxOp } from './envelope';
import { Mutex } from './agent-mutex';

const INSERT = `REPLACE INTO mail_item (mailbox_id, ${ITEM_COLUMNS.map((c) => `\`${c}\``).join(', ')}) VALUES (?, ${ITEM_COLUMNS.map(() => '?').join(', ')})`;

function row(id: number, type: number, folder: number, seq: number, extra: Partial<ItemRow> = {}): ItemRow {
  const now = Math.floor(Date.now() / 1000);
  return {
    id, type, parent_id: folder, folder_id: folder, date: now, size: 0, locator: null, blob_digest: null, unread: 0, flags: 0, tags: '',
    sender: null, recipients: null, subject: null, name: null, metadata: null, mod_metadata: seq, change_date: now, mod_content: seq, uuid: null, ...extra,
  };
}

interface Change {
  upserts: ItemRow[];
  deletes: number[];
  tombstones: TombstoneRow[];
  sizeDelta: number;
}

/** One account's mailbox on a fake source: random realistic changes, each one transaction. */
export class FakeSource {
  private readonly mutex = new Mutex();
  private mailboxId = 0;
  private readonly messages = new Map<number, number>(); // id -> folder
  private readonly folders: number[] = [2];
  published = 0;

  constructor(private readonly db: Pool, private readonly producer: () => EventProducer, readonly accountId: string, private readonly epoch = 1) {}

  /** Creates the primary mailbox with a few system folders (not an event: replicas get it from the snapshot). */
  async provision() {
    await inTransaction(this.db, async (conn) => {
      const res = (await conn.query("INSERT INTO mailbox (account_id, state, epoch, publishing, item_id_checkpoint, change_checkpoint) VALUES (?, 'primary', ?, 0, 255, 1)",
        [this.accountId, this.epoch])) as { insertId: number };
      this.mailboxId = Number(res.insertId);
      const sys = [row(1, ItemType.folder, 1, 1, { name: 'ROOT' }), row(11, ItemType.folder, 1, 1, { name: 'USER_ROOT' }),
        row(2, ItemType.folder, 11, 1, { name: 'Inbox' }), row(3, ItemType.folder, 11, 1, { name: 'Trash' })];
      await conn.batch(INSERT, sys.map((r) => [this.mailboxId, ...ITEM_COLUMNS.map((c) => r[c])]));
    });
  }

  /** Adds `n` messages without events (only before the account has replicas). */
  async populate(n: number) {
    await inTransaction(this.db, async (conn) => {
      const [m] = await conn.query('SELECT item_id_checkpoint, change_checkpoint FROM mailbox WHERE id = ? FOR UPDATE', [this.mailboxId]);
      const seq = Number(m.change_checkpoint) + 1;
      let id = Number(m.item_id_checkpoint);
      const rows: unknown[][] = [];
      for (let i = 0; i < n; i++) {
        id++;
        this.messages.set(id, 2);
        const r = row(id, ItemType.message, 2, seq, { size: 1000 + i, subject: `bulk ${i}`, locator: `blobs/${id}`, blob_digest: 'x'.repeat(64), sender: 'a@b.c' });
        rows.push([this.mailboxId, ...ITEM_COLUMNS.map((c) => r[c])]);
        if (rows.length === 5000) await conn.batch(INSERT, rows.splice(0));
      }
      if (rows.length) await conn.batch(INSERT, rows);
      await conn.query('UPDATE mailbox SET item_id_checkpoint = ?, change_checkpoint = ? WHERE id = ?', [id, seq, this.mailboxId]);
    });
  }

  /** One random operation; resolves after the event (if the account publishes) is in Kafka. */
  op(): Promise<number> {
    return this.mutex.run(() => this.runOp());
  }

  private async runOp(): Promise<number> {
    let event: string | undefined;
    const seq = await inTransaction(this.db, async (conn) => {
      const [m] = await conn.query('SELECT * FROM mailbox WHERE id = ? FOR UPDATE', [this.mailboxId]);
      const seq = Number(m.change_checkpoint) + 1;
      let nextId = Number(m.item_id_checkpoint);
      const { op, change } = await this.randomChange(conn, seq, () => ++nextId);
      await conn.query('DELETE FROM mail_item WHERE mailbox_id = ? AND id IN (?)', [this.mailboxId, [0, ...change.deletes, ...change.upserts.map((u) => u.id)]]);
      if (change.upserts.length) await conn.batch(INSERT, change.upserts.map((r) => [this.mailboxId, ...ITEM_COLUMNS.map((c) => r[c])]));
      for (const t of change.tombstones) await conn.query('INSERT INTO tombstone (mailbox_id, sequence, date, type, ids) VALUES (?, ?, ?, ?, ?)', [this.mailboxId, t.sequence, t.date, t.type, t.ids]);
      const mailbox: MailboxCheckpoints = {
        item_id_checkpoint: nextId, change_checkpoint: seq, size_checkpoint: Number(m.size_checkpoint) + change.sizeDelta, contact_count: Number(m.contact_count),
      };
      await conn.query('UPDATE mailbox SET item_id_checkpoint = ?, change_checkpoint = ?, size_checkpoint = ?, last_change_at = NOW(3) WHERE id = ?',
        [mailbox.item_id_checkpoint, seq, mailbox.size_checkpoint, this.mailboxId]);
      if (Number(m.publishing) === 1) {
        event = JSON.stringify({ v: ENVELOPE_VERSION, accountId: this.accountId, mailboxId: this.mailboxId, epoch: this.epoch, seq, txId: randomUUID(), op, ts: Date.now(),
          payload: { mailbox, upserts: change.upserts, deletes: change.deletes, tombstones: change.tombstones } });
      }
      return seq;
    });
    if (event) {
      await this.producer().send(EVENTS_TOPIC, [encodeEvent(JSON.parse(event))]);
      this.published++;
    }
    return seq;
  }

  private async randomChange(conn: Conn, seq: number, newId: () => number): Promise<{ op: MailboxOp; change: Change }> {
    const now = Math.floor(Date.now() / 1000);
    const ids = [...this.messages.keys()];
    const pick = () => ids[Math.floor(Math.random() * ids.length)];
    const r = Math.random();
    const current = async (id: number): Promise<ItemRow> => {
      const [x] = await conn.query(`SELECT ${ITEM_COLUMNS.map((c) => `\`${c}\``).join(', ')} FROM mail_item WHERE mailbox_id = ? AND id = ?`, [this.mailboxId, id]);
      return { ...x, size: Number(x.size) };
    };
    if (ids.length < 5 || r < 0.35) {
      const id = newId();
      const folder = this.folders[Math.floor(Math.random() * this.folders.length)];
      this.messages.set(id, folder);
      const size = 500 + Math.floor(Math.random() * 5000);
      return { op: 'CreateMessage', change: { upserts: [row(id, ItemType.message, folder, seq, { size, unread: 1, subject: `msg ${id} ✉`, sender: 'x@y.z', locator: `b/${id}`, blob_digest: 'd'.repeat(64) })], deletes: [], tombstones: [], sizeDelta: size } };
    }
    if (r < 0.45) {
      const id = newId();
      this.folders.push(id);
      return { op: 'CreateFolder', change: { upserts: [row(id, ItemType.folder, 11, seq, { name: `folder-${id}` })], deletes: [], tombstones: [], sizeDelta: 0 } };
    }
    if (r < 0.65) {
      const it = await current(pick());
      return { op: 'SetItemFlags', change: { upserts: [{ ...it, flags: it.flags ^ 8, unread: it.unread ? 0 : 1, mod_metadata: seq, change_date: now }], deletes: [], tombstones: [], sizeDelta: 0 } };
    }
    if (r < 0.78) {
      const id = pick();
      const to = this.folders[Math.floor(Math.random() * this.folders.length)];
      this.messages.set(id, to);
      const it = await current(id);
      return { op: 'MoveItem', change: { upserts: [{ ...it, folder_id: to, parent_id: to, mod_metadata: seq, change_date: now }], deletes: [], tombstones: [], sizeDelta: 0 } };
    }
    if (r < 0.88 && this.folders.length >= 3) {
      // Swap the names of two user folders in one transaction (exercises the unique (folder, name) key).
      const [a, b] = this.folders.slice(1).sort(() => Math.random() - 0.5);
      if (a !== undefined && b !== undefined) {
        const fa = await current(a);
        const fb = await current(b);
        await conn.query('UPDATE mail_item SET name = ? WHERE mailbox_id = ? AND id = ?', [`tmp-${seq}`, this.mailboxId, a]);
        return { op: 'RenameItem', change: { upserts: [{ ...fa, name: fb.name, mod_metadata: seq }, { ...fb, name: fa.name, mod_metadata: seq }], deletes: [], tombstones: [], sizeDelta: 0 } };
      }
    }
    const id = pick();
    const it = await current(id);
    this.messages.delete(id);
    return { op: 'DeleteItem', change: { upserts: [], deletes: [id], tombstones: [{ sequence: seq, date: now, type: ItemType.message, ids: String(id) }], sizeDelta: -it.size } };
  }
}
