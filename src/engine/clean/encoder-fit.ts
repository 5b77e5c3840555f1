// Fits one feature encoder (FeatureEncoder) from a column's TRAINING cells: means, ranges, lambdas,
// category lists with rare-category grouping. Also owns the label order shared with the target classes.
import { isMissingCell } from '../data/missing-cells';
import { DataInputError } from '../data/table-types';
import { DATE_PART_NAMES, parseBooleanCell, parseDateCell } from './cell-values';
import { fitBagOfTokens } from './bag-of-tokens';
import { cellNumber } from './cleaning-apply';
import { meanOf, meanStd } from './column-stats';
import { OTHER_CATEGORY, type EncodingSpec, type FeatureEncoder, type RareGrouping } from './encoding-types';
import { fitTokenSequence } from './token-sequence';
import { fitYeoJohnsonLambda, yeoJohnson } from './yeo-johnson';

/** Code-unit order (locale-independent, so every platform sorts the same). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Label order: numerically when every label is a number ('2' before '10'), else by code units.
 * Equal numbers with different spellings ('1', '1.0') fall back to string order so the order is total.
 */
export function sortLabels(labels: string[]): string[] {
  const allNumeric = labels.every((l) => Number.isFinite(Number(l)));
  return [...labels].sort((a, b) => (allNumeric ? Number(a) - Number(b) : 0) || compareStrings(a, b));
}

/** Trimmed non-missing cells. */
function present(cells: readonly string[]): string[] {
  return cells.filter((c) => c !== undefined && !isMissingCell(c)).map((c) => c.trim());
}

/** Categories kept by rare grouping (first-seen order) and whether any was merged into __other__. */
function groupRare(values: string[], grouping: RareGrouping): { kept: string[]; other: boolean } {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const { minCount = 0, minShare = 0 } = grouping;
  const kept = [...counts].filter(([, n]) => n >= minCount && n / values.length >= minShare).map(([v]) => v);
  return { kept, other: kept.length < counts.size };
}

/**
 * A lookup from a trimmed value to its ordinal position scaled to 0..1 (category index / (k - 1)); values
 * not listed go to `__other__` when the encoder has it, else give undefined (the caller uses `fill`).
 */
export function ordinalLookup(encoder: Extract<FeatureEncoder, { kind: 'ordinal' }>): (value: string) => number | undefined {
  const k = encoder.categories.length;
  const position = new Map(encoder.categories.map((c, i) => [c, i / Math.max(1, k - 1)]));
  const otherPosition = encoder.other ? position.get(OTHER_CATEGORY) : undefined;
  return (value) => position.get(value) ?? otherPosition;
}

/**
 * Fits `encoding` for `column`. `trainCells` are the column's cells in the training rows (missing cells
 * included; they are skipped). `allCells` are its cells in every kept row and are only checked (log1p
 * refuses negatives anywhere, with DataInputError 'bad-feature'), never used for statistics. Pure.
 */
export function fitEncoder(encoding: EncodingSpec, column: string, trainCells: readonly string[], allCells: readonly string[]): FeatureEncoder {
  const numbers = () => trainCells.map(cellNumber).filter(Number.isFinite);
  switch (encoding.kind) {
    case 'standardize':
      return { kind: 'standardize', column, ...meanStd(numbers()) };
    case 'min-max': {
      const values = numbers();
      if (values.length === 0) return { kind: 'min-max', column, min: 0, max: 1, fill: 0 };
      const min = values.reduce((a, b) => Math.min(a, b));
      const max = values.reduce((a, b) => Math.max(a, b));
      return { kind: 'min-max', column, min, max, fill: (meanOf(values) - min) / (max - min || 1) };
    }
    case 'log1p': {
      const negative = allCells.map(cellNumber).find((v) => v < 0);
      if (negative !== undefined) {
        throw new DataInputError(
          'bad-feature',
          `The column '${column}' has negative values (e.g. ${negative}), so log(1 + x) is not defined for it; ` +
            "choose the 'Power (Yeo-Johnson)' encoding, which accepts negatives, or 'Standardize'.",
        );
      }
      return { kind: 'log1p', column, ...meanStd(numbers().map(Math.log1p)) };
    }
    case 'yeo-johnson': {
      const values = numbers();
      const lambda = fitYeoJohnsonLambda(values);
      return { kind: 'yeo-johnson', column, lambda, ...meanStd(values.map((v) => yeoJohnson(v, lambda))) };
    }
    case 'none': {
      const values = numbers();
      return { kind: 'none', column, fill: values.length ? meanOf(values) : 0 };
    }
    case 'one-hot': {
      const { kept, other } = groupRare(present(trainCells), encoding);
      const categories = kept.sort(compareStrings);
      return other ? { kind: 'one-hot', column, categories: [...categories, OTHER_CATEGORY], other } : { kind: 'one-hot', column, categories };
    }
    case 'ordinal': {
      const values = present(trainCells);
      // A user-given order is taken as it is (no rare grouping); otherwise sorted training categories.
      const { kept, other } = encoding.order ? { kept: [...new Set(encoding.order.map((o) => o.trim()))], other: false } : groupRare(values, encoding);
      const categories = encoding.order ? kept : [...sortLabels(kept), ...(other ? [OTHER_CATEGORY] : [])];
      const encoder: Extract<FeatureEncoder, { kind: 'ordinal' }> = { kind: 'ordinal', column, categories, ...(other ? { other } : {}), fill: 0 };
      const code = ordinalLookup(encoder);
      const codes = values.map(code).filter((p): p is number => p !== undefined);
      encoder.fill = codes.length ? meanOf(codes) : 0;
      return encoder;
    }
    case 'hash':
      return { kind: 'hash', column, buckets: encoding.buckets };
    case 'boolean': {
      const bits = trainCells.map(parseBooleanCell).filter(Number.isFinite);
      return { kind: 'boolean', column, fill: bits.length ? meanOf(bits) : 0 };
    }
    case 'date-parts': {
      const parts = encoding.parts ? [...encoding.parts] : [...DATE_PART_NAMES];
      const dates = trainCells.map(parseDateCell).filter((d) => d !== undefined);
      const stats = parts.map((p) => meanStd(dates.map((d) => d[p])));
      return { kind: 'date-parts', column, parts, mean: stats.map((s) => s.mean), std: stats.map((s) => s.std) };
    }
    case 'bag-of-tokens':
      return fitBagOfTokens(encoding, column, trainCells);
    case 'token-sequence':
      return fitTokenSequence(encoding, column, trainCells);
  }
}
