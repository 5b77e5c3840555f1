// Functional-API pieces shared by the Transformer classifier and the GPT: the embedding stem and the
// pre-LayerNorm block, composed from built-in layers (Dense with GELU, Add) plus our attention and LayerNorm layers.
// Composition (rather than one big custom block layer) keeps each part visible in the model summary and lets
// tfjs serialize the built-in layers itself; only our own layers need registered classes.
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../random';
import { MultiHeadSelfAttention } from './attention-layer';
import { LayerNorm } from './transformer-norm';
import { PositionEmbedding, SeededDropout, TokenEmbedding } from './transformer-layers';

/** Sizes of one block (see TransformerSpec / GptSpec). */
export interface BlockOptions {
  embedDim: number;
  heads: number;
  mlpDim: number;
  dropout: number;
  causal: boolean;
  /** Seeds every initializer and dropout of the block. */
  seed: number;
  /** Layer-name prefix, unique within the model, e.g. 'block1'. */
  name: string;
}

const dense = (units: number, activation: 'gelu' | 'linear', seed: number, name: string) => tf.layers.dense({
  units, activation, name, kernelInitializer: tf.initializers.glorotUniform({ seed }), biasInitializer: 'zeros',
});

/** LayerNorm over the last axis with ε = 1e-5 (the GPT-2 value); ours, because tfjs's has a very slow gradient. */
export function layerNorm(name: string): tf.layers.Layer {
  return new LayerNorm({ epsilon: 1e-5, name });
}

/**
 * One pre-LayerNorm block on x [batch, t, d]: x + Dropout(Attention(LN(x))), then h + Dropout(MLP(LN(h))) with
 * MLP = Dense(mlpDim, GELU) → Dense(d). keyMask [batch, t] (1 = token, 0 = padding) hides padding keys; null for none.
 */
export function applyTransformerBlock(
  x: tf.SymbolicTensor, keyMask: tf.SymbolicTensor | null, o: BlockOptions,
): tf.SymbolicTensor {
  const apply = (layer: tf.layers.Layer, input: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(input) as tf.SymbolicTensor;
  const normed = apply(layerNorm(`${o.name}_norm1`), x);
  const attention = new MultiHeadSelfAttention({ heads: o.heads, causal: o.causal, seed: deriveSeed(o.seed, 1), name: `${o.name}_attention` });
  const attended = apply(attention, keyMask ? [normed, keyMask] : normed);
  const dropped = apply(new SeededDropout({ rate: o.dropout, seed: deriveSeed(o.seed, 2), name: `${o.name}_dropout1` }), attended);
  const mid = apply(tf.layers.add({ name: `${o.name}_residual1` }), [x, dropped]);
  const hidden = apply(dense(o.mlpDim, 'gelu', deriveSeed(o.seed, 3), `${o.name}_mlp_hidden`), apply(layerNorm(`${o.name}_norm2`), mid));
  const projected = apply(dense(o.embedDim, 'linear', deriveSeed(o.seed, 4), `${o.name}_mlp_output`), hidden);
  const dropped2 = apply(new SeededDropout({ rate: o.dropout, seed: deriveSeed(o.seed, 5), name: `${o.name}_dropout2` }), projected);
  return apply(tf.layers.add({ name: `${o.name}_residual2` }), [mid, dropped2]);
}

/** The embedding layers' output and the token layer itself (the GPT reuses it as its tied output projection). */
export interface EmbeddingStem {
  tokens: TokenEmbedding;
  /** Token vectors [batch, t, d] before positions are added (the classifier may prepend CLS first). */
  embedded: tf.SymbolicTensor;
}

/** Token lookup: ids [batch, t] (int32) → [batch, t, d]. */
export function embedTokens(ids: tf.SymbolicTensor, vocabSize: number, embedDim: number, seed: number): EmbeddingStem {
  const tokens = new TokenEmbedding({ vocabSize, embedDim, seed: deriveSeed(seed, 1), name: 'token_embedding' });
  return { tokens, embedded: tokens.apply(ids) as tf.SymbolicTensor };
}

/** Adds learned positions (maxLength of them) to x [batch, t, d], then dropout. */
export function addPositions(x: tf.SymbolicTensor, maxLength: number, dropout: number, seed: number): tf.SymbolicTensor {
  const positioned = new PositionEmbedding({ maxLength, seed: deriveSeed(seed, 2), name: 'position_embedding' }).apply(x);
  return new SeededDropout({ rate: dropout, seed: deriveSeed(seed, 3), name: 'embedding_dropout' }).apply(positioned) as tf.SymbolicTensor;
}

/** Applies `layers` blocks, block i seeded by deriveSeed(seed, 100 + i), then a final LayerNorm. */
export function applyBlockStack(
  x: tf.SymbolicTensor, keyMask: tf.SymbolicTensor | null, layers: number, o: Omit<BlockOptions, 'seed' | 'name'>, seed: number,
): tf.SymbolicTensor {
  let h = x;
  for (let i = 0; i < layers; i++) h = applyTransformerBlock(h, keyMask, { ...o, seed: deriveSeed(seed, 100 + i), name: `block${i + 1}` });
  return layerNorm('final_norm').apply(h) as tf.SymbolicTensor;
}
