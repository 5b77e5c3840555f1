// Text generation from a causal language model (the GPT): seeded temperature / top-k sampling of next-token ids,
// one forward pass per new token over the last contextLength ids, each inside tf.tidy.
import * as tf from '@tensorflow/tfjs';
import { type RandomSource, createRandom } from '../random';

/** Options of `generateText`. */
export interface GenerateOptions {
  /** Tokens to append to the prompt. */
  maxNewTokens: number;
  /** Softmax temperature > 0 (1 = the model's distribution; lower = safer); 0 = greedy (always the most likely id). Default 1. */
  temperature?: number;
  /** Sample only among the k most likely ids; 0 (default) = all. */
  topK?: number;
  /** Seed of the sampling stream: same model, prompt, options and seed give the same ids. Default 0. */
  seed?: number;
  /** Longest window fed to the model (the spec's contextLength); older ids drop out of it. Defaults to the model's input length if fixed. */
  contextLength?: number;
  /** Called with each new id as soon as it is chosen (e.g. to stream decoded text). */
  onToken?: (id: number) => void;
}

function checkWhole(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${value}.`);
}

/**
 * Picks the next id from one row of logits [vocab]: greedy (the first maximum) when temperature is 0, else a draw
 * from softmax(logits / temperature) restricted to the topK largest logits (ties at the k-th value are kept).
 * Computed in float64 with the max subtracted, so large logits do not overflow. Consumes one draw from `random`
 * unless greedy. Pure apart from `random`.
 */
export function sampleNextToken(logits: ArrayLike<number>, temperature: number, topK: number, random: RandomSource): number {
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new RangeError(`temperature must be a finite number ≥ 0, got ${temperature}.`);
  checkWhole('topK', topK, 0);
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  if (temperature === 0 || topK === 1) return best;
  const threshold = topK > 0 && topK < logits.length
    ? Array.from(logits).sort((a, b) => b - a)[topK - 1]
    : -Infinity;
  const weights = new Float64Array(logits.length);
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    if (logits[i] >= threshold) total += weights[i] = Math.exp((logits[i] - logits[best]) / temperature);
  }
  let remaining = random() * total;
  for (let i = 0; i < weights.length; i++) {
    remaining -= weights[i];
    if (remaining < 0 && weights[i] > 0) return i;
  }
  return best; // Only reached through float rounding when the draw lands at the very end.
}

/** Logits of the last position for the window ids [1, t] → Float32Array [vocab]; nothing stays allocated. */
async function lastLogits(model: tf.LayersModel, ids: number[]): Promise<Float32Array> {
  const row = tf.tidy(() => {
    const logits = model.predict(tf.tensor2d(ids, [1, ids.length], 'int32')) as tf.Tensor3D;
    const [, length, vocab] = logits.shape;
    return logits.slice([0, length - 1, 0], [1, 1, vocab]).reshape([vocab]);
  });
  const values = (await row.data()) as Float32Array;
  row.dispose();
  return values;
}

/**
 * Continues `promptIds` with up to `maxNewTokens` ids from `model` (ids [1, t] → logits [1, t, vocab], e.g. buildGpt).
 * Each step feeds the last `contextLength` ids and samples from the last position's logits (see sampleNextToken).
 * Returns only the new ids (prompt not included) as an Int32Array. Throws a RangeError for an empty prompt, an id
 * outside the vocabulary or bad options. Allocates no tensors that outlive a step; does not change the model.
 */
export async function generateText(model: tf.LayersModel, promptIds: ArrayLike<number>, options: GenerateOptions): Promise<Int32Array> {
  const { maxNewTokens, temperature = 1, topK = 0, seed = 0, onToken } = options;
  checkWhole('maxNewTokens', maxNewTokens, 0);
  const fixedLength = model.inputs[0].shape[1];
  const contextLength = options.contextLength ?? fixedLength;
  if (typeof contextLength !== 'number') throw new RangeError('This model takes any length: pass contextLength (the spec\'s contextLength).');
  checkWhole('contextLength', contextLength, 1);
  if (promptIds.length === 0) throw new RangeError('The prompt is empty; give at least one token id (e.g. a start-of-text id).');
  const vocab = model.outputs[0].shape.at(-1) as number;
  const ids = Array.from(promptIds);
  const bad = ids.find((id) => !Number.isInteger(id) || id < 0 || id >= vocab);
  if (bad !== undefined) throw new RangeError(`Prompt id ${bad} is outside the model's vocabulary 0..${vocab - 1}.`);
  const random = createRandom(seed);
  const generated = new Int32Array(maxNewTokens);
  for (let step = 0; step < maxNewTokens; step++) {
    const next = sampleNextToken(await lastLogits(model, ids.slice(-contextLength)), temperature, topK, random);
    ids.push(next);
    generated[step] = next;
    onToken?.(next);
  }
  return generated;
}
