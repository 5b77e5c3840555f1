// Tests for near-duplicate texts (MinHash + LSH) and near-duplicate 64-bit hashes (pigeonhole bands),
// against planted duplicates and an independent brute-force grouping.
import { describe, expect, it } from 'vitest';
import { createRandom, type RandomSource } from '../../../src/engine/random';
import { estimateJaccard, findNearDuplicateTexts, normalizeText } from '../../../src/engine/quality/near-duplicate-text';
import { countBits32, groupNearDuplicateHashes } from '../../../src/engine/quality/near-duplicate-hashes';

function randomWords(random: RandomSource, count: number): string {
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const len = 3 + Math.floor(random() * 6);
    let w = '';
    for (let j = 0; j < len; j++) w += String.fromCharCode(97 + Math.floor(random() * 26));
    words.push(w);
  }
  return words.join(' ');
}

/** Exact Jaccard of two texts' 5-shingle sets (independent of MinHash). */
function exactJaccard(a: string, b: string, k = 5): number {
  const shingles = (t: string) => new Set(Array.from({ length: t.length - k + 1 }, (_, i) => t.slice(i, i + k)));
  const sa = shingles(a);
  const sb = shingles(b);
  let inter = 0;
  for (const s of sa) if (sb.has(s)) inter++;
  return inter / (sa.size + sb.size - inter);
}

describe('findNearDuplicateTexts', () => {
  const random = createRandom(11);
  const texts = Array.from({ length: 300 }, () => randomWords(random, 50));
  const base = texts[0];
  // Near copies of text 0: one word changed at the end, or a few characters changed in the middle.
  const copies = [base.slice(0, -6) + ' zzzzz', base.slice(0, 100) + 'QQ' + base.slice(102), base + ' end'];
  const inputs = [
    ...texts.map((text, row) => ({ row, text })),
    ...copies.map((text, i) => ({ row: 300 + i, text })),
    { row: 400, text: '  ' + texts[10].toUpperCase().replace(/ /g, '\n\t') }, // text 10 reformatted
    { row: 401, text: '   ' }, // empty after normalization: skipped
  ];

  it('groups near-identical texts and leaves unrelated ones alone', () => {
    for (const c of copies) expect(exactJaccard(normalizeText(base), normalizeText(c))).toBeGreaterThan(0.85);
    const { groups, comparedPairs } = findNearDuplicateTexts(inputs, { seed: 3 });
    expect(groups.map((g) => g.rows)).toEqual([[0, 300, 301, 302], [10, 400]]);
    expect(groups[1].similarity).toBe(1);
    expect(groups[0].similarity).toBeGreaterThanOrEqual(0.8);
    expect(groups[0].similarity).toBeLessThan(1);
    // LSH keeps the work far below all 45 000 pairs.
    expect(comparedPairs).toBeLessThan(200);
  });

  it('is reproducible for a seed', () => {
    const a = findNearDuplicateTexts(inputs, { seed: 5 });
    expect(findNearDuplicateTexts(inputs, { seed: 5 })).toEqual(a);
    expect(a.groups.map((g) => g.rows)).toEqual([[0, 300, 301, 302], [10, 400]]);
  });

  it('estimates Jaccard close to the exact value, and the threshold decides', () => {
    // Two texts sharing their first half: exact Jaccard well inside (0, 1).
    const a = randomWords(random, 40);
    const b = a.slice(0, 120) + randomWords(random, 20);
    const j = exactJaccard(a, b);
    expect(j).toBeGreaterThan(0.2);
    expect(j).toBeLessThan(0.8);
    const pair = [{ row: 0, text: a }, { row: 1, text: b }];
    // With 256 hashes the estimate's sd is ≤ 0.032; bandRows 1 makes every shared entry a candidate.
    const low = findNearDuplicateTexts(pair, { numHashes: 256, bandRows: 1, threshold: Math.max(0.01, j - 0.12) });
    expect(low.groups).toHaveLength(1);
    expect(Math.abs(low.groups[0].similarity - j)).toBeLessThan(0.12);
    expect(findNearDuplicateTexts(pair, { numHashes: 256, bandRows: 1, threshold: Math.min(1, j + 0.12) }).groups).toEqual([]);
  });

  it('handles texts shorter than a shingle and checks its options', () => {
    expect(findNearDuplicateTexts([{ row: 4, text: 'ab' }, { row: 2, text: 'AB' }, { row: 3, text: 'abc' }]).groups).toEqual([
      { rows: [2, 4], similarity: 1 },
    ]);
    expect(() => findNearDuplicateTexts([], { numHashes: 10, bandRows: 4 })).toThrow(/multiple of bandRows/);
    expect(() => findNearDuplicateTexts([], { threshold: 0 })).toThrow(/threshold/);
    expect(() => findNearDuplicateTexts([], { shingleSize: 0 })).toThrow(/shingleSize/);
    expect(estimateJaccard(Uint32Array.of(1, 2, 3, 4), Uint32Array.of(1, 2, 0, 0))).toBe(0.5);
  });
});

describe('groupNearDuplicateHashes', () => {
  function randomHashes(n: number, seed: number): Uint32Array[] {
    const random = createRandom(seed);
    return Array.from({ length: n }, () => Uint32Array.of(random() * 2 ** 32, random() * 2 ** 32));
  }
  function flip(h: Uint32Array, bits: number[]): Uint32Array {
    const out = Uint32Array.from(h);
    for (const b of bits) out[b >> 5] ^= 1 << (b & 31);
    return out;
  }
  /** Groups by checking every pair (independent method): connected components by depth-first search. */
  function bruteForce(hashes: Uint32Array[], d: number): number[][] {
    const seen = new Array<boolean>(hashes.length).fill(false);
    const out: number[][] = [];
    for (let s = 0; s < hashes.length; s++) {
      if (seen[s]) continue;
      const stack = [s];
      const comp: number[] = [];
      seen[s] = true;
      while (stack.length) {
        const i = stack.pop()!;
        comp.push(i);
        for (let j = 0; j < hashes.length; j++) {
          if (seen[j]) continue;
          const dist = countBits32(hashes[i][0] ^ hashes[j][0]) + countBits32(hashes[i][1] ^ hashes[j][1]);
          if (dist <= d) {
            seen[j] = true;
            stack.push(j);
          }
        }
      }
      if (comp.length > 1) out.push(comp.sort((a, b) => a - b));
    }
    return out;
  }

  it('counts bits', () => {
    expect(countBits32(0)).toBe(0);
    expect(countBits32(0xffffffff)).toBe(32);
    expect(countBits32(0x80000001)).toBe(2);
  });

  it('matches brute force on planted near duplicates for d = 0..5', () => {
    const hashes = randomHashes(1500, 21);
    // Plant copies at distances 0..5 of hashes 0..59, bits spread over both words.
    for (let i = 0; i < 60; i++) hashes.push(flip(hashes[i], Array.from({ length: i % 6 }, (_, k) => (i * 7 + k * 13) % 64)));
    for (let d = 0; d <= 5; d++) {
      const got = groupNearDuplicateHashes(hashes.map((hash, row) => ({ row, hash })), d).groups;
      expect(got.map((g) => g.rows)).toEqual(bruteForce(hashes, d));
      // Copies i with i % 6 <= d are within reach: 10 per distance.
      expect(got).toHaveLength(10 * (d + 1));
      for (const g of got) expect(g.maxDistance).toBeLessThanOrEqual(d);
    }
  });

  it('accepts hex strings and merges identical hashes', () => {
    const { groups } = groupNearDuplicateHashes(
      [
        { row: 5, hash: 'ffffffff00000000' },
        { row: 1, hash: 'FFFFFFFF00000000' },
        { row: 9, hash: 'ffffffff00000007' }, // 3 bits away
        { row: 2, hash: '0123456789abcdef' },
      ],
      3,
    );
    expect(groups).toEqual([{ rows: [1, 5, 9], maxDistance: 3 }]);
    expect(groupNearDuplicateHashes([{ row: 0, hash: 'ffffffff00000000' }, { row: 1, hash: 'ffffffff00000007' }], 2).groups).toEqual([]);
  });

  it('groups 20k hashes quickly with distance 3', () => {
    const hashes = randomHashes(20_000, 4);
    for (let i = 0; i < 100; i++) hashes.push(flip(hashes[i * 3], [i % 64, (i + 20) % 64, (i + 40) % 64]));
    const start = performance.now();
    const { groups } = groupNearDuplicateHashes(hashes.map((hash, row) => ({ row, hash })), 3);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(groups).toHaveLength(100);
    expect(groups[7]).toEqual({ rows: [21, 20_007], maxDistance: 3 });
  });

  it('rejects bad hashes and distances', () => {
    expect(() => groupNearDuplicateHashes([{ row: 3, hash: 'xyz' }], 1)).toThrow(/row 3/);
    expect(() => groupNearDuplicateHashes([{ row: 0, hash: new Uint32Array(3) }], 1)).toThrow(RangeError);
    expect(() => groupNearDuplicateHashes([], 17)).toThrow(/maxHammingBits/);
    expect(() => groupNearDuplicateHashes([], 1.5)).toThrow(/maxHammingBits/);
  });
});
