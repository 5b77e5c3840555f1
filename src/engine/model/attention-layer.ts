// Multi-head self-attention as a serializable tfjs layer, written with matMul/reshape/transpose/softmax only
// (tfjs has no gradient for einsum), with an optional causal mask and an optional key-padding mask.
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../random';

/** Added to masked attention scores before softmax: exp(score - 1e9 - max) underflows to exactly 0 in float32. */
export const MASKED_SCORE = -1e9;

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** Options of `MultiHeadSelfAttention` (all saved in the layer config, so a reloaded model is the same layer). */
export type AttentionLayerArgs = LayerArgs & {
  /** Number of heads; the model width must be divisible by it. */
  heads: number;
  /** True: position i attends to positions ≤ i only (a language model must not see the future). */
  causal: boolean;
  /** Seed of the Glorot-uniform initializers of Wq, Wk, Wv, Wo (biases start at 0). */
  seed: number;
};

// One mask per sequence length, built once: 0 on and below the diagonal, MASKED_SCORE above it. Kept as plain
// numbers rather than tensors so the cache is valid on every backend and owns no tensor memory.
const causalMasks = new Map<number, Float32Array>();

/** Row-major [length, length] additive causal mask (0 where key ≤ query, MASKED_SCORE elsewhere). Cached. */
export function causalMaskValues(length: number): Float32Array {
  let mask = causalMasks.get(length);
  if (!mask) {
    mask = new Float32Array(length * length);
    for (let query = 0; query < length; query++) {
      for (let key = query + 1; key < length; key++) mask[query * length + key] = MASKED_SCORE;
    }
    if (causalMasks.size > 64) causalMasks.clear(); // Many lengths (generation grows t by one) stay cheap.
    causalMasks.set(length, mask);
  }
  return mask;
}

/**
 * Self-attention over x [batch, t, d] → [batch, t, d], with `heads` heads of size d / heads:
 * softmax(Q Kᵀ / √(d/heads) + masks) V per head, heads concatenated and projected by Wo.
 * Inputs: x, or [x, keyMask] where keyMask [batch, t] is 1 for real tokens and 0 for padding keys
 * (padding is then never attended to). Weights: query/key/value/output kernels [d, d] and biases [d].
 */
export class MultiHeadSelfAttention extends tf.layers.Layer {
  static className = 'WebTrainMultiHeadSelfAttention';
  readonly heads: number;
  readonly causal: boolean;
  readonly seed: number;
  private kernels: tf.LayerVariable[] = [];
  private biases: tf.LayerVariable[] = [];

  constructor(args: AttentionLayerArgs) {
    super(args);
    if (!Number.isInteger(args.heads) || args.heads < 1) throw new RangeError(`heads must be a whole number ≥ 1, got ${args.heads}.`);
    this.heads = args.heads;
    this.causal = args.causal;
    this.seed = args.seed;
  }

  private static firstShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const width = MultiHeadSelfAttention.firstShape(inputShape).at(-1);
    if (typeof width !== 'number' || width % this.heads !== 0) {
      throw new RangeError(`Attention width ${String(width)} must be a known size divisible by heads (${this.heads}).`);
    }
    ['query', 'key', 'value', 'output'].forEach((name, i) => {
      const init = tf.initializers.glorotUniform({ seed: deriveSeed(this.seed, i) });
      this.kernels.push(this.addWeight(`${name}_kernel`, [width, width], 'float32', init));
      this.biases.push(this.addWeight(`${name}_bias`, [width], 'float32', tf.initializers.zeros()));
    });
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return MultiHeadSelfAttention.firstShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const x = list[0] as tf.Tensor3D;
      const [batch, length, width] = x.shape;
      const headSize = width / this.heads;
      const rows = x.reshape([batch * length, width]);
      // [batch*t, d] · W + b → [batch, heads, t, headSize]: one matMul per projection, heads split by reshape.
      const project = (i: number) => tf.add(tf.matMul(rows, this.kernels[i].read()), this.biases[i].read())
        .reshape([batch, length, this.heads, headSize]).transpose([0, 2, 1, 3]);
      const [q, k, v] = [project(0), project(1), project(2)];
      let scores = tf.matMul(q, k, false, true).mul(1 / Math.sqrt(headSize)); // [batch, heads, t, t]
      if (this.causal) scores = scores.add(tf.tensor2d(causalMaskValues(length), [length, length]));
      if (list.length > 1) {
        const keep = list[1].reshape([batch, 1, 1, length]).toFloat();
        scores = scores.add(tf.scalar(1).sub(keep).mul(MASKED_SCORE));
      }
      const context = tf.matMul(tf.softmax(scores), v) // [batch, heads, t, headSize]
        .transpose([0, 2, 1, 3]).reshape([batch * length, width]);
      return tf.add(tf.matMul(context, this.kernels[3].read()), this.biases[3].read()).reshape([batch, length, width]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, causal: this.causal, seed: this.seed };
  }
}
tf.serialization.registerClass(MultiHeadSelfAttention);
