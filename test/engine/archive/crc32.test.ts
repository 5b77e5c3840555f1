// CRC-32 against the standard check value and node:zlib's independent implementation, whole and in pieces.
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { updateCrc32 } from '../../../src/engine/archive/crc32';
import { seededRandom } from '../data/stream-helpers';

describe('updateCrc32', () => {
  it('gives the catalogue check value for "123456789" and 0 for nothing', () => {
    // The CRC-32/ISO-HDLC check value from the CRC catalogue.
    expect(updateCrc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(updateCrc32(new Uint8Array(0))).toBe(0);
  });

  it('matches node:zlib on random bytes, and continues across pieces', () => {
    const random = seededRandom(7);
    const bytes = Uint8Array.from({ length: 10_000 }, () => Math.floor(random() * 256));
    const whole = updateCrc32(bytes);
    expect(whole).toBe(zlibCrc32(bytes));
    let crc = 0;
    for (const cut of [[0, 1], [1, 333], [333, 9000], [9000, 10_000]]) crc = updateCrc32(bytes.subarray(cut[0], cut[1]), crc);
    expect(crc).toBe(whole);
  });
});
