// Language-model runs for the training worker: train a GPT on a corpus dataset (checkpoint and a generated
// sample every epoch, the same events as row runs) and generate text from a run's latest checkpoint.
import { readMemory } from './memory-reading';
import type { IDBPDatabase } from 'idb';
import { prepareCorpus, type PreparedCorpus } from '../src/engine/data/corpus-pipeline';
import type { FittedPipeline } from '../src/engine/data/prepare-types';
import { buildGpt } from '../src/engine/model/gpt-model';
import { disposeModel } from '../src/engine/model/dispose-model';
import { generateText } from '../src/engine/model/generate';
import { ATTENTION_MODEL_KINDS, type GptDefaults, type GptSpec } from '../src/engine/model/transformer-spec';
import { validateModelSpec } from '../src/engine/model/validate-model-spec';
import { commitCheckpoint, loadLatestCheckpoint } from '../src/engine/storage/checkpoints-repo';
import type { AppDB } from '../src/engine/storage/db';
import { datasetKind, type RunRecord } from '../src/engine/storage/records';
import { getCompleteDataset, readDatasetChunks } from '../src/engine/storage/datasets-repo';
import { createRun, getRun, updateRun } from '../src/engine/storage/runs-repo';
import { decode, encode } from '../src/engine/text/tokenizer';
import { LmTrainer, type LmTrainConfig } from '../src/engine/train/lm-trainer';
import { writeModelWeights } from '../src/engine/train/trainer-snapshot';
import type { TrainerSnapshot } from '../src/engine/train/train-types';
import { problemFrom, type Outcome } from './api-types';
import { createProgressClock } from './progress-clock';
import type { BackendChoice, TrainEvent } from './train-events';
import { fallbackNotice, unlessBusy } from './run-messages';

/** Start a GPT run on a corpus. Missing fields take LM_DEFAULTS / the GPT registry defaults. */
export interface LanguageModelRequest {
  datasetId: string;
  tokenizer?: 'char' | 'bpe';
  model?: Partial<GptDefaults>;
  config?: Partial<LmTrainConfig>;
  name?: string;
}

/** Sampling options of `generate`; defaults: 200 new tokens, temperature 0.8, top-k 20, seed 0. */
export interface LmGenerateOptions {
  maxNewTokens?: number;
  temperature?: number;
  topK?: number;
  seed?: number;
}

/** Defaults: 5 epochs of 200 steps, batch 32, Adam at 3e-3, seed 42. */
export const LM_DEFAULTS: LmTrainConfig = { epochs: 5, stepsPerEpoch: 200, batchSize: 32, learningRate: 3e-3, optimizer: 'adam', seed: 42 };
/** The sample generated after every epoch. */
export const EPOCH_SAMPLE = { prompt: '\n', maxNewTokens: 200, temperature: 0.8, topK: 20, seed: 1 } as const;

export interface LmRunDeps {
  db: () => Promise<IDBPDatabase<AppDB>>;
  ensureBackend: () => Promise<BackendChoice>;
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  withLock: <T>(work: () => Promise<T>) => Promise<T | 'busy'>;
  /** The worker's stop flag: read before every step; `resetStop` clears it when a run starts. */
  shouldStop: () => boolean;
  resetStop: () => void;
}

/** RunRecord needs a table pipeline; a language model has none, so it stores this stand-in (counts in tokens). */
function placeholderPipeline(corpus: PreparedCorpus, seed: number): FittedPipeline {
  return {
    version: 2, encoders: [], featureNames: [], droppedMissingTarget: 0,
    spec: { version: 2, targetColumn: '', task: 'classification', featureColumns: [], split: { train: 0.9, validation: 0.1, test: 0 }, seed },
    counts: { train: corpus.trainIds.length, validation: corpus.validationIds.length, test: 0 },
  };
}

/** Text continuing `prompt` from `trainer`'s or a restored model (prompt not included). */
async function sampleText(run: Pick<RunRecord, 'languageModel' | 'modelSpec'>, model: Parameters<typeof generateText>[0], prompt: string, options: LmGenerateOptions): Promise<string> {
  const tokenizer = run.languageModel?.tokenizer;
  if (!tokenizer) throw new Error('This run is not a language model.');
  const ids = encode(tokenizer, prompt);
  if (ids.length === 0) throw new Error('The prompt is empty: type at least one character.');
  const out = await generateText(model, ids, {
    maxNewTokens: options.maxNewTokens ?? EPOCH_SAMPLE.maxNewTokens, temperature: options.temperature ?? EPOCH_SAMPLE.temperature,
    topK: options.topK ?? EPOCH_SAMPLE.topK, seed: options.seed ?? 0, contextLength: (run.modelSpec as GptSpec).contextLength,
  });
  return decode(tokenizer, out);
}

/** The language-model half of the training API (see train-api.ts, which delegates here). */
export function createLmRunner(deps: LmRunDeps) {
  async function trainLanguageModel(run: RunRecord, corpus: PreparedCorpus, emit: (e: TrainEvent) => void, snapshot?: TrainerSnapshot, notice?: string): Promise<RunRecord> {
    const db = await deps.db();
    const choice = await deps.ensureBackend();
    const spec = run.modelSpec as GptSpec;
    const config = run.trainConfig as LmTrainConfig;
    const lm = run.languageModel as NonNullable<RunRecord['languageModel']>;
    const trainer = await LmTrainer.create(spec, config, { trainIds: corpus.trainIds, validationIds: corpus.validationIds, tokensPerCharacter: lm.tokensPerCharacter }, snapshot);
    const clock = createProgressClock(config.epochs, config.stepsPerEpoch, 1, trainer.completedEpochs);
    deps.resetStop();
    await updateRun(db, run.id, { status: 'running', backend: choice.name, failure: undefined });
    emit({ type: 'started', run: { ...run, status: 'running', backend: choice.name }, backend: choice,
      resumedFromEpoch: trainer.completedEpochs, optimizerStep: trainer.optimizerStep, notice });
    let lastBatchEvent = 0;
    try {
      const outcome = await trainer.run({
        shouldStop: deps.shouldStop,
        onBatch: (progress) => {
          clock.tick();
          if (Date.now() - lastBatchEvent < 200) return;
          lastBatchEvent = Date.now();
          emit({ type: 'batch', progress, ...clock.read(), memory: readMemory() });
        },
        onEpochEnd: async (metrics) => {
          let checkpointMessage: string | undefined;
          try {
            await commitCheckpoint(db, run.id, await trainer.snapshot(), { estimate: deps.estimate });
          } catch (error) {
            checkpointMessage = `The checkpoint of epoch ${metrics.epoch} was not saved: ${problemFrom(error).message}`;
          }
          const text = await sampleText(run, trainer.model, EPOCH_SAMPLE.prompt, { ...EPOCH_SAMPLE, seed: EPOCH_SAMPLE.seed + metrics.epoch });
          await updateRun(db, run.id, { history: trainer.history.slice(), updatedAt: Date.now(), languageModel: { ...lm, lastSample: text } });
          emit({ type: 'epoch', metrics, checkpointSaved: !checkpointMessage, checkpointMessage });
          emit({ type: 'sample', epoch: metrics.epoch, prompt: EPOCH_SAMPLE.prompt, text });
        },
      });
      await updateRun(db, run.id, { status: outcome === 'completed' ? 'completed' : 'stopped', updatedAt: Date.now() });
    } catch (error) {
      await updateRun(db, run.id, { status: 'failed', failure: problemFrom(error).message, updatedAt: Date.now() });
      throw error;
    } finally {
      trainer.dispose();
    }
    const finished = await getRun(db, run.id);
    if (!finished) throw new Error('The run record vanished while training.');
    emit({ type: 'finished', run: finished });
    return finished;
  }

  /** The corpus of `datasetId` tokenized for language modelling (deterministic: a resume gets the same ids). */
  async function loadCorpus(datasetId: string, tokenizer: 'char' | 'bpe') {
    const db = await deps.db();
    const dataset = await getCompleteDataset(db, datasetId);
    if (datasetKind(dataset) !== 'corpus') throw new Error('Language models train on a text corpus; this dataset is not one.');
    const texts = (async function* () { for await (const chunk of readDatasetChunks(db, dataset.id)) yield chunk.text ?? ''; })();
    return { dataset, corpus: await prepareCorpus(texts, { tokenizer }) };
  }

  return {
    /** Tokenize the corpus dataset, create a GPT run and train it; resolves when it completes, stops or fails. */
    async start(request: LanguageModelRequest, listener: (e: TrainEvent) => void): Promise<Outcome<RunRecord>> {
      try {
        const db = await deps.db();
        const config: LmTrainConfig = { ...LM_DEFAULTS, ...request.config };
        const { dataset, corpus } = await loadCorpus(request.datasetId, request.tokenizer ?? 'char');
        const spec: GptSpec = { ...ATTENTION_MODEL_KINDS.gpt.defaults, ...request.model, vocabSize: corpus.vocabSize };
        validateModelSpec(spec);
        const result = await deps.withLock(async () => {
          const now = Date.now();
          const run: RunRecord = {
            id: crypto.randomUUID(), datasetId: dataset.id, datasetName: dataset.name, name: request.name ?? `${dataset.name} · GPT`,
            createdAt: now, updatedAt: now, status: 'running', modelSpec: spec, trainConfig: config, history: [],
            pipeline: placeholderPipeline(corpus, config.seed),
            languageModel: {
              tokenizer: corpus.tokenizer, tokensPerCharacter: corpus.trainIds.length / corpus.trainCharacters,
              baseline: { nats: corpus.baseline.nats, bitsPerCharacter: corpus.baseline.bitsPerCharacter },
              trainTokens: corpus.trainIds.length, validationTokens: corpus.validationIds.length,
            },
          };
          await createRun(db, run);
          return trainLanguageModel(run, corpus, listener);
        });
        return { ok: true, value: unlessBusy(result) };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /** Continue a language-model run from its latest checkpoint: same weights, Adam state, counters and batches. */
    async resume(runId: string, listener: (e: TrainEvent) => void): Promise<Outcome<RunRecord>> {
      try {
        const db = await deps.db();
        const run = await getRun(db, runId);
        if (!run?.languageModel) throw new Error('That run is not a language model (or no longer exists).');
        const { corpus } = await loadCorpus(run.datasetId, run.languageModel.tokenizer.kind === 'bpe' ? 'bpe' : 'char');
        if (JSON.stringify(corpus.tokenizer) !== JSON.stringify(run.languageModel.tokenizer)) {
          throw new Error('The corpus no longer gives the tokenizer this run was trained with; start a new run.');
        }
        const result = await deps.withLock(async () => {
          const loaded = await loadLatestCheckpoint(db, runId);
          return trainLanguageModel(run, corpus, listener, loaded?.snapshot, fallbackNotice(loaded));
        });
        return { ok: true, value: unlessBusy(result) };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /** Text continuing `prompt` from the run's latest checkpoint (prompt not included). */
    async generate(runId: string, prompt: string, options: LmGenerateOptions = {}): Promise<Outcome<string>> {
      try {
        const db = await deps.db();
        const run = await getRun(db, runId);
        if (!run?.languageModel) throw new Error('That run is not a language model (or no longer exists).');
        const loaded = await loadLatestCheckpoint(db, runId);
        if (!loaded) throw new Error('The run has no checkpoint yet: let it finish one epoch first.');
        await deps.ensureBackend();
        const model = buildGpt(run.modelSpec as GptSpec, run.trainConfig.seed);
        try {
          writeModelWeights(model, loaded.snapshot.weights);
          return { ok: true, value: await sampleText(run, model, prompt, options) };
        } finally {
          disposeModel(model);
        }
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },
  };
}
