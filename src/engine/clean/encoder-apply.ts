// Applies fitted feature encoders to rows: output width, feature names (`age`, `color=red`,
// `city#hash3`, `when.year`, `notes#free`, `notes@0`) and the writer that fills one row's outputs.
import { isMissingCell } from '../data/missing-cells';
import { bagOfTokensFeatureNames, bagOfTokensWriter } from './bag-of-tokens';
import { parseBooleanCell, parseDateCell } from './cell-values';
import { cellNumber } from './cleaning-apply';
import { ordinalLookup } from './encoder-fit';
import type { FeatureEncoder } from './encoding-types';
import { hashBucket } from './feature-hash';
import { tokenSequenceFeatureNames, tokenSequenceWriter } from './token-sequence';
import { yeoJohnson } from './yeo-johnson';

/** Output columns one encoder writes. */
export function encoderWidth(encoder: FeatureEncoder): number {
  switch (encoder.kind) {
    case 'one-hot':
      return encoder.categories.length;
    case 'hash':
      return encoder.buckets;
    case 'date-parts':
      return encoder.parts.length;
    case 'bag-of-tokens':
      return encoder.ids.length;
    case 'token-sequence':
      return encoder.length;
    default:
      return 1;
  }
}

/** Names of the encoder's outputs, in output order. */
export function encoderFeatureNames(encoder: FeatureEncoder): string[] {
  const { column } = encoder;
  switch (encoder.kind) {
    case 'one-hot':
      return encoder.categories.map((c) => `${column}=${c}`);
    case 'hash':
      return Array.from({ length: encoder.buckets }, (_, i) => `${column}#hash${i}`);
    case 'date-parts':
      return encoder.parts.map((p) => `${column}.${p}`);
    case 'bag-of-tokens':
      return bagOfTokensFeatureNames(encoder);
    case 'token-sequence':
      return tokenSequenceFeatureNames(encoder);
    default:
      return [column];
  }
}

/** Writes one cell's encoded outputs into `out` starting at `at` (the outputs are zero on entry). */
export type CellWriter = (cell: string | undefined, out: Float32Array, at: number) => void;

/** Scales a number with a fitted transform; missing or non-finite cells write `fill`. */
function numberWriter(transform: (v: number) => number, fill: number): CellWriter {
  return (cell, out, at) => {
    const v = cellNumber(cell);
    out[at] = Number.isFinite(v) ? transform(v) : fill;
  };
}

/** The writer of one fitted encoder (see FeatureEncoder for each kind's rule). */
export function encoderWriter(encoder: FeatureEncoder): CellWriter {
  switch (encoder.kind) {
    case 'standardize': {
      const { mean, std } = encoder;
      // Missing -> 0, which is the training mean after standardization.
      return numberWriter((v) => (v - mean) / std, 0);
    }
    case 'min-max': {
      const { min, max, fill } = encoder;
      const range = max - min || 1;
      return numberWriter((v) => (v - min) / range, fill);
    }
    case 'log1p': {
      const { mean, std } = encoder;
      // Negative values were refused at fit time; any met later (new data) are clamped to 0.
      return numberWriter((v) => (Math.log1p(Math.max(0, v)) - mean) / std, 0);
    }
    case 'yeo-johnson': {
      const { lambda, mean, std } = encoder;
      return numberWriter((v) => (yeoJohnson(v, lambda) - mean) / std, 0);
    }
    case 'none':
      return numberWriter((v) => v, encoder.fill);
    case 'boolean':
      return (cell, out, at) => {
        const bit = parseBooleanCell(cell);
        out[at] = Number.isFinite(bit) ? bit : encoder.fill;
      };
    case 'ordinal': {
      const code = ordinalLookup(encoder);
      return (cell, out, at) => {
        const value = cell === undefined || isMissingCell(cell) ? undefined : code(cell.trim());
        out[at] = value ?? encoder.fill;
      };
    }
    case 'one-hot': {
      const position = new Map<string, number>(encoder.categories.map((c, i) => [c, i]));
      const other = encoder.other ? encoder.categories.length - 1 : undefined;
      return (cell, out, at) => {
        if (cell === undefined || isMissingCell(cell)) return; // all zeros
        const i = position.get(cell.trim()) ?? other;
        if (i !== undefined) out[at + i] = 1; // unseen category without __other__ -> all zeros
      };
    }
    case 'hash':
      return (cell, out, at) => {
        if (cell === undefined || isMissingCell(cell)) return;
        out[at + hashBucket(cell, encoder.buckets)] = 1;
      };
    case 'date-parts':
      return (cell, out, at) => {
        const date = parseDateCell(cell);
        if (!date) return; // missing -> 0 = the training mean of each part
        encoder.parts.forEach((p, k) => {
          out[at + k] = (date[p] - encoder.mean[k]) / encoder.std[k];
        });
      };
    case 'bag-of-tokens':
      return bagOfTokensWriter(encoder);
    case 'token-sequence':
      return tokenSequenceWriter(encoder);
  }
}

/** Indices (in the encoded feature row) of the features that are token counts of a bag-of-tokens encoding. */
export function tokenCountFeatureIndices(encoders: readonly FeatureEncoder[]): number[] {
  const indices: number[] = [];
  let at = 0;
  for (const encoder of encoders) {
    const width = encoderWidth(encoder);
    if (encoder.kind === 'bag-of-tokens') for (let k = 0; k < width; k += 1) indices.push(at + k);
    at += width;
  }
  return indices;
}
