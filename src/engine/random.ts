// Seeded randomness for the engine: a small PRNG (mulberry32), a Fisher-Yates shuffle and seed mixing.
// Everything is 32-bit integer arithmetic (Math.imul, >>>), so a seed gives the same stream on every platform.

/** A source of uniform floats in [0, 1), as returned by `createRandom`. */
export type RandomSource = () => number;

function checkSeed(seed: number, what: string): void {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new RangeError(`${what} must be a finite number, got ${String(seed)}; pass an integer such as 42.`);
  }
}

/**
 * Creates a mulberry32 generator (Tommy Ettinger's 32-bit generator: one 32-bit state word,
 * period 2^32, good enough for shuffles, splits and initializers, not for cryptography).
 * The seed is reduced to an unsigned 32-bit integer (ToUint32: fractional part dropped, modulo 2^32).
 * Returns a function giving floats in [0, 1) with 32 random bits each. No side effects beyond its own state.
 */
export function createRandom(seed: number): RandomSource {
  checkSeed(seed, 'The random seed');
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shuffles `items` in place with the Fisher-Yates algorithm (every permutation equally likely given a
 * uniform source) and returns the same array. Consumes `items.length - 1` draws from `random`.
 */
export function shuffleInPlace<T>(items: T[], random: RandomSource): T[];
export function shuffleInPlace(items: Int32Array, random: RandomSource): Int32Array;
export function shuffleInPlace(items: Uint32Array, random: RandomSource): Uint32Array;
export function shuffleInPlace<T>(
  items: T[] | Int32Array | Uint32Array,
  random: RandomSource,
): T[] | Int32Array | Uint32Array {
  const a = items as unknown[];
  for (let i = a.length - 1; i > 0; i--) {
    // Clamp in case a custom source ever returns exactly 1.
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
  return items;
}

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** MurmurHash3's 32-bit finalizer: every input bit affects every output bit. Returns an unsigned int. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Mixes `seed` and integer `parts` into a new unsigned 32-bit seed (MurmurHash3-style mixing of
 * 32-bit words), e.g. `deriveSeed(seed, epoch)` for a per-epoch shuffle or `deriveSeed(seed, trial, 3)`.
 * Each value is reduced with ToUint32 first. The order of parts matters; `deriveSeed(s)` differs from `s`.
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  checkSeed(seed, 'The seed');
  let h = 0x9747b28c ^ (seed >>> 0);
  for (const part of parts) {
    checkSeed(part, 'Each part mixed into a seed');
    let k = Math.imul(part >>> 0, 0xcc9e2d51);
    k = rotl32(k, 15);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = rotl32(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  // Fold in the count so that (s) and (s, 0) differ.
  h ^= parts.length + 1;
  return mix32(h);
}
