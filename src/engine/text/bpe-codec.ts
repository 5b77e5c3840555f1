// Byte-level BPE shared rules and codec: how text is pre-split into words, the id layout (specials, 256
// bytes, merges), encoding by merge rank and decoding back to text through WTF-8 bytes.

import { normalizeText } from './text-normalize';
import { checkSpecialTokens, checkTokenId, specialText } from './token-vocabulary';
import { type FittedBpeTokenizer, SPECIAL_COUNT } from './tokenizer-types';
import { decodeWtf8, pushWtf8Bytes } from './wtf8';

/** Id of byte b is BYTE_ID_OFFSET + b. */
export const BYTE_ID_OFFSET = SPECIAL_COUNT;
/** Id made by merge rank r is FIRST_MERGE_ID + r. */
export const FIRST_MERGE_ID = SPECIAL_COUNT + 256;
/** Largest vocabulary: pair keys pack two ids below 2^20 into one safe integer. */
export const MAX_BPE_VOCAB = 1 << 20;

/** One number for the ordered pair (left, right); ordering keys orders pairs lexicographically. */
export function pairKey(left: number, right: number): number {
  return left * MAX_BPE_VOCAB + right;
}

/**
 * 'words-v1': an optional leading space plus a run of letters/marks, of digits, or of other non-space
 * characters (each run at most 64 code points, which bounds training and encoding cost for long runs such
 * as Chinese sentences without spaces); whitespace runs keep their last space for the next word (GPT-2
 * style). The pieces always concatenate back to the input; lone surrogates fall in the 'other' class.
 */
const WORDS_V1 = / ?[\p{L}\p{M}]{1,64}| ?\p{N}{1,64}| ?[^\s\p{L}\p{M}\p{N}]{1,64}|\s{1,64}(?!\S)|\s{1,64}/gu;

/** Pre-splits `text` into BPE words by the 'words-v1' rule (merges never cross word edges). Pure. */
export function splitBpeWords(text: string): string[] {
  return text.match(WORDS_V1) ?? [];
}

/** Lookups derived from a fitted BPE tokenizer, built once per object. */
interface CompiledBpe {
  ranks: Map<number, number>;
  /** Bytes of every id (empty for specials). */
  tokenBytes: Uint8Array[];
  wordCache: Map<string, number[]>;
}

const compiledCache = new WeakMap<FittedBpeTokenizer, CompiledBpe>();
const WORD_CACHE_LIMIT = 50_000;

/** Builds (or returns the cached) lookups; throws a RangeError for a malformed merge list. */
function compileBpe(fitted: FittedBpeTokenizer): CompiledBpe {
  let compiled = compiledCache.get(fitted);
  if (compiled !== undefined) return compiled;
  checkSpecialTokens(fitted.specialTokens);
  if (fitted.preSplit !== 'words-v1') throw new RangeError(`Unknown BPE pre-split rule '${String(fitted.preSplit)}'; refit the tokenizer.`);
  const merges = fitted.merges;
  if (merges.length % 2 !== 0) throw new RangeError('BPE merges must be a flat list of id pairs (even length).');
  const tokenBytes: Uint8Array[] = [];
  for (let id = 0; id < SPECIAL_COUNT; id++) tokenBytes.push(new Uint8Array(0));
  for (let b = 0; b < 256; b++) tokenBytes.push(Uint8Array.of(b));
  const ranks = new Map<number, number>();
  for (let r = 0; r < merges.length / 2; r++) {
    const left = merges[2 * r];
    const right = merges[2 * r + 1];
    const id = FIRST_MERGE_ID + r;
    for (const part of [left, right]) {
      if (!Number.isInteger(part) || part < BYTE_ID_OFFSET || part >= id) {
        throw new RangeError(`BPE merge ${r} uses id ${String(part)}, which is not an earlier token; refit the tokenizer.`);
      }
    }
    ranks.set(pairKey(left, right), r);
    const bytes = new Uint8Array(tokenBytes[left].length + tokenBytes[right].length);
    bytes.set(tokenBytes[left]);
    bytes.set(tokenBytes[right], tokenBytes[left].length);
    tokenBytes.push(bytes);
  }
  compiled = { ranks, tokenBytes, wordCache: new Map() };
  compiledCache.set(fitted, compiled);
  return compiled;
}

/** Bytes of every id of a fitted BPE tokenizer (specials: empty). Shared, do not modify. */
export function bpeTokenBytes(fitted: FittedBpeTokenizer): readonly Uint8Array[] {
  return compileBpe(fitted).tokenBytes;
}

/** Replaces each (left, right) occurrence, scanning left to right without overlap, by `merged`. */
export function mergePairInPlace(s: number[], left: number, right: number, merged: number): void {
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    if (i + 1 < s.length && s[i] === left && s[i + 1] === right) {
      s[j++] = merged;
      i += 1;
    } else {
      s[j++] = s[i];
    }
  }
  s.length = j;
}

/**
 * Applies merges to one word's byte ids by rank: repeatedly merge every occurrence (left to right) of the
 * adjacent pair with the lowest rank, as training did. Modifies and returns `symbols`.
 */
function mergeByRank(symbols: number[], ranks: Map<number, number>, merges: readonly number[]): number[] {
  while (symbols.length > 1) {
    let best = Infinity;
    for (let i = 0; i + 1 < symbols.length; i++) {
      const r = ranks.get(pairKey(symbols[i], symbols[i + 1]));
      if (r !== undefined && r < best) best = r;
    }
    if (best === Infinity) break;
    mergePairInPlace(symbols, merges[2 * best], merges[2 * best + 1], FIRST_MERGE_ID + best);
  }
  return symbols;
}

/** Ids of the normalized text: each pre-split word's WTF-8 bytes merged by rank. Never produces <unk>. */
export function encodeBpe(fitted: FittedBpeTokenizer, text: string): number[] {
  const { ranks, wordCache } = compileBpe(fitted);
  const ids: number[] = [];
  for (const word of splitBpeWords(normalizeText(text, fitted.normalization))) {
    let wordIds = wordCache.get(word);
    if (wordIds === undefined) {
      wordIds = mergeByRank(pushWtf8Bytes(word, []).map((b) => b + BYTE_ID_OFFSET), ranks, fitted.merges);
      if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
      wordCache.set(word, wordIds);
    }
    for (const id of wordIds) ids.push(id);
  }
  return ids;
}

/**
 * Text of `ids`: the bytes of all tokens decoded together with decodeWtf8 (so a character split across
 * tokens comes back whole; bytes that form no character become U+FFFD). Specials per specialText, placed
 * between the decoded runs around them. Throws a RangeError for an id out of range.
 */
export function decodeBpe(fitted: FittedBpeTokenizer, ids: ArrayLike<number>, keepSpecials: boolean): string {
  const { tokenBytes } = compileBpe(fitted);
  const parts: string[] = [];
  let bytes: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    checkTokenId(id, tokenBytes.length);
    if (id < SPECIAL_COUNT) {
      parts.push(decodeWtf8(bytes), specialText(id, keepSpecials));
      bytes = [];
    } else {
      for (const b of tokenBytes[id]) bytes.push(b);
    }
  }
  parts.push(decodeWtf8(bytes));
  return parts.join('');
}
