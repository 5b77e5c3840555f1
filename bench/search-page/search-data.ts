// The search benchmark's tabular workload: a seeded synthetic CSV of standard-normal numeric features and a
// 3-class label from a fixed random rule (linear scores plus pairwise-product and tanh terms, Gaussian score
// noise, then a share of labels replaced at random), so it is learnable but not trivially: the learning rate,
// batch size and width a search tries change the validation loss it reaches in a few epochs.
import { createRandom, type RandomSource } from '../../src/engine/random';

export const CLASS_NAMES = ['alpha', 'beta', 'gamma'];
/** Share of rows whose label is replaced by a uniformly drawn class. */
const LABEL_NOISE = 0.08;
/** Standard deviation of the noise added to each class score before the arg-max. */
const SCORE_NOISE = 0.7;

/** Normal draws (Box–Muller) from a seeded source. */
function gaussian(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The CSV text (header `f1..fN,label`) of `rows` rows of `features` features, seeded by `seed`. */
export function syntheticTableCsv(rows: number, features: number, seed: number): string {
  const random = createRandom(seed);
  const classes = CLASS_NAMES.length;
  const linear = Float64Array.from({ length: features * classes }, () => gaussian(random) / Math.sqrt(features));
  // Non-linear terms: products of feature pairs and a tanh of a feature sum, each with a random weight per class.
  const pairs = Array.from({ length: 6 }, () => [Math.floor(random() * features), Math.floor(random() * features)] as const);
  const pairWeights = Float64Array.from({ length: pairs.length * classes }, () => 0.8 * gaussian(random));
  const tanhWeights = Float64Array.from({ length: classes }, () => 1.5 * gaussian(random));
  const lines = [[...Array.from({ length: features }, (_, f) => `f${f + 1}`), 'label'].join(',')];
  const x = new Float64Array(features);
  const scores = new Float64Array(classes);
  for (let r = 0; r < rows; r += 1) {
    for (let f = 0; f < features; f += 1) x[f] = gaussian(random);
    const bend = Math.tanh(x[0] + x[1] - x[2]);
    for (let c = 0; c < classes; c += 1) {
      let s = SCORE_NOISE * gaussian(random) + tanhWeights[c] * bend;
      for (let f = 0; f < features; f += 1) s += x[f] * linear[f * classes + c];
      pairs.forEach(([a, b], p) => { s += pairWeights[p * classes + c] * x[a] * x[b]; });
      scores[c] = s;
    }
    let label = scores.indexOf(Math.max(...scores));
    if (random() < LABEL_NOISE) label = Math.floor(random() * classes);
    lines.push(`${Array.from(x, (v) => v.toFixed(4)).join(',')},${CLASS_NAMES[label]}`);
  }
  return `${lines.join('\n')}\n`;
}
