// Builds the Transformer encoder classifier (or regressor) from a TransformerSpec: ids in, logits out.
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../random';
import { ClsToken, FirstTokenPool, MaskedMeanPool, PaddingMask } from './transformer-layers';
import { addPositions, applyBlockStack, embedTokens } from './transformer-block';
import { type TransformerSpec, validateAttentionSpec } from './transformer-spec';

/**
 * Validates the spec (throws ModelSpecError before allocating anything), then builds:
 * ids [batch, sequenceLength] int32 (PAD_ID 0 = padding) → token embedding → (CLS vector prepended when
 * pooling is 'cls') → learned positions → `layers` pre-LN blocks whose attention ignores padding keys →
 * final LayerNorm → pooling → Dense(outputSize) → [batch, outputSize].
 * Pooling 'mean' averages the non-padding positions; 'cls' reads the prepended position 0.
 * The output is linear: logits for classification (softmax lives in the loss), the value for regression.
 * Same seed, same weights. The caller owns the model (dispose it).
 */
export function buildTransformerClassifier(spec: TransformerSpec, seed: number): tf.LayersModel {
  validateAttentionSpec(spec);
  const cls = spec.pooling === 'cls';
  const ids = tf.input({ shape: [spec.sequenceLength], dtype: 'int32', name: 'token_ids' });
  const keyMask = new PaddingMask({ prependOne: cls, name: 'padding_mask' }).apply(ids) as tf.SymbolicTensor;
  const { embedded } = embedTokens(ids, spec.vocabSize, spec.embedDim, seed);
  const withCls = cls ? new ClsToken({ seed: deriveSeed(seed, 4), name: 'cls_token' }).apply(embedded) as tf.SymbolicTensor : embedded;
  const x = addPositions(withCls, spec.sequenceLength + (cls ? 1 : 0), spec.dropout, seed);
  const blockSizes = { embedDim: spec.embedDim, heads: spec.heads, mlpDim: spec.mlpDim, dropout: spec.dropout, causal: false };
  const h = applyBlockStack(x, keyMask, spec.layers, blockSizes, seed);
  const pooled = (cls
    ? new FirstTokenPool({ name: 'cls_pool' }).apply(h)
    : new MaskedMeanPool({ name: 'mean_pool' }).apply([h, keyMask])) as tf.SymbolicTensor;
  const head = tf.layers.dense({
    units: spec.outputSize, activation: 'linear', name: 'head',
    kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, 5) }), biasInitializer: 'zeros',
  });
  return tf.model({ inputs: ids, outputs: head.apply(pooled) as tf.SymbolicTensor, name: 'transformer_classifier' });
}
