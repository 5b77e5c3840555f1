// Plain-JSON shapes of per-column feature encodings: what the user picks (EncodingSpec) and what is
// fitted on the training rows (FeatureEncoder), stored in the fitted pipeline.
import type { FittedTokenizer } from '../text/tokenizer-types';
import type { DatePartName } from './cell-values';

/** Categories under `minCount` rows or `minShare` of the training rows are merged into `__other__`. */
export interface RareGrouping {
  /** Minimum training rows a category needs to keep its own output (default 0: no grouping by count). */
  minCount?: number;
  /** Minimum share (0..1) of the non-missing training cells a category needs (default 0). */
  minShare?: number;
}

/** Options of the bag-of-tokens encoding of a text column; defaults in bag-of-tokens.ts (word, 1000, 2). */
export interface BagOfTokensOptions {
  /** 'word' (lower-cased words) or 'bpe' (subword pieces learned from the training texts). */
  tokenizer?: 'word' | 'bpe';
  /** Most tokens kept, i.e. most features: the most frequent in the training texts. */
  maxTokens?: number;
  /** A token needs at least this many occurrences in the training texts to be kept. */
  minCount?: number;
}

/** Options of the token-sequence encoding of a text column; defaults in token-sequence.ts (word, 5000, 2, 64, post, post). */
export interface TokenSequenceOptions {
  /** 'word' (lower-cased words), 'char' (code points) or 'bpe' (subword pieces learned from the training texts). */
  tokenizer?: 'word' | 'char' | 'bpe';
  /** Largest vocabulary, the special tokens (<pad>, <unk>, ...) included: the model's embedding rows. */
  vocabSize?: number;
  /** A word or character needs this many training occurrences to get an id (BPE: a pair needs it to merge). */
  minCount?: number;
  /** Tokens per row, or 'auto': the 95th percentile of the training texts' token counts, at most 256. */
  length?: number | 'auto';
  /** Where padding goes in a short text: 'post' (after the tokens) or 'pre'. */
  padding?: 'pre' | 'post';
  /** Which end of a long text is cut: 'post' (keeps the start) or 'pre' (keeps the end). */
  truncation?: 'pre' | 'post';
}

/** An encoding choice for one column (its options; statistics are fitted later). */
export type EncodingSpec =
  | { kind: 'standardize' }
  | { kind: 'min-max' }
  | { kind: 'log1p' }
  | { kind: 'yeo-johnson' }
  | { kind: 'none' }
  | ({ kind: 'one-hot' } & RareGrouping)
  /** `order`: the categories from lowest to highest; default: sorted training categories. */
  | ({ kind: 'ordinal'; order?: string[] } & RareGrouping)
  | { kind: 'hash'; buckets: number }
  | { kind: 'boolean' }
  | { kind: 'date-parts'; parts?: DatePartName[] }
  | ({ kind: 'bag-of-tokens' } & BagOfTokensOptions)
  | ({ kind: 'token-sequence' } & TokenSequenceOptions);

export type EncodingKind = EncodingSpec['kind'];

/** The encoding chosen for one column of the cleaned table (an array, never an object keyed by column name). */
export interface ColumnEncoding {
  column: string;
  encoding: EncodingSpec;
}

/** The category rare (and, when grouping, unseen) values are merged into. */
export const OTHER_CATEGORY = '__other__';

/**
 * One fitted feature transform. Missing or unreadable cells encode as the transform of the training
 * mean (0 after standardizing; `fill` where stored), except one-hot and hash (all zeros).
 */
export type FeatureEncoder =
  /** (x - mean) / std. std 0 is stored as 1. Width 1. */
  | { kind: 'standardize'; column: string; mean: number; std: number }
  /** One output per category seen in training; unseen or missing values give all zeros, or `__other__` when `other`. */
  | { kind: 'one-hot'; column: string; categories: string[]; other?: boolean }
  /** (x - min) / (max - min) over training values (range 0 is stored as 1). Width 1. */
  | { kind: 'min-max'; column: string; min: number; max: number; fill: number }
  /** log(1 + x), then standardized with the training mean/std of log(1 + x). Negative x is clamped to 0. */
  | { kind: 'log1p'; column: string; mean: number; std: number }
  /** Yeo-Johnson ψ(x, lambda), then standardized with the training mean/std of ψ. */
  | { kind: 'yeo-johnson'; column: string; lambda: number; mean: number; std: number }
  /** The number as it is. */
  | { kind: 'none'; column: string; fill: number }
  /** index / (k - 1) in `categories` order (0..1); unknown or missing -> `fill` (training mean), or `__other__` when `other`. */
  | { kind: 'ordinal'; column: string; categories: string[]; other?: boolean; fill: number }
  /** One output per bucket: bucket = FNV-1a 32-bit hash of the trimmed value's UTF-8 bytes mod `buckets`. */
  | { kind: 'hash'; column: string; buckets: number }
  /** 1 for true/yes/1, 0 for false/no/0 (case-insensitive); other cells -> `fill` (training share of 1s). */
  | { kind: 'boolean'; column: string; fill: number }
  /** One standardized output per date part (ISO weekday, Monday = 1); missing dates -> 0. */
  | { kind: 'date-parts'; column: string; parts: DatePartName[]; mean: number[]; std: number[] }
  /** Raw count of each kept token `ids` (ascending vocabulary ids of `tokenizer`) in the text; missing -> zeros. */
  | { kind: 'bag-of-tokens'; column: string; tokenizer: FittedTokenizer; ids: number[] }
  /**
   * `length` token ids of `tokenizer` (vocabulary size = the model's vocabSize), padded with 0 (<pad>) and
   * truncated on the given sides; words outside the vocabulary are 1 (<unk>); missing -> all padding.
   */
  | { kind: 'token-sequence'; column: string; tokenizer: FittedTokenizer; length: number; padding: 'pre' | 'post'; truncation: 'pre' | 'post' };
