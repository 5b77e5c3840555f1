// Versioned JSON specs of the attention models (Transformer encoder classifier, decoder-only GPT): defaults,
// a registry for the UI, an analytic parameter count and validation that refuses absurd sizes before allocating.
import { ModelSpecError } from './model-spec-error';

/** Transformer encoder over token ids [batch, sequenceLength] giving [batch, outputSize] (pre-LayerNorm blocks). */
export interface TransformerSpec {
  version: 2;
  kind: 'transformer';
  /** Token ids are 0..vocabSize-1; id 0 is padding (PAD_ID) and is left out of attention keys and mean pooling. */
  vocabSize: number;
  /** Tokens per row (rows are padded/truncated to this). Default 128. */
  sequenceLength: number;
  /** Width of every token vector. Must be divisible by `heads`. Default 64. */
  embedDim: number;
  /** Attention heads per block; each head has embedDim / heads dimensions. Default 4. */
  heads: number;
  /** Transformer blocks. Default 2. */
  layers: number;
  /** Hidden units of each block's MLP (GELU). Default 128. */
  mlpDim: number;
  /** Dropout rate after attention, after the MLP and on the embeddings, in [0, 1). Default 0.1. */
  dropout: number;
  /** 'mean': average of the non-padding positions. 'cls': a learned vector prepended as position 0, read out. Default 'mean'. */
  pooling: 'mean' | 'cls';
  /** Classification: number of classes (logits out). Regression: 1 (linear output). */
  outputSize: number;
  task: 'classification' | 'regression';
}

/** Decoder-only causal language model: ids [batch, t] (t ≤ contextLength) → next-token logits [batch, t, vocabSize]. */
export interface GptSpec {
  version: 2;
  kind: 'gpt';
  vocabSize: number;
  /** Longest input in tokens (learned positions exist for 0..contextLength-1). Default 64. */
  contextLength: number;
  /** Default 64; divisible by `heads`. */
  embedDim: number;
  /** Default 4. */
  heads: number;
  /** Default 2. */
  layers: number;
  /** Default 256 (4 × embedDim). */
  mlpDim: number;
  /** Default 0.1. */
  dropout: number;
  /** True (default): the output projection is the token embedding matrix transposed (no extra V×D weights, no bias). */
  tieWeights: boolean;
}

export type AttentionModelSpec = TransformerSpec | GptSpec;

/** Largest accepted sizes; beyond these a browser tab cannot train anyway. */
export const ATTENTION_LIMITS = {
  maxVocab: 65_536, maxSequence: 2048, maxEmbedDim: 1024, maxHeads: 32, maxLayers: 24, maxMlpDim: 8192,
  maxOutputs: 4096, maxParameters: 20_000_000,
} as const;

/** Spec fields that do not depend on the dataset (the dataset supplies vocabSize, outputSize, task). */
export type TransformerDefaults = Omit<TransformerSpec, 'vocabSize' | 'outputSize' | 'task'>;
export type GptDefaults = Omit<GptSpec, 'vocabSize'>;

/** Registry entries the UI renders its model-kind picker and forms from. */
export const ATTENTION_MODEL_KINDS = {
  transformer: {
    label: 'Transformer encoder',
    description: 'Token and position embeddings, self-attention blocks and a pooling head: classifies or scores texts.',
    defaults: { version: 2, kind: 'transformer', sequenceLength: 128, embedDim: 64, heads: 4, layers: 2, mlpDim: 128, dropout: 0.1, pooling: 'mean' } as TransformerDefaults,
  },
  gpt: {
    label: 'GPT (causal language model)',
    description: 'Predicts the next character or token from the previous ones; generates text from a prompt.',
    defaults: { version: 2, kind: 'gpt', contextLength: 64, embedDim: 64, heads: 4, layers: 2, mlpDim: 256, dropout: 0.1, tieWeights: true } as GptDefaults,
  },
} as const;

/** The default Transformer classifier (or regressor) for a dataset. */
export function defaultTransformerSpec(vocabSize: number, outputSize: number, task: TransformerSpec['task']): TransformerSpec {
  return { ...ATTENTION_MODEL_KINDS.transformer.defaults, vocabSize, outputSize, task };
}

/** The default GPT for a corpus tokenized into `vocabSize` ids. */
export function defaultGptSpec(vocabSize: number): GptSpec {
  return { ...ATTENTION_MODEL_KINDS.gpt.defaults, vocabSize };
}

/** Parameters of one pre-LayerNorm block: 2 LayerNorms (γ, β), Wq/Wk/Wv/Wo with biases, MLP D→M→D with biases. */
function blockParameters(embedDim: number, mlpDim: number): number {
  const d = embedDim;
  return 2 * (2 * d) + 4 * (d * d + d) + (d * mlpDim + mlpDim) + (mlpDim * d + d);
}

/**
 * Trainable parameters, computed from the spec alone (nothing allocated); equals `model.countParams()` of the
 * built model. Transformer: V·D tokens + T'·D positions (T' = T + 1 with a CLS vector of D) + blocks + final
 * LayerNorm 2D + head D·C + C. GPT: V·D + ctx·D + blocks + 2D + (tied ? 0 : D·V + V).
 */
export function parameterCount(spec: AttentionModelSpec): number {
  const d = spec.embedDim;
  const blocks = spec.layers * blockParameters(d, spec.mlpDim);
  if (spec.kind === 'gpt') {
    return spec.vocabSize * d + spec.contextLength * d + blocks + 2 * d + (spec.tieWeights ? 0 : d * spec.vocabSize + spec.vocabSize);
  }
  const cls = spec.pooling === 'cls' ? 1 : 0;
  return spec.vocabSize * d + (spec.sequenceLength + cls) * d + cls * d + blocks + 2 * d + d * spec.outputSize + spec.outputSize;
}

const isWhole = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

function checkWhole(name: string, value: unknown, lo: number, hi: number): void {
  if (!isWhole(value, lo, hi)) throw new ModelSpecError(`${name} must be a whole number from ${lo} to ${hi}, not ${String(value)}.`, name.split(' ')[0]);
}

/** Throws ModelSpecError naming the first bad field and the accepted range. Allocates nothing. */
export function validateAttentionSpec(spec: AttentionModelSpec): void {
  const L = ATTENTION_LIMITS;
  if ((spec.kind !== 'transformer' && spec.kind !== 'gpt') || spec.version !== 2) {
    throw new ModelSpecError(`Unknown model spec (kind ${String(spec.kind)}, version ${String(spec.version)}); expected a transformer or gpt spec version 2.`);
  }
  checkWhole('vocabSize', spec.vocabSize, 2, L.maxVocab);
  if (spec.kind === 'gpt') checkWhole('contextLength', spec.contextLength, 1, L.maxSequence);
  else checkWhole('sequenceLength', spec.sequenceLength, 1, L.maxSequence);
  checkWhole('embedDim', spec.embedDim, 1, L.maxEmbedDim);
  checkWhole('heads', spec.heads, 1, L.maxHeads);
  if (spec.embedDim % spec.heads !== 0) {
    throw new ModelSpecError(`embedDim (${spec.embedDim}) must be divisible by heads (${spec.heads}); each head gets embedDim / heads dimensions.`, 'embedDim');
  }
  checkWhole('layers', spec.layers, 1, L.maxLayers);
  checkWhole('mlpDim', spec.mlpDim, 1, L.maxMlpDim);
  if (typeof spec.dropout !== 'number' || !(spec.dropout >= 0 && spec.dropout < 1)) {
    throw new ModelSpecError(`dropout must be a rate from 0 up to (not including) 1, not ${String(spec.dropout)}.`, 'dropout');
  }
  if (spec.kind === 'gpt') {
    if (typeof spec.tieWeights !== 'boolean') throw new ModelSpecError('tieWeights must be true or false.', 'tieWeights');
  } else {
    if (spec.pooling !== 'mean' && spec.pooling !== 'cls') throw new ModelSpecError(`pooling must be 'mean' or 'cls', not ${String(spec.pooling)}.`, 'pooling');
    if (spec.task !== 'classification' && spec.task !== 'regression') throw new ModelSpecError(`task must be 'classification' or 'regression', not ${String(spec.task)}.`, 'task');
    const minOutputs = spec.task === 'classification' ? 2 : 1;
    checkWhole(`outputSize for ${spec.task}`, spec.outputSize, minOutputs, L.maxOutputs);
  }
  const parameters = parameterCount(spec);
  if (parameters > L.maxParameters) {
    throw new ModelSpecError(`This ${spec.kind} has ${parameters.toLocaleString('en')} parameters; the limit is ${L.maxParameters.toLocaleString('en')}. Use a smaller embedDim, mlpDim, vocabulary or fewer layers.`, 'embedDim');
  }
}
