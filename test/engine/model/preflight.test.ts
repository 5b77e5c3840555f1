// Preflight against device buffer limits, with answers computed by hand: the largest tensor, the largest batch size
// and the largest layer width that fit, checked again at the suggested values and one past them.
import { describe, expect, it } from 'vitest';
import type { CnnSpec, MlpSpecV2 } from '../../../src/engine/model/model-spec';
import { preflightModel } from '../../../src/engine/model/preflight';
import { PRESET_IDS, presetSpec } from './model-fixtures';

const dense = (units: number) => ({ units, activation: 'relu' as const, normalization: 'none' as const, dropout: 0 });
const mlp = (inputSize: number, units: number): MlpSpecV2 => ({
  version: 2, kind: 'mlp', inputSize, layers: [dense(units)], task: 'classification', outputSize: 10, kernelInitializer: 'heNormal',
});
const cnn = (filters: number): CnnSpec => ({
  version: 2, kind: 'cnn', inputShape: [32, 32, 3], task: 'classification', outputSize: 2, kernelInitializer: 'heNormal', globalPooling: 'avg', head: [],
  blocks: [{ type: 'conv', filters, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu', batchNorm: false, pool: 'none', poolSize: 2, dropout: 0 }],
});
const MIB = 1024 * 1024;

describe('preflightModel', () => {
  it('passes every preset on a typical adapter (256 MiB buffers, 128 MiB bindings) at batch 32', () => {
    for (const id of PRESET_IDS) {
      const result = preflightModel(presetSpec(id), 32, { maxBufferSize: 256 * MIB, maxStorageBufferBindingSize: 128 * MIB });
      expect(result.ok, id).toBe(true);
      expect(result.overLimit).toEqual([]);
      expect(result.message).toBeUndefined();
    }
  });

  it('refuses a weight too large for one buffer and names the widest layer that fits: 1000×1000 kernel vs 3 MB', () => {
    // Kernel [1000, 1000] = 4,000,000 bytes; limit min(3e6, 4e6) = 3e6 → at most 3e6 / 4 / 1000 = 750 units.
    const limits = { maxBufferSize: 3e6, maxStorageBufferBindingSize: 4e6 };
    const result = preflightModel(mlp(1000, 1000), 8, limits);
    expect(result).toMatchObject({ ok: false, limitBytes: 3e6, largest: { layer: 'dense1', what: 'weight', name: 'dense1/kernel', shape: [1000, 1000], bytes: 4e6 } });
    expect(result.overLimit.map((n) => n.name)).toEqual(['dense1/kernel']);
    expect(result.widthFix).toEqual({ layer: 'dense1', field: 'units', value: 750 });
    // Batch does not shrink weights, so no batch size is offered; the biggest activation is 1000 values = 4,000 bytes a sample.
    expect(result.maxBatchSize).toBe(750);
    expect(result.message).toMatch(/weight dense1\/kernel \[1000, 1000\] \(3\.8 MiB\).*at most 2\.9 MiB.*Use at most 750 units in layer dense1\.$/);
    expect(preflightModel(mlp(1000, 750), 8, limits).ok).toBe(true);
    expect(preflightModel(mlp(1000, 751), 8, limits).ok).toBe(false);
  });

  it('refuses activations too large at this batch and gives the largest batch and width: 32×32×16 conv output vs 2 MiB', () => {
    // conv1 output per sample 32·32·16·4 = 65,536 bytes → at most 32 samples in 2 MiB; at batch 100 it is 6,553,600 bytes,
    // so conv1 could keep floor(2 MiB / 6,553,600 · 16) = 5 filters. The input [100, 32, 32, 3] (1,228,800 bytes) fits.
    const limits = { maxBufferSize: 2 * MIB, maxStorageBufferBindingSize: 4 * MIB };
    const result = preflightModel(cnn(16), 100, limits);
    expect(result.largest).toMatchObject({ layer: 'conv1', what: 'activation', shape: [100, 32, 32, 16], bytes: 6_553_600 });
    expect(result.overLimit.map((n) => n.name)).toEqual(['conv1 output']);
    expect(result.maxBatchSize).toBe(32);
    expect(result.widthFix).toEqual({ layer: 'conv1', field: 'filters', value: 5 });
    expect(result.message).toMatch(/output of layer conv1 \[100, 32, 32, 16\] \(6\.3 MiB\).*Use a batch size of at most 32, or at most 5 filters in layer conv1\.$/);
    expect(preflightModel(cnn(16), 32, limits).ok).toBe(true);
    expect(preflightModel(cnn(16), 33, limits).ok).toBe(false);
    expect(preflightModel(cnn(5), 100, limits).ok).toBe(true);
    expect(preflightModel(cnn(6), 100, limits).ok).toBe(false);
  });

  it('offers no width when tensors of other layers are over the limit too (here the input batch)', () => {
    // With 1 MiB the input [100, 32, 32, 3] (1,228,800 bytes) is over as well; only a batch of ≤ 16 fixes both.
    const result = preflightModel(cnn(16), 100, { maxBufferSize: MIB, maxStorageBufferBindingSize: MIB });
    expect(result.overLimit.map((n) => n.name)).toEqual(['conv1 output', 'input output']);
    expect(result.widthFix).toBeUndefined();
    expect(result.maxBatchSize).toBe(16);
    expect(result.message).toMatch(/2 tensors over the limit\. Use a batch size of at most 16\.$/);
  });

  it('asks for a smaller input when not even one sample fits', () => {
    // One sample of 100,000 features is 400,000 bytes > 300,000.
    const result = preflightModel(mlp(100_000, 2), 4, { maxBufferSize: 3e5, maxStorageBufferBindingSize: 3e5 });
    expect(result.ok).toBe(false);
    expect(result.maxBatchSize).toBe(0);
    expect(result.largest.name).toBe('input output');
    expect(result.message).toMatch(/Use a smaller input/);
  });

  it('checks its arguments', () => {
    expect(() => preflightModel(cnn(4), 0, { maxBufferSize: MIB, maxStorageBufferBindingSize: MIB })).toThrow(RangeError);
    expect(() => preflightModel(cnn(4), 8, { maxBufferSize: 0, maxStorageBufferBindingSize: MIB })).toThrow(RangeError);
    expect(() => preflightModel({ ...cnn(4), inputShape: [0, 32, 3] }, 8, { maxBufferSize: MIB, maxStorageBufferBindingSize: MIB })).toThrow(/inputShape\[0\]/);
  });
});
