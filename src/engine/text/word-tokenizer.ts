// Word tokenizer: Unicode word segmentation with Intl.Segmenter (dictionary-based for Chinese, Japanese,
// Thai...), a frequency-capped vocabulary, and a decoder that re-inserts spaces only where scripts use them.

import { type TextNormalization, normalizeText } from './text-normalize';
import { checkTokenId, fittedHeader, incrementCount, rankVocabulary, specialText, tokenIndex } from './token-vocabulary';
import {
  type FittedWordTokenizer,
  type TokenizerTrainer,
  type WordTokenizerOptions,
  SPECIAL_COUNT,
  UNK_ID,
} from './tokenizer-types';

export const WORD_DEFAULTS = { locale: 'en', keepPunctuation: true, minCount: 1, maxVocab: 20000 } as const;

const segmenters = new Map<string, Intl.Segmenter>();

/** One word segmenter per locale; throws a RangeError for a malformed locale tag. */
function wordSegmenter(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    try {
      segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    } catch {
      throw new RangeError(`'${locale}' is not a valid language tag; use one such as 'en', 'zh' or 'ja'.`);
    }
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/**
 * The words of `text` (no normalization here): word-like segments, plus with `keepPunctuation` every other
 * segment that is not whitespace (punctuation, symbols, emoji). Whitespace is dropped. Pure.
 */
export function segmentWords(text: string, locale: string, keepPunctuation: boolean): string[] {
  const words: string[] = [];
  for (const s of wordSegmenter(locale).segment(text)) {
    if (s.isWordLike === true || (keepPunctuation && /\S/u.test(s.segment))) words.push(s.segment);
  }
  return words;
}

/** Counts words of normalized training texts; `finish` keeps the most frequent (see rankVocabulary). */
export function createWordTrainer(
  normalization: TextNormalization,
  options: WordTokenizerOptions = {},
): TokenizerTrainer<FittedWordTokenizer> {
  const locale = options.locale ?? WORD_DEFAULTS.locale;
  const keepPunctuation = options.keepPunctuation ?? WORD_DEFAULTS.keepPunctuation;
  wordSegmenter(locale); // Fail on a bad locale before reading any text.
  const counts = new Map<string, number>();
  return {
    addText(text) {
      for (const word of segmentWords(normalizeText(text, normalization), locale, keepPunctuation)) incrementCount(counts, word);
    },
    finish() {
      const minCount = options.minCount ?? WORD_DEFAULTS.minCount;
      const maxVocab = options.maxVocab ?? WORD_DEFAULTS.maxVocab;
      const tokens = rankVocabulary(counts, minCount, maxVocab, 'word');
      return { kind: 'word', ...fittedHeader(normalization), tokens, locale, keepPunctuation };
    },
  };
}

/** Ids of the words of the normalized text; words outside the vocabulary give UNK_ID. */
export function encodeWords(fitted: FittedWordTokenizer, text: string): number[] {
  const index = tokenIndex(fitted.tokens);
  const words = segmentWords(normalizeText(text, fitted.normalization), fitted.locale, fitted.keepPunctuation);
  return words.map((word) => index.get(word) ?? UNK_ID);
}

// Scripts written without spaces between words, and CJK punctuation / full-width forms.
const NO_SPACE_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\u3000-\u303f\uff00-\uffef]/u;
const NO_SPACE_BEFORE = /^[.,!?;:%)\]}»”’…]/u;
const NO_SPACE_AFTER = /[(\[{«“‘]$/u;

/** Whether decoding puts a space between two consecutive tokens. */
function spaceBetween(previous: string, next: string): boolean {
  if (previous === '' || next === '' || NO_SPACE_BEFORE.test(next) || NO_SPACE_AFTER.test(previous)) return false;
  // Two code units when the token ends with a surrogate pair, so the script test sees the whole character.
  const last = previous.slice(/[\ud800-\udbff][\udc00-\udfff]$/.test(previous) ? -2 : -1);
  const first = next.slice(0, /^[\ud800-\udbff][\udc00-\udfff]/.test(next) ? 2 : 1);
  return !(NO_SPACE_SCRIPT.test(last) && NO_SPACE_SCRIPT.test(first));
}

/**
 * Joins the words of `ids` into readable text: a space between words, except before closing punctuation,
 * after opening brackets/quotes, and between two characters of scripts written without spaces (Chinese,
 * Japanese, Thai...). The original spacing is not stored, so this is an approximation of the input.
 * Specials per specialText. Throws a RangeError for an id out of range.
 */
export function decodeWords(fitted: FittedWordTokenizer, ids: ArrayLike<number>, keepSpecials: boolean): string {
  let out = '';
  let previous = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    checkTokenId(id, fitted.tokens.length);
    const token = id < SPECIAL_COUNT ? specialText(id, keepSpecials) : fitted.tokens[id];
    if (token === '') continue;
    out += spaceBetween(previous, token) ? ` ${token}` : token;
    previous = token;
  }
  return out;
}
