// Fixed-length id rows for models: padding/truncation of encoded texts into an Int32Array [n, length], and
// language-model windows (input, next-token target) cut from one long token stream.

import { encode } from './tokenizer';
import { type EncodeOptions, type FittedTokenizer, checkIntegerOption } from './tokenizer-types';

/** How rows are made `length` long. Defaults: padding 'post', truncation 'post' (keep the start of a text). */
export interface SequenceOptions {
  length: number;
  /** 'post': pads after the ids; 'pre': before them (often better for recurrent models reading to the end). */
  padding?: 'pre' | 'post';
  /** 'post': drop ids beyond `length` at the end; 'pre': drop them at the start (keep the end). */
  truncation?: 'pre' | 'post';
}

function checkSide(name: string, value: string): void {
  if (value !== 'pre' && value !== 'post') throw new RangeError(`${name} must be 'pre' or 'post', got '${value}'.`);
}

/**
 * Packs id lists into a row-major Int32Array [idLists.length, length], padding with PAD_ID (0) and truncating
 * per the options. Throws a RangeError for a length below 1 or an unknown side. Pure.
 */
export function padSequences(idLists: readonly ArrayLike<number>[], options: SequenceOptions): Int32Array {
  const { length } = options;
  const padding = options.padding ?? 'post';
  const truncation = options.truncation ?? 'post';
  checkIntegerOption('Sequence length', length, 1);
  checkSide('padding', padding);
  checkSide('truncation', truncation);
  const out = new Int32Array(idLists.length * length); // Zero-filled, i.e. PAD_ID everywhere.
  idLists.forEach((ids, row) => {
    const kept = Math.min(ids.length, length);
    const from = truncation === 'pre' ? ids.length - kept : 0;
    const to = row * length + (padding === 'pre' ? length - kept : 0);
    for (let i = 0; i < kept; i++) out[to + i] = ids[from + i];
  });
  return out;
}

/** Encodes each text (see `encode`, e.g. with addBos/addEos) and packs them with padSequences: [texts.length, length]. */
export function encodeSequences(
  fitted: FittedTokenizer,
  texts: readonly string[],
  options: SequenceOptions & EncodeOptions,
): Int32Array {
  return padSequences(texts.map((text) => encode(fitted, text, options)), options);
}

/** Number of windows: starts 0, stride, 2*stride... while start + contextLength + 1 <= tokenCount. */
export function countLmWindows(tokenCount: number, contextLength: number, stride: number): number {
  checkIntegerOption('contextLength', contextLength, 1);
  checkIntegerOption('stride', stride, 1);
  return tokenCount > contextLength ? Math.floor((tokenCount - contextLength - 1) / stride) + 1 : 0;
}

/** Language-model training pairs: row r of `targets` is row r of `inputs` shifted by one token. */
export interface LmWindows {
  /** Row-major [count, contextLength]. */
  inputs: Int32Array;
  /** Row-major [count, contextLength]: the token after each input position. */
  targets: Int32Array;
  count: number;
  contextLength: number;
}

/**
 * Windows with the given indices (window w starts at token w * stride), e.g. a shuffled batch, so the full
 * set (which can be far larger than the token stream when stride is small) never needs to exist at once.
 * Throws a RangeError for an index outside [0, countLmWindows(...)). Pure.
 */
export function gatherLmWindows(
  tokenIds: ArrayLike<number>,
  contextLength: number,
  stride: number,
  windowIndices: ArrayLike<number>,
): LmWindows {
  const total = countLmWindows(tokenIds.length, contextLength, stride);
  const count = windowIndices.length;
  const inputs = new Int32Array(count * contextLength);
  const targets = new Int32Array(count * contextLength);
  for (let r = 0; r < count; r++) {
    const w = windowIndices[r];
    if (!Number.isInteger(w) || w < 0 || w >= total) {
      throw new RangeError(`Window index ${String(w)} is outside 0..${total - 1}; the token stream has ${total} windows.`);
    }
    const start = w * stride;
    for (let i = 0; i < contextLength; i++) {
      inputs[r * contextLength + i] = tokenIds[start + i];
      targets[r * contextLength + i] = tokenIds[start + i + 1];
    }
  }
  return { inputs, targets, count, contextLength };
}

/**
 * Consecutive windows `first`, `first + 1`, ... (`count` of them; default all from `first`), see gatherLmWindows.
 * With stride = contextLength the windows do not overlap.
 */
export function makeLmWindows(
  tokenIds: ArrayLike<number>,
  contextLength: number,
  stride: number,
  range: { first?: number; count?: number } = {},
): LmWindows {
  const total = countLmWindows(tokenIds.length, contextLength, stride);
  const first = range.first ?? 0;
  const count = range.count ?? Math.max(0, total - first);
  const indices = new Int32Array(count);
  for (let i = 0; i < count; i++) indices[i] = first + i;
  return gatherLmWindows(tokenIds, contextLength, stride, indices);
}
