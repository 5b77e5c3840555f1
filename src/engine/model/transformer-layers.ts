// Small serializable tfjs layers around attention: token embedding (also the tied output projection), learned
// positions, a CLS vector, the padding mask, pooling and a dropout whose mask changes every step yet is seeded.
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../random';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type Kwargs = Record<string, unknown>;
const lastDim = (shape: tf.Shape) => shape[shape.length - 1] as number;
const firstShape = (s: tf.Shape | tf.Shape[]) => (Array.isArray(s[0]) ? s[0] : s) as tf.Shape;
/** GPT-2's embedding initialization: N(0, 0.02²). */
const embeddingInit = (seed: number) => tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed });

/**
 * Token table E [vocabSize, embedDim] used two ways, so that one weight serves both when it is tied:
 * ids [batch, t] → vectors [batch, t, embedDim] (a gather), and, when the same layer is applied a second time to
 * hidden states [batch, t, embedDim], → logits [batch, t, vocabSize] = h Eᵀ (the tied output projection).
 */
export class TokenEmbedding extends tf.layers.Layer {
  static className = 'WebTrainTokenEmbedding';
  readonly vocabSize: number;
  readonly embedDim: number;
  readonly seed: number;
  private table!: tf.LayerVariable;

  constructor(args: LayerArgs & { vocabSize: number; embedDim: number; seed: number }) {
    super(args);
    this.vocabSize = args.vocabSize;
    this.embedDim = args.embedDim;
    this.seed = args.seed;
  }

  override build(): void {
    this.table = this.addWeight('embeddings', [this.vocabSize, this.embedDim], 'float32', embeddingInit(this.seed));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape): tf.Shape {
    return inputShape.length === 2 ? [...inputShape, this.embedDim] : [...inputShape.slice(0, -1), this.vocabSize];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (x.rank === 2) return tf.gather(this.table.read(), x.toInt());
      const [batch, length] = x.shape;
      const logits = tf.matMul(x.reshape([batch * length, this.embedDim]), this.table.read(), false, true);
      return logits.reshape([batch, length, this.vocabSize]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), vocabSize: this.vocabSize, embedDim: this.embedDim, seed: this.seed };
  }
}

/** Adds learned position vectors P[0..t) [maxLength, d] to x [batch, t, d]; t may be shorter than maxLength. */
export class PositionEmbedding extends tf.layers.Layer {
  static className = 'WebTrainPositionEmbedding';
  readonly maxLength: number;
  readonly seed: number;
  private table!: tf.LayerVariable;

  constructor(args: LayerArgs & { maxLength: number; seed: number }) {
    super(args);
    this.maxLength = args.maxLength;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape): void {
    this.table = this.addWeight('positions', [this.maxLength, lastDim(inputShape)], 'float32', embeddingInit(this.seed));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const length = x.shape[1] as number;
      if (length > this.maxLength) throw new RangeError(`The input has ${length} positions; this model knows ${this.maxLength}. Shorten the input.`);
      return x.add(tf.slice(this.table.read(), [0, 0], [length, -1])); // slice (unlike stridedSlice) has a gradient.
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), maxLength: this.maxLength, seed: this.seed };
  }
}

/** Prepends a learned vector c [d] to every row: x [batch, t, d] → [batch, t + 1, d]; the classifier reads position 0. */
export class ClsToken extends tf.layers.Layer {
  static className = 'WebTrainClsToken';
  readonly seed: number;
  private vector!: tf.LayerVariable;

  constructor(args: LayerArgs & { seed: number }) {
    super(args);
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape): void {
    this.vector = this.addWeight('cls', [lastDim(inputShape)], 'float32', embeddingInit(this.seed));
    this.built = true;
  }

  override computeOutputShape(s: tf.Shape): tf.Shape {
    return [s[0], s[1] === null ? null : (s[1] as number) + 1, s[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [batch, , width] = x.shape;
      const cls = tf.zeros([batch, 1, width]).add(this.vector.read().reshape([1, 1, width]));
      return tf.concat([cls, x], 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}

/** ids [batch, t] → float mask [batch, t] (1 = token, 0 = PAD_ID 0); with `prependOne`, [batch, t + 1] led by a 1 for CLS. */
export class PaddingMask extends tf.layers.Layer {
  static className = 'WebTrainPaddingMask';
  readonly prependOne: boolean;

  constructor(args: LayerArgs & { prependOne: boolean }) {
    super(args);
    this.prependOne = args.prependOne;
  }

  override computeOutputShape(s: tf.Shape): tf.Shape {
    return [s[0], this.prependOne && s[1] !== null ? (s[1] as number) + 1 : s[1]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const ids = Array.isArray(inputs) ? inputs[0] : inputs;
      const mask = tf.notEqual(ids, 0).toFloat();
      return this.prependOne ? tf.concat([tf.ones([ids.shape[0], 1]), mask], 1) : mask;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), prependOne: this.prependOne };
  }
}

/** [x [batch, t, d], mask [batch, t]] → [batch, d]: mean over masked-in positions (all-padding rows give 0). */
export class MaskedMeanPool extends tf.layers.Layer {
  static className = 'WebTrainMaskedMeanPool';

  override computeOutputShape(s: tf.Shape | tf.Shape[]): tf.Shape {
    const x = firstShape(s);
    return [x[0], x[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [x, mask] = inputs as tf.Tensor[];
      const weights = mask.expandDims(2); // [batch, t, 1]
      return x.mul(weights).sum(1).div(mask.sum(1, true).maximum(1));
    });
  }
}

/** x [batch, t, d] → x[:, 0, :] [batch, d] (the CLS position). */
export class FirstTokenPool extends tf.layers.Layer {
  static className = 'WebTrainFirstTokenPool';

  override computeOutputShape(s: tf.Shape): tf.Shape {
    return [s[0], s[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.slice(x, [0, 0, 0], [-1, 1, -1]).reshape([x.shape[0], x.shape[2] as number]);
    });
  }
}

/**
 * Inverted dropout active only when called with `training: true`. tfjs's own Dropout with a seed draws the SAME
 * mask on every step; here call n uses seed deriveSeed(seed, n), so masks differ per step and a run is reproducible.
 */
export class SeededDropout extends tf.layers.Layer {
  static className = 'WebTrainSeededDropout';
  readonly rate: number;
  readonly seed: number;
  private calls = 0;

  constructor(args: LayerArgs & { rate: number; seed: number }) {
    super(args);
    this.rate = args.rate;
    this.seed = args.seed;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (kwargs.training !== true || this.rate === 0) return x.clone();
    return tf.dropout(x, this.rate, undefined, deriveSeed(this.seed, this.calls++));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

for (const layer of [TokenEmbedding, PositionEmbedding, ClsToken, PaddingMask, MaskedMeanPool, FirstTokenPool, SeededDropout]) {
  tf.serialization.registerClass(layer);
}
