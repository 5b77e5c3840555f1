// Character tokenizer: one token per Unicode code point seen often enough in the training text.
// Code points outside the vocabulary encode as <unk>.

import { type TextNormalization, normalizeText } from './text-normalize';
import { checkTokenId, fittedHeader, incrementCount, rankVocabulary, specialText, tokenIndex } from './token-vocabulary';
import {
  type CharTokenizerOptions,
  type FittedCharTokenizer,
  type TokenizerTrainer,
  SPECIAL_COUNT,
  UNK_ID,
} from './tokenizer-types';

export const CHAR_DEFAULTS = { minCount: 1, maxVocab: 5000 } as const;

/** Counts code points of normalized training texts; `finish` ranks them into a vocabulary (see rankVocabulary). */
export function createCharTrainer(
  normalization: TextNormalization,
  options: CharTokenizerOptions = {},
): TokenizerTrainer<FittedCharTokenizer> {
  const counts = new Map<string, number>();
  return {
    addText(text) {
      for (const ch of normalizeText(text, normalization)) incrementCount(counts, ch);
    },
    finish() {
      const minCount = options.minCount ?? CHAR_DEFAULTS.minCount;
      const maxVocab = options.maxVocab ?? CHAR_DEFAULTS.maxVocab;
      return { kind: 'char', ...fittedHeader(normalization), tokens: rankVocabulary(counts, minCount, maxVocab, 'character') };
    },
  };
}

/** Ids of the code points of the normalized text; unknown ones give UNK_ID. Lone surrogates count as code points. */
export function encodeChars(fitted: FittedCharTokenizer, text: string): number[] {
  const index = tokenIndex(fitted.tokens);
  const ids: number[] = [];
  for (const ch of normalizeText(text, fitted.normalization)) ids.push(index.get(ch) ?? UNK_ID);
  return ids;
}

/** Concatenates the tokens of `ids` (specials per specialText). Throws a RangeError for an id out of range. */
export function decodeChars(fitted: FittedCharTokenizer, ids: ArrayLike<number>, keepSpecials: boolean): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    checkTokenId(id, fitted.tokens.length);
    parts.push(id < SPECIAL_COUNT ? specialText(id, keepSpecials) : fitted.tokens[id]);
  }
  return parts.join('');
}
