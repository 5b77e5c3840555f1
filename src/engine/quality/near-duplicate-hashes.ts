// Groups 64-bit perceptual hashes (e.g. of images) whose Hamming distance is small, without comparing
// every pair: pigeonhole bucketing on bit bands, exact check of each candidate pair, union-find groups.
import { collectGroups, UnionFind, type GroupEdge } from './union-find';

/** Largest supported distance: beyond it the bands get so narrow that buckets approach all pairs. */
export const MAX_HAMMING_BITS = 16;

/** A 64-bit hash as two 32-bit words ([high, low]) or 16 hex digits ("f0e1d2c3b4a59687", high first). */
export type Hash64 = Uint32Array | string;

function parseHash(hash: Hash64, row: number): [number, number] {
  if (typeof hash === 'string') {
    if (!/^[0-9a-fA-F]{16}$/.test(hash)) {
      throw new RangeError(`The hash of row ${row} must be 16 hex digits, got '${hash}'.`);
    }
    return [parseInt(hash.slice(0, 8), 16) >>> 0, parseInt(hash.slice(8), 16) >>> 0];
  }
  if (!(hash instanceof Uint32Array) || hash.length !== 2) {
    throw new RangeError(`The hash of row ${row} must be a Uint32Array of 2 words or 16 hex digits.`);
  }
  return [hash[0], hash[1]];
}

/** Number of set bits of a 32-bit integer (SWAR popcount). */
export function countBits32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Groups rows whose hashes differ in at most `maxHammingBits` bits (linked transitively). Identical
 * hashes are merged first. Then each 32-bit word is cut into ⌈(d+1)/2⌉ bands, d+1 or d+2 bands in all:
 * two hashes within distance d differ in at most d bands, so they agree exactly on at least one band
 * (pigeonhole) and meet in that band's bucket; only pairs sharing a bucket are checked. For random-looking
 * hashes and d ≤ 3 (16-bit bands) 10k items give a few thousand checks, not 50 million.
 * Returns groups of ≥ 2 rows ordered by first row, with the largest distance among the pairs that joined them.
 */
export function groupNearDuplicateHashes(
  hashes: readonly { row: number; hash: Hash64 }[],
  maxHammingBits: number,
): { groups: { rows: number[]; maxDistance: number }[] } {
  if (!Number.isInteger(maxHammingBits) || maxHammingBits < 0 || maxHammingBits > MAX_HAMMING_BITS) {
    throw new RangeError(`maxHammingBits must be an integer from 0 to ${MAX_HAMMING_BITS}, got ${maxHammingBits}.`);
  }
  // Unique hashes, each with its rows.
  const index = new Map<string, number>();
  const words: [number, number][] = [];
  const rows: number[][] = [];
  for (const { row, hash } of hashes) {
    const w = parseHash(hash, row);
    const key = `${w[0]}:${w[1]}`;
    const known = index.get(key);
    if (known !== undefined) rows[known].push(row);
    else {
      index.set(key, words.length);
      words.push(w);
      rows.push([row]);
    }
  }
  const sets = new UnionFind(words.length);
  const edges: GroupEdge[] = rows.flatMap((r, i) => (r.length > 1 ? [{ item: i, value: 0 }] : []));
  const bandsPerWord = Math.ceil((maxHammingBits + 1) / 2);
  const width = Math.ceil(32 / bandsPerWord);
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < words.length; i++) {
    for (let w = 0; w < 2; w++) {
      for (let start = 0, band = w * bandsPerWord; start < 32; start += width, band++) {
        const bits = Math.min(width, 32 - start);
        const value = bits === 32 ? words[i][w] : (words[i][w] >>> start) & ((1 << bits) - 1);
        const key = band * 4294967296 + value;
        const bucket = buckets.get(key);
        if (bucket) bucket.push(i);
        else buckets.set(key, [i]);
      }
    }
  }
  for (const members of buckets.values()) {
    for (let x = 0; x < members.length; x++) {
      const a = words[members[x]];
      for (let y = x + 1; y < members.length; y++) {
        const b = words[members[y]];
        const distance = countBits32(a[0] ^ b[0]) + countBits32(a[1] ^ b[1]);
        if (distance <= maxHammingBits) {
          sets.union(members[x], members[y]);
          edges.push({ item: members[x], value: distance });
        }
      }
    }
  }
  const groups = collectGroups(sets, edges, (i) => rows[i], Math.max);
  return { groups: groups.map(({ rows: r, value }) => ({ rows: r, maxDistance: value ?? 0 })) };
}
