import { ValidationError } from '../../errors';
import type { MailboxTx } from '../mailbox-tx';
import { ItemType } from '../model';
import { requireFolder } from './common';

export interface AppointmentInput {
  folderId: number;
  subject: string;
  /** Epoch seconds. */
  start: number;
  end: number;
  location?: string;
  attendees: string[];
  allDay: boolean;
  /** An RRULE, e.g. FREQ=WEEKLY;COUNT=10. */
  recurrence?: string;
}

function metadataOf(a: AppointmentInput): string {
  return JSON.stringify({ start: a.start, end: a.end, allDay: a.allDay, location: a.location ?? null, attendees: a.attendees, recurrence: a.recurrence ?? null });
}

/** SetCalendarItem (create): an appointment in a calendar folder; `date` is its start. */
export async function createAppointment(tx: MailboxTx, input: AppointmentInput): Promise<number> {
  const folder = await requireFolder(tx, input.folderId, ItemType.appointment);
  const row = tx.newRow({
    type: ItemType.appointment,
    folder_id: folder.id,
    date: input.start,
    subject: input.subject,
    recipients: input.attendees.join(', ') || null,
    metadata: metadataOf(input),
  });
  await tx.create(row);
  return row.id;
}

/** SetCalendarItem (modify): the appointment's whole definition is replaced; it may change calendar. */
export async function modifyAppointment(tx: MailboxTx, id: number, input: AppointmentInput): Promise<void> {
  const item = await tx.loadOne(id, 'appointment');
  if (item.type !== ItemType.appointment) throw ValidationError.single('id', `item ${id} is not an appointment`);
  const folder = await requireFolder(tx, input.folderId, ItemType.appointment);
  if (folder.id !== item.folder_id) {
    tx.folderDelta(item.folder_id!, -1, 0);
    tx.folderDelta(folder.id, 1, 0);
  }
  await tx.update([id], 'folder_id = ?, date = ?, subject = ?, recipients = ?, metadata = ?',
    [folder.id, input.start, input.subject, input.attendees.join(', ') || null, metadataOf(input)], { content: true });
}
