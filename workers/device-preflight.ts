// Before a run allocates anything: does every tensor of the model at this batch size fit in one buffer of
// the WebGPU device in use? (tfjs-webgpu gives wrong results, not errors, past the limits; reliability G3.)
import * as tf from '@tensorflow/tfjs';
import { preflightModel } from '../src/engine/model/preflight';
import type { AnyModelSpec } from '../src/engine/model/model-types';
import { upgradeModelSpec } from '../src/engine/model/model-spec';

/** Buffer limits of the active WebGPU device; undefined on other backends (they have no such limit). */
export function activeDeviceLimits(): { maxBufferSize: number; maxStorageBufferBindingSize: number } | undefined {
  if (tf.getBackend() !== 'webgpu') return undefined;
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  return device ? { maxBufferSize: device.limits.maxBufferSize, maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize } : undefined;
}

/** A model too large for the device, with the fix in words (largest batch size or width that fits). */
export class DeviceLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceLimitError';
  }
}

/**
 * Throws DeviceLimitError when `spec` at `batchSize` needs a tensor larger than `limits` allow. A first-version
 * MLP is checked as its version-2 equivalent (same layers); the attention kinds (no layer plan) pass: their
 * size is bounded by the parameter budget instead.
 */
export function preflightOrThrow(spec: AnyModelSpec, batchSize: number, limits = activeDeviceLimits()): void {
  if (!limits) return;
  const planned = upgradeModelSpec(spec);
  if (planned.kind === 'transformer' || planned.kind === 'gpt') return;
  const result = preflightModel(planned, batchSize, limits);
  if (!result.ok) throw new DeviceLimitError(result.message ?? `The model does not fit this device at batch size ${batchSize}; try batch size ${result.maxBatchSize}.`);
}
