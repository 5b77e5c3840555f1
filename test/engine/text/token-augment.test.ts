// Tests for token augmentation: known answers at the extremes, reproducibility, pads/bos/eos untouched,
// rates near the asked probabilities, independent step streams, padded rows, argument validation.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/engine/random';
import { augmentPaddedRows, augmentTokens } from '../../../src/engine/text/token-augment';

/** Content ids 5..99 with pads (0), bos (2) and eos (3) sprinkled in. */
function randomIds(seed: number, n: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => {
    const r = random();
    return r < 0.15 ? 0 : r < 0.2 ? 2 : r < 0.25 ? 3 : 5 + Math.floor(random() * 95);
  });
}
const isSpecial = (id: number) => id === 0 || id === 2 || id === 3;

describe('augmentTokens', () => {
  it('changes nothing when every step is off', () => {
    expect([...augmentTokens([2, 5, 6, 7, 3, 0], {}, 1)]).toEqual([2, 5, 6, 7, 3, 0]);
  });

  it('knows the extremes: delete all but one, mask all, swap the only pair', () => {
    const deleted = [...augmentTokens([2, 5, 6, 7, 3, 0, 0], { deleteProb: 1 }, 9)];
    expect(deleted.filter((id) => !isSpecial(id))).toHaveLength(1);
    expect(deleted.filter(isSpecial)).toEqual([2, 3, 0, 0]);
    expect([...augmentTokens([2, 5, 6, 3, 0], { maskProb: 1 }, 9)]).toEqual([2, 4, 4, 3, 0]);
    expect([...augmentTokens([2, 5, 6, 3, 0], { maskProb: 1, maskId: 1 }, 9)]).toEqual([2, 1, 1, 3, 0]);
    expect([...augmentTokens([0, 5, 6, 0], { swaps: 1 }, 9)]).toEqual([0, 6, 5, 0]);
    expect([...augmentTokens([0, 5, 6, 0], { swaps: 2 }, 9)]).toEqual([0, 5, 6, 0]);
    expect([...augmentTokens([5, 0, 6], { swaps: 3 }, 9)]).toEqual([5, 0, 6]); // No adjacent content pair.
  });

  it('is reproducible with a seed and varies with it', () => {
    const ids = randomIds(1, 200);
    const spec = { deleteProb: 0.2, swaps: 5, maskProb: 0.2 };
    expect(augmentTokens(ids, spec, 42)).toEqual(augmentTokens(ids, spec, 42));
    expect(augmentTokens(ids, spec, 43)).not.toEqual(augmentTokens(ids, spec, 42));
  });

  it('never deletes, moves or masks pads, bos or eos', () => {
    for (let seed = 0; seed < 20; seed++) {
      const ids = randomIds(seed, 100);
      const specials = ids.filter(isSpecial);
      const deleted = [...augmentTokens(ids, { deleteProb: 0.5 }, seed)];
      expect(deleted.filter(isSpecial)).toEqual(specials);
      for (const spec of [{ swaps: 30 }, { maskProb: 0.5 }]) {
        const out = [...augmentTokens(ids, spec, seed)];
        ids.forEach((id, i) => {
          if (isSpecial(id)) expect(out[i]).toBe(id);
        });
      }
      const swapped = [...augmentTokens(ids, { swaps: 30 }, seed)];
      expect([...swapped].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    }
  });

  it('deletes and masks at about the asked rates', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => 5 + (i % 50));
    // Binomial(20000, 0.3): sd ~ 65; allow 5 sd.
    expect(ids.length - augmentTokens(ids, { deleteProb: 0.3 }, 5).length).toBeGreaterThan(6000 - 325);
    expect(ids.length - augmentTokens(ids, { deleteProb: 0.3 }, 5).length).toBeLessThan(6000 + 325);
    const masked = [...augmentTokens(ids, { maskProb: 0.3 }, 5)].filter((id) => id === 4).length;
    expect(Math.abs(masked - 6000)).toBeLessThan(325);
  });

  it('gives each step its own random stream', () => {
    const ids = randomIds(3, 300);
    const deletedOnly = [...augmentTokens(ids, { deleteProb: 0.3 }, 11)];
    const deletedAndMasked = [...augmentTokens(ids, { deleteProb: 0.3, maskProb: 0.3 }, 11)];
    expect(deletedAndMasked).toHaveLength(deletedOnly.length);
    deletedAndMasked.forEach((id, i) => expect(id === 4 || id === deletedOnly[i]).toBe(true));
  });

  it('rejects a bad spec', () => {
    expect(() => augmentTokens([5], { deleteProb: 1.5 }, 1)).toThrow(/deleteProb/);
    expect(() => augmentTokens([5], { maskProb: Number.NaN }, 1)).toThrow(/maskProb/);
    expect(() => augmentTokens([5], { swaps: 1.5 }, 1)).toThrow(/swaps/);
    expect(() => augmentTokens([5], { maskId: -1 }, 1)).toThrow(/maskId/);
  });
});

describe('augmentPaddedRows', () => {
  it('refills deleted tokens with padding on the padding side', () => {
    const post = augmentPaddedRows(Int32Array.from([5, 6, 7, 0, 8, 9, 0, 0]), 4, { deleteProb: 1 }, 3, 'post');
    expect([...post.subarray(4)]).toSatisfy((row: number[]) => row[1] === 0 && (row[0] === 8 || row[0] === 9));
    expect([...post.subarray(0, 4)].filter((id) => id === 0)).toHaveLength(3);
    const pre = augmentPaddedRows(Int32Array.from([0, 5, 6, 7]), 4, { deleteProb: 1 }, 3, 'pre');
    expect([...pre.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect([5, 6, 7]).toContain(pre[3]);
    expect(() => augmentPaddedRows(Int32Array.from([1, 2, 3]), 2, {}, 1)).toThrow(RangeError);
  });
});
