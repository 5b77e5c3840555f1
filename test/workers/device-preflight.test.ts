// The pre-training check against device buffer limits (G3): refused with the largest batch that fits,
// passed when it fits, and skipped where the backend has no such limit.
import { describe, expect, it } from 'vitest';
import { DeviceLimitError, preflightOrThrow } from '../../workers/device-preflight';
import type { MlpSpecV2 } from '../../src/engine/model/model-spec';

const wide: MlpSpecV2 = {
  version: 2, kind: 'mlp', inputSize: 1000, task: 'classification', outputSize: 10, kernelInitializer: 'glorotUniform',
  layers: [{ units: 4096, activation: 'relu', normalization: 'none', dropout: 0 }],
};

describe('preflightOrThrow', () => {
  it('refuses a batch whose activations pass the buffer limit, naming a batch size that fits', () => {
    // One 4096-wide output per sample is 16 KiB, so a 1 MiB binding limit holds 64 samples; the 1000×4096 kernel (16 MiB) is over it too.
    const limits = { maxBufferSize: 64 * 1024 * 1024, maxStorageBufferBindingSize: 1024 * 1024 };
    const error = (() => { try { preflightOrThrow(wide, 256, limits); } catch (e) { return e; } return undefined; })();
    expect(error).toBeInstanceOf(DeviceLimitError);
    expect((error as Error).message).toMatch(/batch|units/i);
  });

  it('checks a first-version MLP (the Train panel layers) as its version-2 equivalent', () => {
    const limits = { maxBufferSize: 64 * 1024 * 1024, maxStorageBufferBindingSize: 1024 * 1024 };
    const v1 = { version: 1, kind: 'mlp', inputSize: 1000, hiddenLayers: [4096], activation: 'relu', outputSize: 10, task: 'classification' } as const;
    expect(() => preflightOrThrow({ ...v1, hiddenLayers: [...v1.hiddenLayers] }, 256, limits)).toThrow(DeviceLimitError);
    expect(() => preflightOrThrow({ ...v1, hiddenLayers: [8] }, 16, limits)).not.toThrow();
  });

  it('passes a model that fits and skips backends without buffer limits', () => {
    const big = { maxBufferSize: 1 << 30, maxStorageBufferBindingSize: 1 << 30 };
    expect(() => preflightOrThrow(wide, 32, big)).not.toThrow();
    expect(() => preflightOrThrow(wide, 1_000_000, undefined)).not.toThrow();
  });
});
