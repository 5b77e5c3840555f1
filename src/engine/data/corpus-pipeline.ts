// Turns a text corpus into what a language model trains on: a train/validation cut at a line boundary, a
// tokenizer fitted on the training text only, both parts as token id streams, and the unigram baseline.
import { fitTokenizer, encode, vocabularySize } from '../text/tokenizer';
import type { FittedTokenizer } from '../text/tokenizer-types';
import { NO_TEXT_NORMALIZATION } from '../text/text-normalize';
import { DataInputError } from './table-types';

/** Options of prepareCorpus. Defaults: char tokenizer, 10% validation, BPE vocabulary 1000. */
export interface CorpusPipelineOptions {
  tokenizer?: 'char' | 'bpe';
  /** Share of the characters (from the end of the corpus) held out for validation, in (0, 0.5]. */
  validationFraction?: number;
  /** BPE only: target vocabulary size (specials and the 256 bytes included). */
  bpeVocabSize?: number;
}

/** Entropy of the training ids' unigram distribution: the loss of a model that ignores context. */
export interface UnigramBaseline {
  /** Nats per token (comparable with a mean next-token cross-entropy). */
  nats: number;
  bitsPerToken: number;
  /** Bits per character of text = nats · tokens / characters / ln 2 (= bitsPerToken for a char tokenizer). */
  bitsPerCharacter: number;
}

/** A corpus ready for language modelling; plain data, structured-cloneable. */
export interface PreparedCorpus {
  tokenizer: FittedTokenizer;
  vocabSize: number;
  trainIds: Int32Array;
  validationIds: Int32Array;
  /** Code points of text in each part. */
  trainCharacters: number;
  validationCharacters: number;
  baseline: UnigramBaseline;
}

/** Code points of `text` (a surrogate pair counts once). */
export function countCodePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n += 1; // Low surrogates belong to the code point before them.
  }
  return n;
}

/**
 * Splits `text` into the first (1 − validationFraction) of its code units for training and the rest for
 * validation, moving the cut back to just after the last '\n' before it (forward to the next one when there
 * is none before), so no line is split; a text without line breaks is cut at the exact position (never
 * inside a surrogate pair). Throws DataInputError('empty-file') when either part would be empty. Pure.
 */
export function splitCorpusText(text: string, validationFraction = 0.1): { train: string; validation: string } {
  if (!(validationFraction > 0 && validationFraction <= 0.5)) {
    throw new RangeError(`validationFraction must be above 0 and at most 0.5, got ${validationFraction}.`);
  }
  const target = Math.floor(text.length * (1 - validationFraction));
  let cut = text.lastIndexOf('\n', target - 1) + 1;
  if (cut === 0) {
    const next = text.indexOf('\n', target);
    cut = next >= 0 && next + 1 < text.length ? next + 1 : target;
  }
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const train = text.slice(0, cut);
  const validation = text.slice(cut);
  if (train.length === 0 || validation.length === 0) {
    throw new DataInputError('empty-file', `The corpus has ${text.length} characters: too little to keep a validation part. Import a longer text (a few thousand characters at least).`);
  }
  return { train, validation };
}

/** Unigram entropy of `ids` in nats and bits per token: −Σ p log p over the observed frequencies. 0 for no ids. */
export function unigramEntropy(ids: ArrayLike<number>): { nats: number; bits: number } {
  const counts = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) counts.set(ids[i], (counts.get(ids[i]) ?? 0) + 1);
  let nats = 0;
  for (const c of counts.values()) {
    const p = c / ids.length;
    nats -= p * Math.log(p);
  }
  return { nats, bits: nats / Math.LN2 };
}

/**
 * Prepares `text` (the whole corpus, or its chunks in order) for language modelling: splits it (see
 * splitCorpusText), fits the tokenizer on the training part with no normalization (so generated text uses
 * the corpus's own characters), encodes both parts (validation characters unseen in training become <unk>),
 * and computes the unigram baseline of the training ids. Throws DataInputError for a too-short corpus.
 */
export async function prepareCorpus(
  text: string | Iterable<string> | AsyncIterable<string>,
  options: CorpusPipelineOptions = {},
): Promise<PreparedCorpus> {
  let whole = '';
  if (typeof text === 'string') whole = text;
  else for await (const piece of text) whole += piece;
  const { train, validation } = splitCorpusText(whole, options.validationFraction ?? 0.1);
  const normalization = { ...NO_TEXT_NORMALIZATION };
  const tokenizer = options.tokenizer === 'bpe'
    ? await fitTokenizer('bpe', [train], { normalization, vocabSize: options.bpeVocabSize ?? 1000 })
    : await fitTokenizer('char', [train], { normalization });
  const trainIds = Int32Array.from(encode(tokenizer, train));
  const validationIds = Int32Array.from(encode(tokenizer, validation));
  const trainCharacters = countCodePoints(train);
  const { nats, bits } = unigramEntropy(trainIds);
  return {
    tokenizer, vocabSize: vocabularySize(tokenizer), trainIds, validationIds, trainCharacters,
    validationCharacters: countCodePoints(validation),
    baseline: { nats, bitsPerToken: bits, bitsPerCharacter: (bits * trainIds.length) / trainCharacters },
  };
}
