// The bag-of-tokens encoding of a text column: a word or BPE tokenizer fitted on the TRAINING cells, a capped
// vocabulary of the most frequent tokens, and one raw token count per kept token as the features.
import { isMissingCell } from '../data/missing-cells';
import { DataInputError } from '../data/table-types';
import { FIRST_MERGE_ID, MAX_BPE_VOCAB } from '../text/bpe-codec';
import { createTokenizerTrainer, encode, vocabularySize } from '../text/tokenizer';
import { SPECIAL_COUNT, type FittedTokenizer } from '../text/tokenizer-types';
import { countTokens, displayToken } from '../text/vocabulary-table';
import type { CellWriter } from './encoder-apply';
import type { BagOfTokensOptions, FeatureEncoder } from './encoding-types';

/** The fitted encoder of this kind. */
export type BagOfTokensEncoder = Extract<FeatureEncoder, { kind: 'bag-of-tokens' }>;

/** Defaults: words (lower-cased, see the word tokenizer's defaults), the 1000 most frequent, seen at least twice. */
export const BAG_OF_TOKENS_DEFAULTS = { tokenizer: 'word', maxTokens: 1000, minCount: 2 } as const;
/** Most features (kept tokens) one text column may produce. */
export const MAX_BAG_TOKENS = 20000;

/** Why the options cannot be used for column `column`, or undefined when they can. Pure. */
export function bagOfTokensProblem(options: BagOfTokensOptions, column: string): string | undefined {
  const { tokenizer = BAG_OF_TOKENS_DEFAULTS.tokenizer, maxTokens = BAG_OF_TOKENS_DEFAULTS.maxTokens, minCount = BAG_OF_TOKENS_DEFAULTS.minCount } = options;
  if (tokenizer !== 'word' && tokenizer !== 'bpe') {
    return `The bag of tokens of '${column}' needs the tokenizer 'word' or 'bpe', got '${String(tokenizer)}'.`;
  }
  if (!(Number.isInteger(maxTokens) && maxTokens >= 1 && maxTokens <= MAX_BAG_TOKENS)) {
    return `The bag of tokens of '${column}' keeps a whole number of tokens from 1 to ${MAX_BAG_TOKENS}, got ${String(maxTokens)}.`;
  }
  if (!(Number.isInteger(minCount) && minCount >= 1)) {
    return `The bag of tokens of '${column}' needs a whole minimum count of at least 1, got ${String(minCount)}.`;
  }
  return undefined;
}

/** Fits the tokenizer on the texts; an empty or token-less training column is a data problem naming the column. */
function fitTokenizerOn(texts: string[], options: Required<BagOfTokensOptions>, column: string): FittedTokenizer {
  // The word vocabulary is capped here already (specials included); BPE learns enough merges to choose from.
  const trainer = options.tokenizer === 'word'
    ? createTokenizerTrainer('word', { maxVocab: options.maxTokens + SPECIAL_COUNT, minCount: 1 })
    : createTokenizerTrainer('bpe', { vocabSize: Math.min(MAX_BPE_VOCAB, FIRST_MERGE_ID + options.maxTokens) });
  for (const text of texts) trainer.addText(text);
  try {
    return trainer.finish();
  } catch (error) {
    if (!(error instanceof DataInputError)) throw error;
    throw new DataInputError('bad-feature', `The text column '${column}' has no words in the training rows, so it cannot be a bag of tokens; pick another feature column.`);
  }
}

/**
 * Fits a bag of tokens for `column` from its TRAINING cells (missing cells skipped): the tokenizer, then the
 * token ids seen at least `minCount` times in those cells, the `maxTokens` most frequent (ties: lower id first),
 * stored in ascending id order. Tokens that occur only outside the training rows therefore never get a
 * feature. Specials (<pad>, <unk>, ...) are never features, so words outside the vocabulary are not counted.
 * Throws DataInputError('bad-feature') when the training cells hold no token. Pure; JSON-serializable result.
 */
export function fitBagOfTokens(options: BagOfTokensOptions, column: string, trainCells: readonly string[]): BagOfTokensEncoder {
  const resolved = { ...BAG_OF_TOKENS_DEFAULTS, ...options };
  const problem = bagOfTokensProblem(resolved, column);
  if (problem !== undefined) throw new RangeError(problem);
  const texts = trainCells.filter((c) => c !== undefined && !isMissingCell(c));
  const tokenizer = fitTokenizerOn(texts, resolved, column);
  const { counts } = countTokens(tokenizer, texts);
  const candidates: number[] = [];
  for (let id = SPECIAL_COUNT; id < counts.length; id++) if (counts[id] >= resolved.minCount) candidates.push(id);
  candidates.sort((a, b) => counts[b] - counts[a] || a - b);
  const ids = candidates.slice(0, resolved.maxTokens).sort((a, b) => a - b);
  return { kind: 'bag-of-tokens', column, tokenizer, ids };
}

/**
 * Feature names `<column>#<token>` with the token's printable form (a space shows as '␣', see displayToken);
 * a printable form met twice gets ` (id N)` appended so names stay unique. Stable: depends only on the encoder.
 */
export function bagOfTokensFeatureNames(encoder: BagOfTokensEncoder): string[] {
  const seen = new Set<string>();
  return encoder.ids.map((id) => {
    let name = `${encoder.column}#${displayToken(encoder.tokenizer, id)}`;
    if (seen.has(name)) name = `${name} (id ${id})`;
    seen.add(name);
    return name;
  });
}

/**
 * Writes a cell's RAW token counts (how often each kept token occurs in the text; missing cells: all zeros).
 * Counts are deliberately not log-scaled or normalized: training-time token deletion with probability p can
 * then be applied to the encoded rows as binomial thinning (each count n becomes Binomial(n, 1 - p)).
 */
export function bagOfTokensWriter(encoder: BagOfTokensEncoder): CellWriter {
  const { tokenizer } = encoder;
  const position = new Int32Array(vocabularySize(tokenizer)).fill(-1);
  encoder.ids.forEach((id, i) => {
    position[id] = i;
  });
  return (cell, out, at) => {
    if (cell === undefined || isMissingCell(cell)) return;
    for (const id of encode(tokenizer, cell)) {
      const p = position[id];
      if (p >= 0) out[at + p] += 1;
    }
  };
}
