// Fast non-cryptographic hashing of strings and rows of cells: two independent 32-bit hashes folded
// into a 53-bit integer key that a Map can hold exactly. Used for duplicate rows, label conflicts and MinHash.

// MurmurHash3's finalizer lives with the seeded random numbers; re-exported for the hash users here.
import { mix32 } from '../random';

export { mix32 };

/** FNV-1a (32-bit) over the UTF-16 code units s[start..end), continuing from state `h` (offset basis 0x811c9dc5). */
export function hashStringRange(s: string, start: number, end: number, h = 0x811c9dc5): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Running state of a pair of hashes over a sequence of cells. Each cell is fed as its length followed
 * by its code units, so cell boundaries are unambiguous (["ab","c"] ≠ ["a","bc"]) whatever characters
 * the cells contain. Hash A is FNV-1a; hash B is a multiply-xorshift hash with other constants, so the
 * two collide independently.
 */
export interface HashPair {
  a: number;
  b: number;
}

export function startHashPair(): HashPair {
  return { a: 0x811c9dc5, b: 0x9747b28c };
}

/** Feeds one cell into `state` (mutated). O(cell length). */
export function addCellToHash(state: HashPair, cell: string): void {
  let a = Math.imul(state.a ^ cell.length, 0x01000193);
  let b = Math.imul(state.b ^ cell.length, 0x5bd1e995);
  b ^= b >>> 13;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  state.a = a;
  state.b = b;
}

/**
 * A 53-bit key (a safe integer) from the pair: 32 bits of mixed A and 21 bits of mixed B. Two different
 * rows share a key with probability about 2^-53, so among n rows the chance of any false match is about
 * n²/2^54 (≈ 6e-5 for a million rows, ≈ 6e-7 for 100 000).
 */
export function hashPairKey(state: HashPair): number {
  return mix32(state.a) * 2097152 + (mix32(state.b ^ 0x68e31da4) >>> 11);
}
