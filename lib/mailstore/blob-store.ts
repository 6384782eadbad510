import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError, UnavailableError, ValidationError } from '../errors';

export interface StoredBlob {
  /** Path of the blob relative to the volume root: what mail_item.locator holds. */
  locator: string;
  /** sha256 of the content, hex: what mail_item.blob_digest holds. */
  digest: string;
  size: number;
}

/**
 * Message blobs on the centralized volume (the node's primary volume path, shared by every
 * mailstore). Blobs are content-addressed (`blobs/ab/cd/<sha256>`) and immutable, so any
 * mailstore that hosts the account after a promotion reads the same file, and a copy of an item
 * shares its blob. Deleting items does not delete blobs (no garbage collection yet).
 */
export class BlobStore {
  constructor(readonly root: string) {}

  async put(content: Buffer): Promise<StoredBlob> {
    const digest = createHash('sha256').update(content).digest('hex');
    const locator = path.posix.join('blobs', digest.slice(0, 2), digest.slice(2, 4), digest);
    const file = this.pathOf(locator);
    const existing = await stat(file).catch(() => undefined);
    if (existing?.size === content.length) return { locator, digest, size: content.length };
    try {
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a reader never sees a partial blob, concurrent writers of the same
      // content both end with the same file.
      const tmp = `${file}.${randomUUID()}.tmp`;
      await writeFile(tmp, content, { flush: true });
      await rename(tmp, file);
    } catch (err) {
      throw new UnavailableError(`Cannot write the message blob to the centralized volume ${this.root}: ${(err as Error).message}`, err);
    }
    return { locator, digest, size: content.length };
  }

  async get(locator: string): Promise<Buffer> {
    const file = this.pathOf(locator);
    try {
      return await readFile(file);
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') throw new NotFoundError(`Blob ${locator} is missing from the volume ${this.root}`);
      throw new UnavailableError(`Cannot read blob ${locator} from ${this.root}: ${(err as Error).message}`, err);
    }
  }

  private pathOf(locator: string): string {
    if (!/^blobs\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(locator)) throw ValidationError.single('locator', `not a blob locator: ${locator}`);
    return path.join(this.root, ...locator.split('/'));
  }
}
