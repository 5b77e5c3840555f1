// The one entry point for tokenizers: the registry of kinds (label, description, defaults), fitting from a
// stream of training texts, and encode/decode dispatched on the fitted tokenizer's kind.

import { BPE_DEFAULTS, createBpeTrainer } from './bpe-train';
import { FIRST_MERGE_ID, decodeBpe, encodeBpe } from './bpe-codec';
import { CHAR_DEFAULTS, createCharTrainer, decodeChars, encodeChars } from './char-tokenizer';
import {
  DEFAULT_TEXT_NORMALIZATION,
  NO_TEXT_NORMALIZATION,
  type TextNormalization,
  resolveTextNormalization,
} from './text-normalize';
import {
  BOS_ID,
  type DecodeOptions,
  type EncodeOptions,
  EOS_ID,
  type FittedOf,
  type FittedTokenizer,
  type TokenizerKind,
  type TokenizerOptionsByKind,
  type TokenizerTrainer,
} from './tokenizer-types';
import { WORD_DEFAULTS, createWordTrainer, decodeWords, encodeWords } from './word-tokenizer';

/** What the UI shows for a tokenizer kind and the options a form starts from. */
export interface TokenizerKindInfo<K extends TokenizerKind> {
  label: string;
  description: string;
  defaults: Required<TokenizerOptionsByKind[K]> & { normalization: TextNormalization };
}

/** Every tokenizer kind, by name. Defaults are the values used when an option is left out. */
export const TOKENIZER_REGISTRY: { readonly [K in TokenizerKind]: TokenizerKindInfo<K> } = {
  char: {
    label: 'Characters',
    description:
      'One token per character (Unicode code point). Small vocabulary, long sequences; good for short texts, ' +
      'names, and small character-level language models. Rare characters become <unk>.',
    defaults: { ...CHAR_DEFAULTS, normalization: { ...DEFAULT_TEXT_NORMALIZATION } },
  },
  word: {
    label: 'Words',
    description:
      'One token per word, found with the browser\'s Unicode word segmentation (which also splits Chinese, ' +
      'Japanese and Thai into words). Short sequences; words outside the vocabulary become <unk>.',
    defaults: { ...WORD_DEFAULTS, normalization: { ...DEFAULT_TEXT_NORMALIZATION, lowercase: true } },
  },
  bpe: {
    label: 'Byte-pair encoding (subwords)',
    description:
      'Learns frequent pieces of words from your text, starting from the 256 bytes of UTF-8, until the ' +
      'vocabulary has the chosen size. Any text encodes without <unk> and decodes back exactly.',
    defaults: { ...BPE_DEFAULTS, normalization: { ...NO_TEXT_NORMALIZATION } },
  },
};

/**
 * A trainer for `kind` (see TokenizerTrainer); normalization fields left out take the kind's defaults.
 * Throws a RangeError for an unknown kind or a bad option.
 */
export function createTokenizerTrainer<K extends TokenizerKind>(
  kind: K,
  options: TokenizerOptionsByKind[K] = {},
): TokenizerTrainer<FittedOf<K>> {
  if (!Object.hasOwn(TOKENIZER_REGISTRY, kind)) {
    throw new RangeError(`Unknown tokenizer kind '${String(kind)}'; use one of ${Object.keys(TOKENIZER_REGISTRY).join(', ')}.`);
  }
  const normalization = resolveTextNormalization(options.normalization, TOKENIZER_REGISTRY[kind].defaults.normalization);
  // TypeScript cannot narrow K through the switch, hence the casts; each branch matches its kind.
  switch (kind) {
    case 'char':
      return createCharTrainer(normalization, options) as TokenizerTrainer<FittedOf<K>>;
    case 'word':
      return createWordTrainer(normalization, options) as TokenizerTrainer<FittedOf<K>>;
    default:
      return createBpeTrainer(normalization, options) as TokenizerTrainer<FittedOf<K>>;
  }
}

/**
 * Fits a tokenizer of `kind` on `texts` (pass the training split only), read one piece at a time so a worker
 * can stream corpus chunks. Throws DataInputError('empty-file') when the texts hold nothing to learn from,
 * RangeError for bad options.
 */
export async function fitTokenizer<K extends TokenizerKind>(
  kind: K,
  texts: Iterable<string> | AsyncIterable<string>,
  options: TokenizerOptionsByKind[K] = {},
): Promise<FittedOf<K>> {
  const trainer = createTokenizerTrainer(kind, options);
  for await (const text of texts) trainer.addText(text);
  return trainer.finish();
}

/** Number of ids: every id is in [0, vocabularySize). */
export function vocabularySize(fitted: FittedTokenizer): number {
  return fitted.kind === 'bpe' ? FIRST_MERGE_ID + fitted.merges.length / 2 : fitted.tokens.length;
}

/** Token ids of `text` (normalized as at training), with `<bos>`/`<eos>` when asked. */
export function encode(fitted: FittedTokenizer, text: string, options: EncodeOptions = {}): number[] {
  const ids = fitted.kind === 'char' ? encodeChars(fitted, text) : fitted.kind === 'word' ? encodeWords(fitted, text) : encodeBpe(fitted, text);
  if (options.addBos === true) ids.unshift(BOS_ID);
  if (options.addEos === true) ids.push(EOS_ID);
  return ids;
}

/**
 * Text of `ids`. BPE and char (without normalization, all code points in the vocabulary) give back the
 * encoded text exactly; word decoding re-inserts spaces by rule. Specials: see DecodeOptions.
 * Throws a RangeError for an id outside the vocabulary.
 */
export function decode(fitted: FittedTokenizer, ids: ArrayLike<number>, options: DecodeOptions = {}): string {
  const keep = options.keepSpecials === true;
  if (fitted.kind === 'char') return decodeChars(fitted, ids, keep);
  if (fitted.kind === 'word') return decodeWords(fitted, ids, keep);
  return decodeBpe(fitted, ids, keep);
}
