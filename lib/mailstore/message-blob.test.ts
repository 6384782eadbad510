import { expect, it } from 'vitest';
import { buildMessage, fragmentOf } from './message-blob';

it('builds a minimal RFC 5322 message with the given headers and body', () => {
  const m = buildMessage({ sender: 'a@x.test', recipients: ['b@x.test', 'c@x.test'], subject: 'Hi', body: 'Hello\n  world', receivedAt: 0, messageId: '<1@x>' }, 'mbox1');
  const text = m.content.toString('utf8');
  expect(text).toMatch(/^From: a@x\.test\r\nTo: b@x\.test, c@x\.test\r\nSubject: Hi\r\nDate: Thu, 01 Jan 1970 00:00:00 GMT\r\nMessage-ID: <1@x>\r\n/);
  expect(text.endsWith('\r\n\r\nHello\n  world')).toBe(true);
  expect(m.fragment).toBe('Hello world');
});

it('keeps a raw message as it is and takes the fragment from its body', () => {
  const raw = 'Subject: x\r\n\r\nBody   text\r\nmore';
  const m = buildMessage({ sender: 'a', recipients: ['b'], subject: '', body: '', raw }, 'h');
  expect(m.content.toString()).toBe(raw);
  expect(m.fragment).toBe('Body text more');
  expect(m.messageId).toMatch(/^<[0-9a-f-]{36}@h>$/);
  expect(fragmentOf('x'.repeat(500))).toHaveLength(150);
});
