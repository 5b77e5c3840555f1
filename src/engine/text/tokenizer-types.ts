// Plain-JSON shapes of fitted tokenizers (FittedTokenizer) and their options, plus the fixed special tokens.
// A fitted tokenizer is stored with the dataset and the model; it must encode later text exactly as training did.

import type { TextNormalization } from './text-normalize';

/** Which tokenizer: by Unicode code point, by word (Intl.Segmenter), or byte-level byte-pair encoding. */
export type TokenizerKind = 'char' | 'word' | 'bpe';

/**
 * Special tokens, always the first ids of every vocabulary in this order. `<pad>` is 0 so that zero-filled
 * arrays are padding; `<unk>` stands for text outside the vocabulary (never produced by BPE, which covers
 * every byte); `<bos>`/`<eos>` mark the start and end of a text for language models; `<mask>` is what
 * random masking writes.
 */
export const SPECIAL_TOKENS = ['<pad>', '<unk>', '<bos>', '<eos>', '<mask>'] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const BOS_ID = 2;
export const EOS_ID = 3;
export const MASK_ID = 4;
/** Number of special ids; the first learned token has this id. */
export const SPECIAL_COUNT = SPECIAL_TOKENS.length;

/** Fields every fitted tokenizer has. */
interface FittedBase {
  version: 1;
  /** Always `SPECIAL_TOKENS`, stored so that a reader can check it. */
  specialTokens: string[];
  /** Applied to every text before training and before encoding. */
  normalization: TextNormalization;
}

/** By code point. `tokens[id]` is the token; `tokens[0..4]` are the special tokens. */
export interface FittedCharTokenizer extends FittedBase {
  kind: 'char';
  tokens: string[];
}

/** By word. `tokens[id]` is the word; `tokens[0..4]` are the special tokens. */
export interface FittedWordTokenizer extends FittedBase {
  kind: 'word';
  tokens: string[];
  /** BCP 47 locale given to Intl.Segmenter, e.g. 'en', 'zh', 'ja'. */
  locale: string;
  /** True: punctuation and symbol segments are tokens too; false: only word-like segments. */
  keepPunctuation: boolean;
}

/**
 * Byte-level BPE. Ids 5..260 are the bytes 0..255; merge r (0-based rank) makes id 261 + r from the pair
 * `merges[2r], merges[2r + 1]`. Vocabulary size = 261 + merges.length / 2.
 */
export interface FittedBpeTokenizer extends FittedBase {
  kind: 'bpe';
  /** Name of the pre-splitting rule (see bpe-codec.ts), versioned so stored tokenizers keep working. */
  preSplit: 'words-v1';
  /** Flat pairs of ids in rank order: [left0, right0, left1, right1, ...]. */
  merges: number[];
}

/** A fitted tokenizer: plain JSON, structured-cloneable; treat it as immutable (encoders cache by identity). */
export type FittedTokenizer = FittedCharTokenizer | FittedWordTokenizer | FittedBpeTokenizer;

/** The fitted tokenizer of one kind, e.g. FittedOf<'bpe'> = FittedBpeTokenizer. */
export type FittedOf<K extends TokenizerKind> = Extract<FittedTokenizer, { kind: K }>;

/** Options shared by every kind. */
export interface CommonTokenizerOptions {
  /** Normalization switches; missing fields take the kind's defaults (see TOKENIZER_REGISTRY). */
  normalization?: Partial<TextNormalization>;
}

/** Character tokenizer. Defaults: minCount 1, maxVocab 5000 (specials included). */
export interface CharTokenizerOptions extends CommonTokenizerOptions {
  /** A code point must occur at least this often in the training text to get an id. */
  minCount?: number;
  /** Largest vocabulary, special tokens included; the most frequent code points are kept. */
  maxVocab?: number;
}

/** Word tokenizer. Defaults: locale 'en', keepPunctuation true, minCount 1, maxVocab 20000. */
export interface WordTokenizerOptions extends CommonTokenizerOptions {
  locale?: string;
  keepPunctuation?: boolean;
  minCount?: number;
  /** Largest vocabulary, special tokens included; the most frequent words are kept. */
  maxVocab?: number;
}

/** BPE tokenizer. Defaults: vocabSize 2000, minPairCount 2. */
export interface BpeTokenizerOptions extends CommonTokenizerOptions {
  /** Target vocabulary size, specials and the 256 bytes included (so at least 261). */
  vocabSize?: number;
  /** Training stops early when the most frequent pair occurs fewer times than this. */
  minPairCount?: number;
}

export interface TokenizerOptionsByKind {
  char: CharTokenizerOptions;
  word: WordTokenizerOptions;
  bpe: BpeTokenizerOptions;
}

/** Options of `encode`: add `<bos>` first and/or `<eos>` last (both default false). */
export interface EncodeOptions {
  addBos?: boolean;
  addEos?: boolean;
}

/** Options of `decode`. keepSpecials false (default): pad/bos/eos vanish, unk/mask become U+FFFD. */
export interface DecodeOptions {
  keepSpecials?: boolean;
}

/** Throws a RangeError naming the option unless `value` is an integer in [min, max]. */
export function checkIntegerOption(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}.`);
  }
}

/**
 * Fits a tokenizer from text fed piece by piece (each piece one text, or one chunk of a corpus; a word cut by
 * a chunk boundary counts as two pieces, a negligible effect for chunks of many words). `finish` returns the
 * fitted tokenizer and may be called once.
 */
export interface TokenizerTrainer<F extends FittedTokenizer = FittedTokenizer> {
  addText(text: string): void;
  finish(): F;
}
