// The token-sequence encoding of a text column: a word, character or BPE tokenizer fitted on the TRAINING cells
// and a fixed number of token ids per row (padded/truncated), the input of sequence models (LSTM, GRU, Transformer).
import { isMissingCell } from '../data/missing-cells';
import { DataInputError } from '../data/table-types';
import { FIRST_MERGE_ID } from '../text/bpe-codec';
import { padSequences } from '../text/sequences';
import { createTokenizerTrainer, encode } from '../text/tokenizer';
import { SPECIAL_COUNT, type FittedTokenizer, type TokenizerTrainer } from '../text/tokenizer-types';
import type { CellWriter } from './encoder-apply';
import type { FeatureEncoder, TokenSequenceOptions } from './encoding-types';

/** The fitted encoder of this kind. */
export type TokenSequenceEncoder = Extract<FeatureEncoder, { kind: 'token-sequence' }>;

/** Defaults: lower-cased words, at most 5000 ids (specials included), words seen twice, 64 tokens, pad and cut at the end. */
export const TOKEN_SEQUENCE_DEFAULTS = { tokenizer: 'word', vocabSize: 5000, minCount: 2, length: 'auto', padding: 'post', truncation: 'post' } as const;
/** Largest vocabulary (the Transformer's limit; larger embeddings do not train in a tab anyway). */
export const MAX_SEQUENCE_VOCAB = 65_536;
/** Longest fixed length a user may ask for (each token is one feature of the stored rows). */
export const MAX_SEQUENCE_LENGTH = 1024;
/** Longest length 'auto' picks: the 95th percentile is capped here so one long outlier set cannot bloat every row. */
export const AUTO_LENGTH_CAP = 256;

type ResolvedOptions = Required<TokenSequenceOptions>;

/** Why the options cannot be used for column `column`, or undefined when they can. Pure. */
export function tokenSequenceProblem(options: TokenSequenceOptions, column: string): string | undefined {
  const o: ResolvedOptions = { ...TOKEN_SEQUENCE_DEFAULTS, ...options };
  const what = `The token sequence of '${column}'`;
  if (o.tokenizer !== 'word' && o.tokenizer !== 'char' && o.tokenizer !== 'bpe') {
    return `${what} needs the tokenizer 'word', 'char' or 'bpe', got '${String(o.tokenizer)}'.`;
  }
  const minVocab = o.tokenizer === 'bpe' ? FIRST_MERGE_ID : SPECIAL_COUNT + 1;
  if (!(Number.isInteger(o.vocabSize) && o.vocabSize >= minVocab && o.vocabSize <= MAX_SEQUENCE_VOCAB)) {
    return `${what} needs a whole vocabulary size from ${minVocab} to ${MAX_SEQUENCE_VOCAB} (${o.tokenizer} tokens, specials included), got ${String(o.vocabSize)}.`;
  }
  if (!(Number.isInteger(o.minCount) && o.minCount >= 1)) {
    return `${what} needs a whole minimum count of at least 1, got ${String(o.minCount)}.`;
  }
  if (o.length !== 'auto' && !(Number.isInteger(o.length) && o.length >= 1 && o.length <= MAX_SEQUENCE_LENGTH)) {
    return `${what} needs a length of 'auto' or a whole number of tokens from 1 to ${MAX_SEQUENCE_LENGTH}, got ${String(o.length)}.`;
  }
  for (const [name, side] of [['padding', o.padding], ['truncation', o.truncation]] as const) {
    if (side !== 'pre' && side !== 'post') return `${what} needs ${name} 'pre' or 'post', got '${String(side)}'.`;
  }
  return undefined;
}

/** A trainer for the chosen tokenizer with the vocabulary cap and minimum count mapped onto its options. */
function trainerFor(o: ResolvedOptions): TokenizerTrainer {
  if (o.tokenizer === 'bpe') return createTokenizerTrainer('bpe', { vocabSize: o.vocabSize, minPairCount: o.minCount });
  return createTokenizerTrainer(o.tokenizer, { maxVocab: o.vocabSize, minCount: o.minCount });
}

/** Fits the tokenizer on the texts; a training column without tokens is a data problem naming the column. */
function fitTokenizerOn(texts: string[], o: ResolvedOptions, column: string): FittedTokenizer {
  const trainer = trainerFor(o);
  for (const text of texts) trainer.addText(text);
  try {
    return trainer.finish();
  } catch (error) {
    if (!(error instanceof DataInputError)) throw error;
    throw new DataInputError(
      'bad-feature',
      `The text column '${column}' has no ${o.tokenizer === 'char' ? 'character' : 'word'} seen ${o.minCount} times in the training rows, ` +
        'so it cannot be a token sequence; lower the minimum count or pick another feature column.',
    );
  }
}

/** Nearest-rank 95th percentile of the token counts (at least 1), capped at AUTO_LENGTH_CAP. */
export function autoSequenceLength(tokenCounts: readonly number[]): number {
  if (tokenCounts.length === 0) return 1;
  const sorted = [...tokenCounts].sort((a, b) => a - b);
  const p95 = sorted[Math.ceil(0.95 * sorted.length) - 1];
  return Math.min(AUTO_LENGTH_CAP, Math.max(1, p95));
}

/**
 * Fits a token sequence for `column` from its TRAINING cells (missing cells skipped): the tokenizer (so a word
 * met only outside the training rows encodes as <unk>), then the length ('auto': autoSequenceLength of the
 * training texts' token counts). Throws RangeError for bad options, DataInputError('bad-feature') when the
 * training cells hold no token. Pure; JSON-serializable result.
 */
export function fitTokenSequence(options: TokenSequenceOptions, column: string, trainCells: readonly string[]): TokenSequenceEncoder {
  const o: ResolvedOptions = { ...TOKEN_SEQUENCE_DEFAULTS, ...options };
  const problem = tokenSequenceProblem(o, column);
  if (problem !== undefined) throw new RangeError(problem);
  const texts = trainCells.filter((c) => c !== undefined && !isMissingCell(c));
  const tokenizer = fitTokenizerOn(texts, o, column);
  const length = o.length === 'auto' ? autoSequenceLength(texts.map((t) => encode(tokenizer, t).length)) : o.length;
  return { kind: 'token-sequence', column, tokenizer, length, padding: o.padding, truncation: o.truncation };
}

/** Feature names `<column>@0` .. `<column>@<length - 1>`: one per token position. */
export function tokenSequenceFeatureNames(encoder: TokenSequenceEncoder): string[] {
  return Array.from({ length: encoder.length }, (_, i) => `${encoder.column}@${i}`);
}

/**
 * Writes a cell's `length` token ids (as float32: exact for ids below 2^24) padded with 0 and truncated per the
 * encoder (see padSequences); a missing cell stays all padding.
 */
export function tokenSequenceWriter(encoder: TokenSequenceEncoder): CellWriter {
  const { tokenizer, length, padding, truncation } = encoder;
  return (cell, out, at) => {
    if (cell === undefined || isMissingCell(cell)) return;
    out.set(padSequences([encode(tokenizer, cell)], { length, padding, truncation }), at);
  };
}
