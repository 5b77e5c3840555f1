// Model quality benchmark (issue 4, "Quality targets"): trains the presets on held-out splits of the
// bundled samples in Node (tfjs cpu backend, the engine's own importers, pipelines and Trainer) and
// compares test accuracy with a logistic-regression baseline fitted on the same encoded splits.
// Prints a table and writes bench/results/model-quality-<stamp>.json. Run alone: `node bench/model-quality.mjs`
// (QUALITY_DIGITS_EPOCHS=3 for a quicker run; the default 8 takes ~12 min on 2 cores).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { createServer } from 'vite';
import { loadEngine, prepareCsvSample, prepareDigits } from './model-quality-data.mjs';
import { fitLogisticBaseline } from './model-quality-logistic.mjs';

const SEED = 42;

/** LeNet takes ~90 s per epoch on the pure-JS cpu backend (2 cores), so quick runs may ask for fewer epochs. */
function envEpochs(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got ${process.env[name]}.`);
  return value;
}
/** The app's defaults (DEFAULT_TRAIN_CONFIG) for tables and text; LeNet with a lower rate for fewer epochs. */
const TABLE_CONFIG = { epochs: 30, batchSize: 32, learningRate: 0.01, optimizer: 'adam', seed: SEED };
const DIGITS_CONFIG = { epochs: envEpochs('QUALITY_DIGITS_EPOCHS', 8), batchSize: 32, learningRate: 0.003, optimizer: 'adam', seed: SEED };
const SEQUENCE_CONFIG = { epochs: envEpochs('QUALITY_SEQUENCE_EPOCHS', 6), batchSize: 32, learningRate: 0.003, optimizer: 'adam', seed: SEED };
const TEXT_CONFIG = { epochs: 10, batchSize: 32, learningRate: 0.01, optimizer: 'adam', seed: SEED };
const DIGITS_TARGET = 0.95;
/** Small tables are scored over several random splits (the first is the app's default, 42). */
const TABLE_SPLIT_SEEDS = [42, 1, 2, 3, 4, 5, 6, 7];

/**
 * QUALITY_ONLY=tables,digits,text,sequences picks cases. 'sequences' (LSTM and Transformer on word ids) is not in
 * the default set: tfjs's CPU embedding gradient makes one LSTM epoch take ~30 min in Node on 2 cores.
 */
const ONLY = (process.env.QUALITY_ONLY ?? 'tables,digits,text').split(',');
const wanted = (group) => ONLY.includes(group);

const round = (x, digits = 3) => Number(x.toFixed(digits));

/** Test accuracy of probability rows `probs` [n, k] against split.y. */
function scoreWith(engine) {
  return (split, probs) => engine.accuracy(split.y, engine.argmaxRows(probs, split.n, probs.length / split.n));
}

/** Trains `spec` with the engine's Trainer; returns { accuracy, parameters, seconds, epochs, lastValAccuracy }. */
async function trainModel(engine, spec, config, prepared) {
  const [train, validation, test] = prepared.splits;
  const data = { train, validation, ...(prepared.image ? { image: prepared.image } : {}),
    ...(prepared.tokenCountColumns?.length ? { tokenCountColumns: prepared.tokenCountColumns } : {}) };
  const started = performance.now();
  const trainer = await engine.Trainer.create(spec, config, data);
  try {
    await trainer.run({ onEpochEnd: (m) => { process.stdout.write(`    epoch ${m.epoch}/${config.epochs}: val acc ${round(m.valAccuracy ?? NaN)}, ${round(m.durationMs / 1000, 1)} s\n`); } });
    const seconds = (performance.now() - started) / 1000;
    const accuracy = scoreWith(engine)(test, await trainer.predict(test.x, test.n));
    const parameters = engine.summarizeModel(engine.upgradeModelSpec(spec)).totalParameters;
    return { accuracy, parameters, seconds, epochs: trainer.history.length, lastValAccuracy: trainer.history.at(-1)?.valAccuracy };
  } finally {
    trainer.dispose();
  }
}

/**
 * Trains `spec` on `prepared` and the logistic baseline on `baselinePrepared` (the same rows and split,
 * encoded as a bag of words when the model reads token sequences); returns both test accuracies and costs.
 */
async function scoreSplit(engine, spec, config, prepared, baselinePrepared = prepared) {
  const [train, validation, test] = baselinePrepared.splits;
  const trained = await trainModel(engine, spec, config, prepared);
  const baseline = await fitLogisticBaseline(train, validation, prepared.pipeline.classes.length, scoreWith(engine));
  const baselineAccuracy = scoreWith(engine)(test, baseline.predict(test));
  baseline.dispose();
  return { trained, baseline: { accuracy: baselineAccuracy, parameters: baseline.parameters, seconds: baseline.seconds, l2: baseline.l2, steps: baseline.steps } };
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Trains one preset and its logistic baseline on each of `splits` (prepared datasets that differ only in
 * their split seed) and returns the row of the results: accuracies are means over the splits, because a
 * 24-row test split (iris) moves by 0.04 per row and one split alone cannot tell the two models apart.
 */
async function benchCase(engine, { dataset, model, spec, config, splits, baselineSplits = splits, target }) {
  const scored = [];
  for (const [i, prepared] of splits.entries()) {
    scored.push({ splitSeed: prepared.splitSeed, ...(await scoreSplit(engine, spec, config, prepared, baselineSplits[i])) });
  }
  const accuracy = mean(scored.map((s) => s.trained.accuracy));
  const baselineAccuracy = mean(scored.map((s) => s.baseline.accuracy));
  const met = target.kind === 'at-least-baseline' ? accuracy >= baselineAccuracy
    : target.kind === 'beats-baseline' ? accuracy > baselineAccuracy : accuracy >= target.value;
  const [train, validation, test] = splits[0].splits;
  const row = {
    dataset, model, features: train.featureCount, classes: splits[0].pipeline.classes.length, rows: { train: train.n, validation: validation.n, test: test.n },
    config, splitSeeds: scored.map((s) => s.splitSeed), accuracy, parameters: scored[0].trained.parameters,
    seconds: mean(scored.map((s) => s.trained.seconds)), epochs: scored[0].trained.epochs,
    perSplit: scored.map((s) => ({ splitSeed: s.splitSeed, accuracy: s.trained.accuracy, baseline: s.baseline.accuracy, baselineL2: s.baseline.l2 })),
    baseline: { ...scored[0].baseline, accuracy: baselineAccuracy, seconds: mean(scored.map((s) => s.baseline.seconds)) },
    target: target.label, met,
  };
  console.log(`  ${dataset} / ${model}: test ${round(accuracy)} vs logistic ${round(baselineAccuracy)} (mean of ${splits.length} split${splits.length > 1 ? 's' : ''})`);
  return row;
}

/** The tabular preset on penguins and iris, each over TABLE_SPLIT_SEEDS, against logistic regression. */
async function benchTables(engine) {
  const rows = [];
  for (const file of ['penguins.csv', 'iris.csv']) {
    const splits = [];
    for (const splitSeed of TABLE_SPLIT_SEEDS) splits.push({ splitSeed, ...(await prepareCsvSample(engine, file, splitSeed)) });
    const { pipeline } = splits[0];
    const spec = engine.createPresetSpec('tabular-mlp', { kind: 'table', inputSize: pipeline.featureNames.length }, { task: 'classification', outputSize: pipeline.classes.length });
    rows.push(await benchCase(engine, { dataset: file, model: 'tabular-mlp', spec, config: TABLE_CONFIG, splits, target: { kind: 'at-least-baseline', label: '≥ logistic' } }));
  }
  return rows;
}

/** LeNet on the digits zip (32×32 grayscale, as the app imports it); target ≥ DIGITS_TARGET. */
async function benchDigits(engine) {
  const digits = await prepareDigits(engine);
  const [h, w, c] = digits.image.shape;
  const spec = engine.createPresetSpec('lenet-cnn', { kind: 'images', inputShape: [h, w, c] }, { task: 'classification', outputSize: digits.pipeline.classes.length });
  return benchCase(engine, { dataset: 'digits.zip', model: 'lenet-cnn', spec, config: DIGITS_CONFIG, splits: [{ splitSeed: SEED, ...digits }],
    target: { kind: 'absolute', value: DIGITS_TARGET, label: `≥ ${DIGITS_TARGET}` } });
}

/**
 * SMS spam: an MLP on bag-of-token counts, and the LSTM and Transformer presets on the same messages as
 * word-id sequences (the app's "Token sequence" encoding); each against logistic regression on the bag of words.
 */
async function benchText(engine) {
  const target = { kind: 'beats-baseline', label: '> bag-of-words logistic' };
  const bag = await prepareCsvSample(engine, 'sms-spam.csv');
  const k = bag.pipeline.classes.length;
  const bagSplits = [{ splitSeed: SEED, ...bag }];
  const mlp = { version: 1, kind: 'mlp', inputSize: bag.pipeline.featureNames.length, hiddenLayers: [64], activation: 'relu', outputSize: k, task: 'classification' };
  const rows = [await benchCase(engine, { dataset: 'sms-spam.csv', model: 'mlp [64] on bag-of-tokens', spec: mlp, config: TEXT_CONFIG, splits: bagSplits, target })];
  if (!wanted('sequences')) return rows;
  const sequences = await prepareCsvSample(engine, 'sms-spam.csv', SEED, [{ column: 'text', encoding: { kind: 'token-sequence', ...engine.TOKEN_SEQUENCE_DEFAULTS } }]);
  const [encoder] = sequences.pipeline.encoders;
  const input = { kind: 'text', vocabSize: engine.vocabularySize(encoder.tokenizer), sequenceLength: encoder.length };
  const specs = [
    ['lstm-text', engine.createPresetSpec('lstm-text', input, { task: 'classification', outputSize: k })],
    ['transformer-text', { ...engine.defaultTransformerSpec(input.vocabSize, k, 'classification'), sequenceLength: input.sequenceLength }],
  ];
  for (const [model, spec] of specs) {
    rows.push(await benchCase(engine, { dataset: 'sms-spam.csv', model: `${model} on token sequences`, spec, config: SEQUENCE_CONFIG,
      splits: [{ splitSeed: SEED, ...sequences }], baselineSplits: bagSplits, target }));
  }
  return rows;
}

function printTable(rows) {
  console.log('\nModel quality on held-out test splits (70/15/15; tables: mean over split seeds, others seed 42; tfjs cpu backend in Node)');
  console.table(rows.map((r) => ({
    dataset: r.dataset, model: r.model, params: r.parameters, splits: r.splitSeeds.length, 'test n': r.rows.test, 'test acc': round(r.accuracy),
    'logistic acc': round(r.baseline.accuracy), 'logistic params': r.baseline.parameters, target: r.target, 'met?': r.met ? 'met' : 'NOT met',
    'train s': round(r.seconds, 1), 'logistic s': round(r.baseline.seconds, 1),
  })));
}

/** Runs every case, prints the table, writes bench/results/model-quality-<stamp>.json and returns the result. */
export async function benchModelQuality(stamp = new Date().toISOString().replace(/[:.]/g, '-')) {
  await tf.setBackend('cpu');
  const server = await createServer({
    configFile: false, logLevel: 'error', appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true },
  });
  const rows = [];
  try {
    const engine = await loadEngine(server);
    if (wanted('tables')) rows.push(...(await benchTables(engine)));
    if (wanted('digits')) rows.push(await benchDigits(engine));
    if (wanted('text') || wanted('sequences')) rows.push(...(await benchText(engine)));
  } finally {
    await server.close();
  }
  printTable(rows);
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, backend: tf.getBackend() };
  const result = { stamp, machine, baseline: 'multinomial logistic regression, full-batch Adam, L2 picked on validation', rows };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/model-quality-${stamp}.json`, JSON.stringify(result, null, 2));
  console.log(`Model quality results written to bench/results/model-quality-${stamp}.json`);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await benchModelQuality();
