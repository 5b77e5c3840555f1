// Training-memory estimate against measurement: for every preset (and the Transformer and GPT defaults) at batch 32,
// one Adam step on the tfjs cpu backend in Node, peak tensor bytes from tf.profile next to summarizeModel's estimate.
// Usage: node bench/model-memory.mjs [preset ...]   (writes bench/results/model-memory-<stamp>.json)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { createServer } from 'vite';

const BATCH = 32;
/** The standard inputs of the model tests (test/engine/model/model-fixtures.ts): 10 classes each. */
const INPUTS = {
  table: { kind: 'table', inputSize: 7 },
  images: { kind: 'images', inputShape: [28, 28, 1] },
  text: { kind: 'text', vocabSize: 1000, sequenceLength: 40 },
};
const TARGET = { task: 'classification', outputSize: 10 };

/** Engine modules through Vite's SSR loader, so the TypeScript runs as the app ships it (tfjs stays Node's instance). */
async function loadEngine(server) {
  const paths = ['model-presets', 'model-summary', 'build-model', 'transformer-spec', 'gpt-model'].map((name) => `/src/engine/model/${name}.ts`);
  const modules = await Promise.all([...paths, '/src/engine/data/corpus-pipeline.ts'].map((path) => server.ssrLoadModule(path)));
  return Object.assign({}, ...modules);
}

/** The specs measured: the five presets, the Transformer text classifier and the GPT the app trains on Shakespeare. */
async function benchSpecs(engine) {
  const specs = Object.entries(engine.MODEL_PRESETS).map(([id, preset]) => [id, engine.createPresetSpec(id, INPUTS[preset.dataKind], TARGET)]);
  const { vocabSize, sequenceLength } = INPUTS.text;
  specs.push(['transformer-text', { ...engine.defaultTransformerSpec(vocabSize, TARGET.outputSize, TARGET.task), sequenceLength }]);
  // As workers/lm-run.ts: the registry defaults with the char vocabulary of the corpus (here the bundled sample).
  const corpus = await engine.prepareCorpus(readFileSync('public/samples/shakespeare.txt', 'utf8'), { tokenizer: 'char' });
  specs.push(['gpt-shakespeare', engine.defaultGptSpec(corpus.vocabSize)]);
  return specs;
}

/** Random inputs of the spec's shape and a loss function of them (cross-entropy; next-token loss for the GPT). */
function randomBatch(engine, spec) {
  const ids = (length, vocab) => tf.randomUniform([BATCH, length], 1, vocab, 'int32', 7);
  const labels = () => tf.oneHot(tf.randomUniform([BATCH], 0, TARGET.outputSize, 'int32', 8), TARGET.outputSize).toFloat();
  if (spec.kind === 'gpt') {
    const x = ids(spec.contextLength, spec.vocabSize);
    const y = ids(spec.contextLength, spec.vocabSize);
    return { tensors: [x, y], loss: (model) => engine.nextTokenLoss(model.apply(x, { training: true }), y) };
  }
  const x = spec.kind === 'mlp' ? tf.randomNormal([BATCH, spec.inputSize], 0, 1, 'float32', 7)
    : spec.kind === 'cnn' ? tf.randomNormal([BATCH, ...spec.inputShape], 0, 1, 'float32', 7)
      : spec.kind === 'rnn' ? ids(spec.input.sequenceLength, spec.input.vocabSize)
        : ids(spec.sequenceLength, spec.vocabSize);
  const y = labels();
  return {
    tensors: [x, y],
    loss: (model) => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true })).add(engine.regularizationLoss(model)),
  };
}

/**
 * Bytes of the cpu backend's distinct data buffers, with their peak. tf.memory().numBytes (and so tf.profile's
 * peakBytes) adds a tensor's size for every tensor object, so a reshape, a clone or the copy the gradient tape keeps
 * of a saved tensor counts its buffer again; watching the backend's data store counts each buffer once.
 */
function watchBuffers(backend) {
  const store = backend.data;
  const sizes = new Map();
  const state = { bytes: 0, peak: 0 };
  const set = store.set.bind(store);
  const remove = store.delete.bind(store);
  store.set = (dataId, value) => {
    const bytes = value?.values?.byteLength ?? 0;
    state.bytes += bytes - (sizes.get(dataId) ?? 0);
    sizes.set(dataId, bytes);
    state.peak = Math.max(state.peak, state.bytes);
    return set(dataId, value);
  };
  store.delete = (dataId) => {
    state.bytes -= sizes.get(dataId) ?? 0;
    sizes.delete(dataId);
    return remove(dataId);
  };
  return { read: () => ({ ...state }), resetPeak: () => { state.peak = state.bytes; } };
}

/**
 * Bytes of distinct buffers behind live tensors, with their peak: every tensor object counts its buffer once, however
 * many reshapes or tape copies share it (what a GPU backend allocates), and kernel-internal scratch is left out.
 */
function watchTensors(engine) {
  const owners = new Map();
  const state = { bytes: 0, peak: 0 };
  const track = engine.trackTensor.bind(engine);
  const dispose = engine.disposeTensor.bind(engine);
  engine.trackTensor = (tensor, backend) => {
    const entry = owners.get(tensor.dataId) ?? { count: 0, bytes: tensor.dtype === 'string' ? 0 : 4 * tensor.size };
    if (entry.count++ === 0) state.bytes += entry.bytes;
    owners.set(tensor.dataId, entry);
    state.peak = Math.max(state.peak, state.bytes);
    return track(tensor, backend);
  };
  engine.disposeTensor = (tensor) => {
    const entry = owners.get(tensor.dataId);
    if (entry && --entry.count === 0) {
      state.bytes -= entry.bytes;
      owners.delete(tensor.dataId);
    }
    return dispose(tensor);
  };
  return { read: () => ({ ...state }), resetPeak: () => { state.peak = state.bytes; } };
}

/** One Adam step: gradients of the loss by variableGrads, then applyGradients; everything but the variables freed. */
function trainStep(model, optimizer, loss) {
  const { value, grads } = tf.variableGrads(() => loss(model), model.trainableWeights.map((w) => w.read()));
  optimizer.applyGradients(grads);
  value.dispose();
  tf.dispose(Object.values(grads));
}

/**
 * Builds `spec`, takes one warm-up step (Adam creates its two slots per weight), then profiles a second step: its
 * peak is the steady-state training peak. Bytes are tfjs tensor bytes (tf.memory().numBytes), inputs included.
 */
async function measure(engine, name, spec, buffers, tensors) {
  const summary = engine.summarizeModel(spec, BATCH);
  const model = engine.buildModel(spec, 1);
  const optimizer = tf.train.adam(1e-3);
  const batch = randomBatch(engine, spec);
  const inputBytes = batch.tensors.reduce((sum, t) => sum + 4 * t.size, 0);
  const beforeBytes = tf.memory().numBytes;
  const first = await tf.profile(() => trainStep(model, optimizer, batch.loss));
  const slotsBytes = tf.memory().numBytes;
  const started = performance.now();
  buffers.resetPeak();
  tensors.resetPeak();
  const bufferBytesBefore = buffers.read().bytes;
  const tensorBytesBefore = tensors.read().bytes;
  const second = await tf.profile(() => trainStep(model, optimizer, batch.loss));
  const seconds = (performance.now() - started) / 1000;
  const bufferPeakBytes = buffers.read().peak;
  const tensorPeakBytes = tensors.read().peak;
  const afterBytes = tf.memory().numBytes;
  optimizer.dispose();
  tf.dispose(batch.tensors);
  model.dispose();
  return {
    preset: name, kind: spec.kind, parameters: model.countParams(), summaryParameters: summary.totalParameters,
    estimatedBytes: summary.memory.totalBytes, estimate: summary.memory, profilePeakBytes: second.peakBytes, firstStepProfilePeakBytes: first.peakBytes,
    tensorPeakBytes, tensorBytesBefore, bufferPeakBytes, bufferBytesBefore, beforeBytes, afterFirstStepBytes: slotsBytes, afterBytes, inputBytes,
    ratio: summary.memory.totalBytes / tensorPeakBytes, bufferRatio: summary.memory.totalBytes / bufferPeakBytes, profileRatio: summary.memory.totalBytes / second.peakBytes, stepSeconds: seconds,
  };
}

const mb = (bytes) => (bytes / 2 ** 20).toFixed(2);

/** Runs every spec, prints the table, writes bench/results/model-memory-<stamp>.json and returns the result. */
export async function benchModelMemory(stamp = new Date().toISOString().replace(/[:.]/g, '-')) {
  await tf.setBackend('cpu');
  const server = await createServer({
    configFile: false, logLevel: 'error', appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true },
  });
  const rows = [];
  const buffers = watchBuffers(tf.backend());
  const tensors = watchTensors(tf.engine());
  const only = process.argv.slice(2);
  try {
    const engine = await loadEngine(server);
    for (const [name, spec] of await benchSpecs(engine)) {
      if (only.length === 0 || only.includes(name)) rows.push(await measure(engine, name, spec, buffers, tensors));
    }
  } finally {
    await server.close();
  }
  console.log(`\nTraining memory at batch ${BATCH}: summarizeModel estimate vs the peak of one Adam step (tfjs cpu backend, Node)`);
  console.table(rows.map((r) => ({
    preset: r.preset, parameters: r.parameters, 'estimated MiB': mb(r.estimatedBytes), 'tensor peak MiB': mb(r.tensorPeakBytes),
    'estimate / tensors': r.ratio.toFixed(2), 'tf.profile peak MiB': mb(r.profilePeakBytes), 'estimate / profile': r.profileRatio.toFixed(2),
    'cpu buffers peak MiB': mb(r.bufferPeakBytes), 'step s': r.stepSeconds.toFixed(2),
  })));
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, backend: tf.getBackend() };
  const result = {
    stamp, machine, batchSize: BATCH, rows,
    measure: 'second Adam step (slots exist), inputs included. tensor peak: distinct buffers of live tensors (primary); tf.profile peakBytes: counts a shared buffer per tensor object; cpu buffers: every backend buffer incl. kernel scratch',
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/model-memory-${stamp}.json`, JSON.stringify(result, null, 2));
  console.log(`Model memory results written to bench/results/model-memory-${stamp}.json`);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await benchModelMemory();
