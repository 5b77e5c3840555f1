// Classification metrics on plain arrays: argmax of probability rows, accuracy, confusion matrix.
// Inputs are class indices (0..k-1); empty or mismatched inputs throw rather than return NaN.

function checkPair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, metric: string): void {
  if (yTrue.length !== yPred.length) {
    throw new Error(`${metric}: got ${yTrue.length} true labels but ${yPred.length} predictions; pass one prediction per row.`);
  }
  if (yTrue.length === 0) {
    throw new Error(`${metric}: no rows to score; the split is empty, so give it a larger fraction or add data.`);
  }
}

/**
 * Index of the largest value in each row of a row-major [n, k] matrix (first index on ties).
 * Returns an Int32Array of length n. Throws when probs.length !== n * k or k < 1.
 */
export function argmaxRows(probs: Float32Array, n: number, k: number): Int32Array {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 1) {
    throw new Error(`argmaxRows: n must be an integer >= 0 and k an integer >= 1, got n=${n}, k=${k}.`);
  }
  if (probs.length !== n * k) {
    throw new Error(`argmaxRows: expected ${n} x ${k} = ${n * k} values, got ${probs.length}; check the output shape.`);
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let best = 0;
    let bestValue = probs[base];
    for (let j = 1; j < k; j++) {
      const v = probs[base + j];
      // A NaN never wins a comparison, so also move past a NaN held as the current best.
      if (v > bestValue || (Number.isNaN(bestValue) && !Number.isNaN(v))) {
        best = j;
        bestValue = v;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Fraction of rows where yPred equals yTrue, in [0, 1]. Throws on empty or mismatched inputs. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred, 'accuracy');
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

/**
 * Counts of (true class, predicted class) pairs: result[t][p], rows = true class, columns = predicted,
 * classCount x classCount. Throws on empty or mismatched inputs, or a label that is not an integer in
 * [0, classCount).
 */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classCount: number): number[][] {
  checkPair(yTrue, yPred, 'confusionMatrix');
  if (!Number.isInteger(classCount) || classCount < 1) {
    throw new Error(`confusionMatrix: classCount must be an integer >= 1, got ${classCount}.`);
  }
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    for (const [label, name] of [[t, 'true label'], [p, 'prediction']] as const) {
      if (!Number.isInteger(label) || label < 0 || label >= classCount) {
        throw new Error(`confusionMatrix: ${name} ${label} at row ${i} is not a class index in 0..${classCount - 1}.`);
      }
    }
    matrix[t][p]++;
  }
  return matrix;
}
