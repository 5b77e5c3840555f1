// Pieces shared by the count-based tokenizers (char, word): ranking counted tokens into a vocabulary,
// the fitted header, and a per-tokenizer lookup table cached by identity so encode stays fast.

import { DataInputError } from '../data/table-types';
import { MASK_ID, SPECIAL_COUNT, SPECIAL_TOKENS, UNK_ID, checkIntegerOption } from './tokenizer-types';
import type { TextNormalization } from './text-normalize';

/** Adds `by` to the count of `key`. */
export function incrementCount<K>(counts: Map<K, number>, key: K, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/**
 * The full token list (specials first) from counted training tokens: those seen at least `minCount` times,
 * most frequent first, ties in code-unit order (so the result does not depend on the order texts arrived),
 * cut to `maxVocab` ids in total. Throws DataInputError('empty-file') when no token qualifies.
 */
export function rankVocabulary(counts: Map<string, number>, minCount: number, maxVocab: number, what: string): string[] {
  checkIntegerOption('minCount', minCount, 1);
  checkIntegerOption('maxVocab', maxVocab, SPECIAL_TOKENS.length + 1);
  const kept = [...counts].filter(([token, count]) => count >= minCount && !SPECIAL_TOKENS.includes(token as never));
  if (kept.length === 0) {
    throw new DataInputError(
      'empty-file',
      counts.size === 0
        ? `The training texts contain no ${what}s; import text with some content before fitting a tokenizer.`
        : `No ${what} occurs at least ${minCount} times in the training texts; lower the minimum count or add text.`,
    );
  }
  kept.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return [...SPECIAL_TOKENS, ...kept.slice(0, maxVocab - SPECIAL_TOKENS.length).map(([token]) => token)];
}

/** The fields every fitted tokenizer starts with. */
export function fittedHeader(normalization: TextNormalization): { version: 1; specialTokens: string[]; normalization: TextNormalization } {
  return { version: 1, specialTokens: [...SPECIAL_TOKENS], normalization: { ...normalization } };
}

/** Throws a RangeError unless the stored tokenizer uses this build's special tokens (in order). */
export function checkSpecialTokens(specialTokens: readonly string[]): void {
  if (specialTokens.length !== SPECIAL_TOKENS.length || specialTokens.some((t, i) => t !== SPECIAL_TOKENS[i])) {
    throw new RangeError(
      `This tokenizer's special tokens (${specialTokens.join(' ')}) differ from ${SPECIAL_TOKENS.join(' ')}; refit the tokenizer.`,
    );
  }
}

const indexCache = new WeakMap<readonly string[], Map<string, number>>();

/**
 * token -> id for a token list (specials first), built once per list object (fitted tokenizers are immutable).
 * Special tokens are left out so that text which happens to spell '<pad>' never becomes padding.
 * Throws a RangeError when the list does not start with this build's special tokens.
 */
export function tokenIndex(tokens: readonly string[]): Map<string, number> {
  let index = indexCache.get(tokens);
  if (index === undefined) {
    checkSpecialTokens(tokens.slice(0, SPECIAL_COUNT));
    index = new Map();
    for (let id = SPECIAL_COUNT; id < tokens.length; id++) index.set(tokens[id], id);
    indexCache.set(tokens, index);
  }
  return index;
}

/**
 * Text for special id `id` when decoding: its name with keepSpecials, else '' for pad/bos/eos and U+FFFD
 * (the Unicode replacement character) for unk/mask, which stand for text that is not known.
 */
export function specialText(id: number, keepSpecials: boolean): string {
  if (keepSpecials) return SPECIAL_TOKENS[id];
  return id === UNK_ID || id === MASK_ID ? '\ufffd' : '';
}

/** Throws a RangeError unless `id` is an integer id of a vocabulary of `size` ids. */
export function checkTokenId(id: number, size: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= size) {
    throw new RangeError(`Token id ${String(id)} is outside the vocabulary (ids 0 to ${size - 1}); decode ids made by this tokenizer.`);
  }
}
