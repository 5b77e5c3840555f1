// Fits the tabular preprocessing pipeline: drops rows without a target, assigns splits, runs the cleaning
// steps, and fits cleaning statistics, feature encoders and target scale on the TRAIN rows only (so
// validation/test never leak into training).

import type { ColumnSummary } from './table-types';
import { DataInputError } from './table-types';
import type { FeatureEncoder, FittedPipeline, PrepareSpec } from './prepare-types';
import { isMissingCell } from './missing-cells';
import { PrepareSpecError, upgradePrepareSpec, validatePrepareSpec } from './prepare-spec';
import { SPLIT_DROPPED, SPLIT_TEST, SPLIT_TRAIN, SPLIT_VALIDATION, assignSplits } from './split';
import { cellToNumber } from './pipeline-encode';
import { CleaningStepError } from '../clean/cleaning-registry';
import { fitCleaning } from '../clean/cleaning-fit';
import type { CleaningTable, FittedCleaningStep } from '../clean/cleaning-types';
import { encoderFeatureNames } from '../clean/encoder-apply';
import { fitEncoder, sortLabels } from '../clean/encoder-fit';
import { defaultEncodingFor, encodingProblem } from '../clean/encoding-registry';
import { meanStd } from '../clean/column-stats';

/**
 * Fits one encoder per feature column of the cleaned table: the spec's encoding or defaultEncodingFor
 * (type, number of training categories). `train[i]` / `kept[i]` say whether table row i is a kept
 * training row / any kept row. Features that a 'drop-missing-columns' step removed are skipped.
 */
function fitEncoders(spec: PrepareSpec, table: CleaningTable, train: boolean[], kept: boolean[], cleaning: FittedCleaningStep[]): FeatureEncoder[] {
  const droppedByShare = new Set(cleaning.flatMap((f) => f.droppedColumns ?? []));
  const encoders: FeatureEncoder[] = [];
  for (const column of spec.featureColumns) {
    const col = table.columns.indexOf(column);
    if (col < 0 && droppedByShare.has(column)) continue;
    const type = table.types[col];
    const trainCells: string[] = [];
    const allCells: string[] = [];
    table.rows.forEach((row, i) => {
      const cell = row[col] ?? '';
      if (kept[i]) allCells.push(cell);
      if (train[i]) trainCells.push(cell);
    });
    const categories = new Set(trainCells.filter((c) => !isMissingCell(c)).map((c) => c.trim())).size;
    const encoding = spec.encodings?.find((e) => e.column === column)?.encoding ?? defaultEncodingFor(type, categories);
    const problem = encoding ? encodingProblem(encoding, column, type) : `The column '${column}' has no values to encode.`;
    if (!encoding || problem) throw new PrepareSpecError(problem ?? '');
    encoders.push(fitEncoder(encoding, column, trainCells, allCells));
  }
  return encoders;
}

/**
 * Fits the pipeline for `spec` on a table. `rows[i][j]` is the raw string of column `columns[j]`;
 * `summaries[j]` describes `columns[j]`. Rows whose target is missing (or, for regression, not a finite
 * number) get assignment 255 and are counted in `droppedMissingTarget`; the others get 0/1/2
 * (train/validation/test), stratified by class for classification, assigned BEFORE cleaning so a row's
 * split never depends on the steps. Then `spec.cleaning` runs on the rows with a target: statistics from
 * train rows, applied to all; a row a step removes gets 255 and is counted in `droppedByCleaning` (it
 * leaves its split; the others keep theirs). Classes are the labels of the kept rows. Encoders (the spec's
 * or defaultEncodingFor) and the regression target scale use kept train rows only. A version-1 spec
 * means no cleaning and default encodings; the stored spec is upgraded to version 2. Throws
 * DataInputError ('single-class', 'bad-target', 'no-features', 'bad-feature') for data problems,
 * PrepareSpecError for a spec that does not fit the table and CleaningStepError for a step that cannot
 * run (unknown column, non-numeric column for mean/median/outliers, every training row removed).
 * Pure: `rows` is not modified.
 */
export function fitPipeline(
  rows: string[][],
  columns: string[],
  summaries: ColumnSummary[],
  spec: PrepareSpec,
): { pipeline: FittedPipeline; assignment: Uint8Array } {
  validatePrepareSpec(spec, columns, summaries);
  const target = spec.targetColumn;
  const targetCol = columns.indexOf(target);
  const classification = spec.task === 'classification';
  if (!classification && summaries[targetCol].type !== 'numeric') {
    throw new DataInputError(
      'bad-target',
      `The target column '${target}' is ${summaries[targetCol].type}, not numeric, so it cannot be predicted by regression; ` +
        'choose classification or pick a numeric target column.',
    );
  }

  // Usable rows and their targets (trimmed label or parsed number).
  const usable: number[] = [];
  const labels: string[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const cell = rows[r][targetCol];
    if (cell === undefined || isMissingCell(cell)) continue;
    if (classification) {
      labels.push(cell.trim());
    } else {
      const v = cellToNumber(cell);
      if (!Number.isFinite(v)) continue;
      values.push(v);
    }
    usable.push(r);
  }
  if (usable.length === 0) {
    throw new DataInputError(
      'bad-target',
      `The target column '${target}' has no usable values (every one of the ${rows.length} rows is missing` +
        `${classification ? '' : ' or not a number'}); pick another target column.`,
    );
  }

  const usableSplit = assignSplits(classification ? labels : values, spec.split, spec.seed, classification);
  // Cleaning sees every row with a target; its statistics come from the train rows only. A row a step
  // removes keeps nothing of its split: it simply leaves it (the others keep theirs, so splits are stable).
  const alive = new Uint8Array(rows.length);
  const isTrain = new Uint8Array(rows.length);
  usable.forEach((r, i) => {
    alive[r] = 1;
    isTrain[r] = usableSplit[i] === SPLIT_TRAIN ? 1 : 0;
  });
  const { fitted: cleaning, table } = fitCleaning(spec.cleaning ?? [], {
    rows, columns, types: summaries.map((s) => s.type), rowIds: usable, isTrain, alive, protectedColumn: target,
  });

  const assignment = new Uint8Array(rows.length).fill(SPLIT_DROPPED);
  const counts = { train: 0, validation: 0, test: 0 };
  const trainTargets: number[] = [];
  const keptLabels = new Set<string>();
  const train: boolean[] = [];
  const kept: boolean[] = [];
  usable.forEach((r, i) => {
    kept.push(alive[r] === 1);
    train.push(alive[r] === 1 && usableSplit[i] === SPLIT_TRAIN);
    if (!alive[r]) return;
    const s = usableSplit[i];
    assignment[r] = s;
    if (classification) keptLabels.add(labels[i]);
    if (s === SPLIT_TRAIN) {
      counts.train++;
      if (!classification) trainTargets.push(values[i]);
    } else if (s === SPLIT_VALIDATION) counts.validation++;
    else if (s === SPLIT_TEST) counts.test++;
  });
  if (counts.train === 0) {
    throw new CleaningStepError('The cleaning steps removed every training row; undo or loosen a step that drops rows.');
  }

  let classes: string[] | undefined;
  if (classification) {
    classes = sortLabels([...keptLabels]);
    if (classes.length < 2) {
      const keptCount = counts.train + counts.validation + counts.test;
      throw new DataInputError(
        'single-class',
        `The target column '${target}' has only one value ('${classes[0]}') in the ${keptCount} rows that have a target; ` +
          'a classifier needs at least two classes; pick another target column.',
      );
    }
  }

  const encoders = fitEncoders(spec, table, train, kept, cleaning);
  const featureNames = encoders.flatMap(encoderFeatureNames);
  if (featureNames.length === 0) {
    throw new DataInputError(
      'no-features',
      `The selected feature columns (${spec.featureColumns.join(', ')}) have no values in the training rows; ` +
        'select feature columns that have data.',
    );
  }

  const pipeline: FittedPipeline = {
    version: 2,
    // A copy (as version 2) so later edits to the caller's spec cannot change the fitted pipeline.
    spec: upgradePrepareSpec(spec),
    cleaning,
    encoders,
    featureNames,
    droppedMissingTarget: rows.length - usable.length,
    droppedByCleaning: usable.length - (counts.train + counts.validation + counts.test),
    counts,
  };
  if (classes) pipeline.classes = classes;
  else pipeline.targetScale = meanStd(trainTargets);
  return { pipeline, assignment };
}
