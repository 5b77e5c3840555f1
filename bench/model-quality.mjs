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
const TEXT_CONFIG = { epochs: 10, batchSize: 32, learningRate: 0.01, optimizer: 'adam', seed: SEED };
const DIGITS_TARGET = 0.95;

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

/** Trains one preset and its logistic baseline on `prepared`; returns the row of the results. */
async function benchCase(engine, { dataset, model, spec, config, prepared, target }) {
  const [train, validation, test] = prepared.splits;
  const classCount = prepared.pipeline.classes.length;
  const trained = await trainModel(engine, spec, config, prepared);
  const baseline = await fitLogisticBaseline(train, validation, classCount, scoreWith(engine));
  const baselineAccuracy = scoreWith(engine)(test, baseline.predict(test));
  baseline.dispose();
  const met = target.kind === 'at-least-baseline' ? trained.accuracy >= baselineAccuracy
    : target.kind === 'beats-baseline' ? trained.accuracy > baselineAccuracy : trained.accuracy >= target.value;
  const row = {
    dataset, model, features: train.featureCount, classes: classCount, rows: { train: train.n, validation: validation.n, test: test.n },
    config, ...trained, baseline: { accuracy: baselineAccuracy, parameters: baseline.parameters, seconds: baseline.seconds, l2: baseline.l2, steps: baseline.steps },
    target: target.label, met,
  };
  console.log(`  ${dataset} / ${model}: test ${round(trained.accuracy)} vs logistic ${round(baselineAccuracy)} (${round(trained.seconds, 1)} s + ${round(baseline.seconds, 1)} s)`);
  return row;
}

function printTable(rows) {
  console.log('\nModel quality on the held-out test split (70/15/15 split, seed 42; tfjs cpu backend in Node)');
  console.table(rows.map((r) => ({
    dataset: r.dataset, model: r.model, params: r.parameters, 'test n': r.rows.test, 'test acc': round(r.accuracy),
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
    const tableTarget = { kind: 'at-least-baseline', label: '≥ logistic' };
    for (const file of ['penguins.csv', 'iris.csv']) {
      const prepared = await prepareCsvSample(engine, file);
      const spec = engine.createPresetSpec('tabular-mlp', { kind: 'table', inputSize: prepared.pipeline.featureNames.length }, { task: 'classification', outputSize: prepared.pipeline.classes.length });
      rows.push(await benchCase(engine, { dataset: file, model: 'tabular-mlp', spec, config: TABLE_CONFIG, prepared, target: tableTarget }));
    }
    const digits = await prepareDigits(engine);
    const [h, w, c] = digits.image.shape;
    const lenet = engine.createPresetSpec('lenet-cnn', { kind: 'images', inputShape: [h, w, c] }, { task: 'classification', outputSize: digits.pipeline.classes.length });
    rows.push(await benchCase(engine, { dataset: 'digits.zip', model: 'lenet-cnn', spec: lenet, config: DIGITS_CONFIG, prepared: digits,
      target: { kind: 'absolute', value: DIGITS_TARGET, label: `≥ ${DIGITS_TARGET}` } }));
    const sms = await prepareCsvSample(engine, 'sms-spam.csv');
    const textMlp = { version: 1, kind: 'mlp', inputSize: sms.pipeline.featureNames.length, hiddenLayers: [64], activation: 'relu', outputSize: sms.pipeline.classes.length, task: 'classification' };
    rows.push(await benchCase(engine, { dataset: 'sms-spam.csv', model: 'mlp [64] on bag-of-tokens', spec: textMlp, config: TEXT_CONFIG, prepared: sms,
      target: { kind: 'beats-baseline', label: '> bag-of-words logistic' } }));
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
