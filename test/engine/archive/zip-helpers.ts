// Test helpers for the zip reader: a source that counts what is read, and a cheap deflate "bomb".
import { constants, deflateRawSync } from 'node:zlib';
import { bytesSource } from '../../../src/engine/data/random-access';
import type { RandomAccessSource } from '../../../src/engine/data/random-access';

/** A bytes source that records the total bytes returned and the largest single read. */
export function countingSource(bytes: Uint8Array): RandomAccessSource & { bytesRead: number; largestRead: number } {
  const inner = bytesSource(bytes);
  const counted = {
    size: inner.size,
    bytesRead: 0,
    largestRead: 0,
    async read(offset: number, length: number) {
      const out = await inner.read(offset, length);
      counted.bytesRead += out.length;
      counted.largestRead = Math.max(counted.largestRead, out.length);
      return out;
    },
  };
  return counted;
}

/**
 * A raw deflate stream that inflates to `mebibytes` MiB of zeros without ever building them: one MiB
 * compressed with a full flush (non-final blocks, dictionary reset) repeated, then an empty final block.
 */
export function zeroBomb(mebibytes: number): Uint8Array {
  const block = deflateRawSync(new Uint8Array(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(new Uint8Array(0));
  const out = new Uint8Array(block.length * mebibytes + last.length);
  for (let i = 0; i < mebibytes; i++) out.set(block, i * block.length);
  out.set(last, block.length * mebibytes);
  return out;
}
