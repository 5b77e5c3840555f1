// hashParameters / fnv1a64Hex: published FNV-1a 64 test vectors, an independent BigInt implementation,
// sensitivity to one bit, to -0 and to how values are split into arrays.
import { describe, expect, it } from 'vitest';
import { fnv1a64Hex, hashParameters } from '../../../src/engine/parallel/params-hash';
import { createRandom } from '../../../src/engine/random';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Reference FNV-1a 64 with BigInt arithmetic, straight from the definition. */
function referenceFnv(bytes: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a64Hex', () => {
  it('gives the published FNV-1a 64 values', () => {
    // Test vectors from the FNV reference (Fowler, Noll, Vo).
    expect(fnv1a64Hex(utf8(''))).toBe('cbf29ce484222325');
    expect(fnv1a64Hex(utf8('a'))).toBe('af63dc4c8601ec8c');
    expect(fnv1a64Hex(utf8('foobar'))).toBe('85944171f73967e8');
  });

  it('agrees with a BigInt implementation on random bytes', () => {
    const random = createRandom(11);
    for (const length of [1, 7, 64, 1000]) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      expect(fnv1a64Hex(bytes)).toBe(referenceFnv(bytes));
    }
  });
});

describe('hashParameters', () => {
  const random = createRandom(5);
  const params = [Float32Array.from({ length: 300 }, () => random() - 0.5), Float32Array.from({ length: 17 }, () => random())];

  it('is the FNV-1a of length-prefixed raw bytes, and equal for equal copies', () => {
    const bytes: number[] = [];
    for (const a of params) {
      bytes.push(a.length & 0xff, (a.length >>> 8) & 0xff, 0, 0, ...new Uint8Array(a.buffer));
    }
    expect(hashParameters(params)).toBe(referenceFnv(Uint8Array.from(bytes)));
    expect(hashParameters(params.map((a) => a.slice()))).toBe(hashParameters(params));
  });

  it('changes with one flipped bit, with -0 against 0, and with a different split into arrays', () => {
    const flipped = params.map((a) => a.slice());
    new Uint32Array(flipped[1].buffer)[16] ^= 1;
    expect(hashParameters(flipped)).not.toBe(hashParameters(params));
    expect(hashParameters([Float32Array.from([-0])])).not.toBe(hashParameters([Float32Array.from([0])]));
    const joined = Float32Array.from([1, 2, 3]);
    expect(hashParameters([joined.subarray(0, 1), joined.subarray(1)])).not.toBe(hashParameters([joined.subarray(0, 2), joined.subarray(2)]));
  });

  it('hashes only the view of a subarray, not its whole buffer', () => {
    const big = Float32Array.from([9, 1, 2, 9]);
    expect(hashParameters([big.subarray(1, 3)])).toBe(hashParameters([Float32Array.from([1, 2])]));
  });
});
