// Builds the decoder-only GPT language model from a GptSpec, and its next-token cross-entropy loss.
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../random';
import { addPositions, applyBlockStack, embedTokens } from './transformer-block';
import { type GptSpec, validateAttentionSpec } from './transformer-spec';

/**
 * Validates the spec (throws ModelSpecError before allocating), then builds:
 * ids [batch, t] int32 with 1 ≤ t ≤ contextLength (t may vary between calls) → token embedding + learned positions →
 * `layers` causal pre-LN blocks → final LayerNorm → logits [batch, t, vocabSize], where row i predicts token i + 1.
 * With tieWeights the token-embedding layer is applied a second time to the hidden states and computes h Eᵀ: one
 * shared weight, no bias, and the sharing survives save/reload because it is a shared layer in the graph.
 * Without it, a Dense(vocabSize) head with bias. Same seed, same weights. The caller owns (disposes) the model.
 */
export function buildGpt(spec: GptSpec, seed: number): tf.LayersModel {
  validateAttentionSpec(spec);
  const ids = tf.input({ shape: [null], dtype: 'int32', name: 'token_ids' });
  const { tokens, embedded } = embedTokens(ids, spec.vocabSize, spec.embedDim, seed);
  const x = addPositions(embedded, spec.contextLength, spec.dropout, seed);
  const blockSizes = { embedDim: spec.embedDim, heads: spec.heads, mlpDim: spec.mlpDim, dropout: spec.dropout, causal: true };
  const h = applyBlockStack(x, null, spec.layers, blockSizes, seed);
  const head = spec.tieWeights ? tokens : tf.layers.dense({
    units: spec.vocabSize, activation: 'linear', name: 'lm_head',
    kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, 5) }), biasInitializer: 'zeros',
  });
  return tf.model({ inputs: ids, outputs: head.apply(h) as tf.SymbolicTensor, name: 'gpt' });
}

/**
 * Mean next-token cross-entropy in nats: logits [batch, t, V] (or [n, V]), targets the true next ids with the same
 * leading shape. Computed as −mean(log_softmax(logits)[target]) via a one-hot mask (no gatherND, which has no
 * gradient in tfjs). Divide by ln 2 for bits per token. Returns a scalar tensor (call inside tf.tidy / minimize).
 */
export function nextTokenLoss(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const vocab = logits.shape[logits.rank - 1];
    const flatLogits = logits.reshape([-1, vocab]);
    const oneHot = tf.oneHot(targets.reshape([-1]).toInt(), vocab);
    return tf.logSoftmax(flatLogits).mul(oneHot).sum(1).mean().neg() as tf.Scalar;
  });
}
