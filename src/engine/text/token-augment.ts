// Seeded text augmentation on token ids: random deletion, random adjacent swaps and random masking.
// Pads (and <bos>/<eos>) are never deleted, moved or masked, so augmented rows keep their structure.

import { createRandom, deriveSeed } from '../random';
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID } from './tokenizer-types';

/** What to do to a token id list; every field defaults to "off" (0). Applied in order: delete, swap, mask. */
export interface TokenAugmentSpec {
  /** Probability in [0, 1] that each unprotected token is deleted. At least one unprotected token survives. */
  deleteProb?: number;
  /** Number of swaps of two adjacent unprotected tokens (integer >= 0). */
  swaps?: number;
  /** Probability in [0, 1] that each unprotected token is replaced by `maskId`. */
  maskProb?: number;
  /** Id written by masking. Default MASK_ID (4). */
  maskId?: number;
  /** Ids never deleted, swapped or masked. Default [PAD_ID, BOS_ID, EOS_ID]. */
  protectedIds?: number[];
}

/** Each augmentation with its label, what it does, and the value a form starts from when switched on. */
export const TOKEN_AUGMENTATION_REGISTRY = {
  delete: {
    label: 'Random deletion',
    description: 'Drops each token with the given probability, so the model cannot rely on any single word.',
    defaults: { deleteProb: 0.1 },
  },
  swap: {
    label: 'Random swaps',
    description: 'Swaps neighbouring tokens a few times, so the model tolerates small changes of word order.',
    defaults: { swaps: 1 },
  },
  mask: {
    label: 'Random masking',
    description: 'Replaces each token by <mask> with the given probability (as in masked-language-model training).',
    defaults: { maskProb: 0.15, maskId: MASK_ID },
  },
} as const;

function checkProbability(name: string, p: number): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new RangeError(`${name} must be a probability from 0 to 1, got ${String(p)}.`);
}

/**
 * Returns an augmented copy of `ids` (shorter when tokens were deleted). Each step draws from its own stream,
 * deriveSeed(seed, 1 | 2 | 3), so the same seed gives the same result and turning one step on or off does
 * not change the others' draws. Throws a RangeError for a bad spec. Pure.
 */
export function augmentTokens(ids: ArrayLike<number>, spec: TokenAugmentSpec, seed: number): Int32Array {
  const deleteProb = spec.deleteProb ?? 0;
  const swaps = spec.swaps ?? 0;
  const maskProb = spec.maskProb ?? 0;
  const maskId = spec.maskId ?? MASK_ID;
  checkProbability('deleteProb', deleteProb);
  checkProbability('maskProb', maskProb);
  if (!Number.isInteger(swaps) || swaps < 0) throw new RangeError(`swaps must be an integer >= 0, got ${String(swaps)}.`);
  if (!Number.isInteger(maskId) || maskId < 0) throw new RangeError(`maskId must be a token id (integer >= 0), got ${String(maskId)}.`);
  const protectedIds = new Set(spec.protectedIds ?? [PAD_ID, BOS_ID, EOS_ID]);
  let out = Array.from(ids);

  if (deleteProb > 0) {
    const random = createRandom(deriveSeed(seed, 1));
    const keep = out.map((id) => protectedIds.has(id) || random() >= deleteProb);
    const free = out.flatMap((id, i) => (protectedIds.has(id) ? [] : [i]));
    // Deleting every content token would leave an empty example; keep one at random instead.
    if (free.length > 0 && free.every((i) => !keep[i])) keep[free[Math.min(free.length - 1, Math.floor(random() * free.length))]] = true;
    out = out.filter((_, i) => keep[i]);
  }
  if (swaps > 0) {
    const random = createRandom(deriveSeed(seed, 2));
    // Positions i where i and i + 1 may trade places; swapping never changes which positions qualify.
    const starts = out.flatMap((id, i) => (i + 1 < out.length && !protectedIds.has(id) && !protectedIds.has(out[i + 1]) ? [i] : []));
    for (let s = 0; s < swaps && starts.length > 0; s++) {
      const i = starts[Math.min(starts.length - 1, Math.floor(random() * starts.length))];
      [out[i], out[i + 1]] = [out[i + 1], out[i]];
    }
  }
  if (maskProb > 0) {
    const random = createRandom(deriveSeed(seed, 3));
    out = out.map((id) => (!protectedIds.has(id) && random() < maskProb ? maskId : id));
  }
  return Int32Array.from(out);
}

/**
 * Augments each row of a padded Int32Array [rows, length] (as from padSequences) with seed deriveSeed(seed, row)
 * and pads it back to `length` on the `padding` side, so deleted tokens become padding. Returns a new array.
 */
export function augmentPaddedRows(
  rows: Int32Array,
  length: number,
  spec: TokenAugmentSpec,
  seed: number,
  padding: 'pre' | 'post' = 'post',
): Int32Array {
  if (!Number.isInteger(length) || length < 1 || rows.length % length !== 0) {
    throw new RangeError(`Row length ${String(length)} does not divide the ${rows.length} ids; pass the length used to pad.`);
  }
  const out = new Int32Array(rows.length);
  for (let r = 0; r < rows.length / length; r++) {
    const row = augmentTokens(rows.subarray(r * length, (r + 1) * length), spec, deriveSeed(seed, r));
    out.set(row, r * length + (padding === 'pre' ? length - row.length : 0));
  }
  return out;
}
