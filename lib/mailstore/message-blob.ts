import { randomUUID } from 'node:crypto';

/** The blob of a delivered message: the raw message if given, else a minimal RFC 5322 one. */
export function buildMessage(input: { sender: string; recipients: string[]; subject: string; body: string; raw?: string; receivedAt?: number; messageId?: string }, host: string) {
  const messageId = input.messageId ?? `<${randomUUID()}@${host}>`;
  if (input.raw) return { content: Buffer.from(input.raw, 'utf8'), messageId, fragment: fragmentOf(bodyOf(input.raw)) };
  const date = new Date((input.receivedAt ?? Math.floor(Date.now() / 1000)) * 1000).toUTCString();
  const text = [
    `From: ${input.sender}`,
    `To: ${input.recipients.join(', ')}`,
    `Subject: ${input.subject}`,
    `Date: ${date}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    input.body,
  ].join('\r\n');
  return { content: Buffer.from(text, 'utf8'), messageId, fragment: fragmentOf(input.body) };
}

function bodyOf(raw: string): string {
  const i = raw.search(/\r?\n\r?\n/);
  return i < 0 ? '' : raw.slice(i).trim();
}

/** The product's "fragment": the first words of the body, shown in message lists. */
export function fragmentOf(body: string): string {
  return body.replace(/\s+/g, ' ').trim().slice(0, 150);
}
