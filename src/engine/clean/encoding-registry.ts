// The registry of feature encodings (label, description, defaults, which column types accept them; the
// UI renders its choices from it), the default encoding of a column, and the shape check of a choice.
import type { ColumnType } from '../data/table-types';
import { BAG_OF_TOKENS_DEFAULTS, bagOfTokensProblem } from './bag-of-tokens';
import { DATE_PART_NAMES } from './cell-values';
import type { EncodingKind, EncodingSpec } from './encoding-types';
import { TOKEN_SEQUENCE_DEFAULTS, tokenSequenceProblem } from './token-sequence';

/** Categorical columns with more training categories than this default to hashing instead of one-hot. */
export const ONE_HOT_MAX_CATEGORIES = 30;
/** Buckets of the default hashing encoding. */
export const DEFAULT_HASH_BUCKETS = 32;
/** Hashing refuses more buckets than this (each bucket is one input feature). */
export const MAX_HASH_BUCKETS = 4096;

export interface EncodingInfo<K extends EncodingKind> {
  label: string;
  description: string;
  defaults: Extract<EncodingSpec, { kind: K }>;
  /** Column types (after cleaning) this encoding can read. */
  accepts: readonly ColumnType[];
}

const NUMERIC: readonly ColumnType[] = ['numeric'];
const CATEGORICAL: readonly ColumnType[] = ['categorical', 'text', 'boolean', 'numeric'];

/** Every encoding kind. */
export const ENCODINGS: { readonly [K in EncodingKind]: EncodingInfo<K> } = {
  standardize: { label: 'Standardize', description: '(x - mean) / std with training statistics.', defaults: { kind: 'standardize' }, accepts: NUMERIC },
  'min-max': { label: 'Min-max', description: 'Scales the training range to 0..1.', defaults: { kind: 'min-max' }, accepts: NUMERIC },
  log1p: {
    label: 'Log (1 + x)',
    description: 'log(1 + x), then standardized; for skewed counts and amounts. Refuses negative values.',
    defaults: { kind: 'log1p' },
    accepts: NUMERIC,
  },
  'yeo-johnson': {
    label: 'Power (Yeo-Johnson)',
    description: 'Box-Cox-like power transform with lambda fitted on the training values, then standardized; accepts negatives.',
    defaults: { kind: 'yeo-johnson' },
    accepts: NUMERIC,
  },
  none: { label: 'As is', description: 'The number unchanged.', defaults: { kind: 'none' }, accepts: ['numeric', 'boolean'] },
  'one-hot': {
    label: 'One-hot',
    description: 'One 0/1 input per category; optionally merges rare categories into __other__.',
    defaults: { kind: 'one-hot', minCount: 0, minShare: 0 },
    accepts: CATEGORICAL,
  },
  ordinal: {
    label: 'Ordinal',
    description: 'One input: the category position in the given (or sorted) order, scaled to 0..1.',
    defaults: { kind: 'ordinal', minCount: 0, minShare: 0 },
    accepts: CATEGORICAL,
  },
  hash: {
    label: 'Feature hashing',
    description: 'A fixed number of 0/1 inputs; each category goes to the bucket its hash picks. For many categories.',
    defaults: { kind: 'hash', buckets: DEFAULT_HASH_BUCKETS },
    accepts: CATEGORICAL,
  },
  boolean: { label: 'True/false as 1/0', description: 'true/yes/1 -> 1, false/no/0 -> 0.', defaults: { kind: 'boolean' }, accepts: ['boolean', 'numeric', 'categorical'] },
  'date-parts': {
    label: 'Date parts',
    description: 'Year, month, day and weekday (Monday = 1), each standardized.',
    defaults: { kind: 'date-parts', parts: [...DATE_PART_NAMES] },
    accepts: ['date'],
  },
  'bag-of-tokens': {
    label: 'Bag of tokens (word counts)',
    description:
      'Splits each text into words (or learned subwords) and gives one input per frequent token: how often it occurs ' +
      'in the text. The vocabulary comes from the training rows only.',
    defaults: { kind: 'bag-of-tokens', ...BAG_OF_TOKENS_DEFAULTS },
    accepts: ['text'],
  },
  'token-sequence': {
    label: 'Token sequence (for LSTM, GRU, Transformer)',
    description:
      'Splits each text into words (or characters, or learned subwords) and gives the first tokens in order as ids, ' +
      'padded to a fixed length: the input of sequence models. The vocabulary comes from the training rows only.',
    defaults: { kind: 'token-sequence', ...TOKEN_SEQUENCE_DEFAULTS },
    accepts: ['text'],
  },
};

/**
 * The encoding used when the spec names none: numeric -> standardize; boolean -> boolean; date -> all
 * date parts; categorical or text -> one-hot up to ONE_HOT_MAX_CATEGORIES training categories, hashing
 * into DEFAULT_HASH_BUCKETS above. Undefined for 'empty'. Pure.
 */
export function defaultEncodingFor(type: ColumnType, trainCategories: number): EncodingSpec | undefined {
  switch (type) {
    case 'numeric':
      return { kind: 'standardize' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'date':
      return { kind: 'date-parts', parts: [...DATE_PART_NAMES] };
    case 'categorical':
    case 'text':
      return trainCategories <= ONE_HOT_MAX_CATEGORIES ? { kind: 'one-hot' } : { kind: 'hash', buckets: DEFAULT_HASH_BUCKETS };
    case 'empty':
      return undefined;
  }
}

/**
 * Why `encoding` cannot encode column `column` of type `type`, or undefined when it can (kind known,
 * type accepted, options in range). Pure.
 */
export function encodingProblem(encoding: EncodingSpec, column: string, type: ColumnType): string | undefined {
  const kind = (encoding as { kind?: unknown })?.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(ENCODINGS, kind)) {
    return `Unknown encoding '${String(kind)}' for column '${column}'; use one of ${Object.keys(ENCODINGS).join(', ')}.`;
  }
  const info = ENCODINGS[encoding.kind];
  if (!info.accepts.includes(type)) {
    return `The encoding '${info.label}' cannot read column '${column}' of type '${type}'; it accepts ${info.accepts.join(', ')} columns.`;
  }
  if (encoding.kind === 'hash' && !(Number.isInteger(encoding.buckets) && encoding.buckets >= 1 && encoding.buckets <= MAX_HASH_BUCKETS)) {
    return `Feature hashing of '${column}' needs a whole number of buckets from 1 to ${MAX_HASH_BUCKETS}, got ${String(encoding.buckets)}.`;
  }
  if (encoding.kind === 'one-hot' || encoding.kind === 'ordinal') {
    const { minCount = 0, minShare = 0 } = encoding;
    if (!(minCount >= 0 && Number.isFinite(minCount)) || !(minShare >= 0 && minShare <= 1)) {
      return `Rare-category grouping of '${column}' needs minCount >= 0 and minShare between 0 and 1.`;
    }
  }
  if (encoding.kind === 'bag-of-tokens') return bagOfTokensProblem(encoding, column);
  if (encoding.kind === 'token-sequence') return tokenSequenceProblem(encoding, column);
  if (encoding.kind === 'date-parts' && encoding.parts && (encoding.parts.length === 0 || !encoding.parts.every((p) => (DATE_PART_NAMES as readonly string[]).includes(p)))) {
    return `Date parts of '${column}' must be some of ${DATE_PART_NAMES.join(', ')}.`;
  }
  return undefined;
}
