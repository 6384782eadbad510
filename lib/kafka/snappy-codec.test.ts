import { compressSync } from 'snappy';
import { describe, expect, it } from 'vitest';
import { snappyDecompress } from './snappy-codec';

const text = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => `{"seq":${i},"op":"CreateMessage"}`).join('\n'));

/** What a Java producer writes: the xerial header (magic, version 1, compatible version 1), then (length, block) pairs. */
function xerialFramed(parts: Buffer[]): Buffer {
  const header = Buffer.alloc(16);
  Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]).copy(header);
  header.writeInt32BE(1, 8);
  header.writeInt32BE(1, 12);
  const blocks = parts.flatMap((p) => {
    const c = compressSync(p);
    const len = Buffer.alloc(4);
    len.writeInt32BE(c.length);
    return [len, c];
  });
  return Buffer.concat([header, ...blocks]);
}

describe('snappy codec', () => {
  it('uncompresses raw snappy, as our producer writes it', () => {
    const data = text(2000);
    const packed = compressSync(data);
    expect(packed.length).toBeLessThan(data.length / 3);
    expect(snappyDecompress(packed).equals(data)).toBe(true);
  });

  it('uncompresses xerial frames, as Java producers write them, joining the blocks in order', () => {
    const a = text(500);
    const b = Buffer.from('second block');
    expect(snappyDecompress(xerialFramed([a, b])).equals(Buffer.concat([a, b]))).toBe(true);
  });

  it('refuses data that is not snappy', () => {
    expect(() => snappyDecompress(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02]))).toThrow();
  });
});
