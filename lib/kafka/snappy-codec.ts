import kafkajs from 'kafkajs';
import { compressSync, uncompressSync } from 'snappy';

/** Java producers frame snappy data the xerial way: this magic, two version ints, then (length, block) pairs. */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;

/** Uncompresses one snappy payload, raw (as we write it) or in xerial frames (as Java clients do). */
export function snappyDecompress(data: Buffer): Buffer {
  if (data.length < XERIAL_HEADER_BYTES || !data.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC)) return toBuffer(uncompressSync(data));
  const blocks: Buffer[] = [];
  for (let at = XERIAL_HEADER_BYTES; at < data.length;) {
    const size = data.readInt32BE(at);
    at += 4;
    blocks.push(toBuffer(uncompressSync(data.subarray(at, at + size))));
    at += size;
  }
  return Buffer.concat(blocks);
}

const toBuffer = (b: string | Buffer) => (typeof b === 'string' ? Buffer.from(b) : b);

/**
 * Registers snappy with kafkajs (it ships gzip only). Synchronous native calls: a batch of a few
 * hundred KiB takes well under a millisecond, less than a hop to the thread pool.
 */
export function registerSnappy() {
  // A default import: Node's ESM loader does not see CompressionCodecs among kafkajs's named exports.
  kafkajs.CompressionCodecs[kafkajs.CompressionTypes.Snappy] = () => ({
    compress: async (encoder: { buffer: Buffer }) => compressSync(encoder.buffer),
    decompress: async (data: Buffer) => snappyDecompress(data),
  });
}
