import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { BlobStore } from './blob-store';

it('stores content under its sha256, once, and reads it back through the locator', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'blobs-'));
  const store = new BlobStore(root);
  const content = Buffer.from('Subject: hi\r\n\r\nhello');
  const digest = createHash('sha256').update(content).digest('hex');
  const a = await store.put(content);
  const b = await store.put(content);
  expect(a).toEqual({ locator: `blobs/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`, digest, size: content.length });
  expect(b).toEqual(a);
  expect(readFileSync(path.join(root, a.locator)).equals(content)).toBe(true);
  expect(readdirSync(path.join(root, 'blobs', digest.slice(0, 2), digest.slice(2, 4)))).toEqual([digest]);
  expect((await store.get(a.locator)).equals(content)).toBe(true);
});

it('refuses locators that are not blob paths and reports missing blobs as not found', async () => {
  const store = new BlobStore(mkdtempSync(path.join(os.tmpdir(), 'blobs-')));
  await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'invalid_input' });
  await expect(store.get(`blobs/aa/bb/${'a'.repeat(64)}`)).rejects.toMatchObject({ code: 'not_found' });
});
