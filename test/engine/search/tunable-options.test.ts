// Tunable options: a trial's values land in the model and training config they name, the base is left
// alone, conditional and MLP-only options behave, and unknown names are refused with their name.
import { describe, expect, it } from 'vitest';
import { applyTrialParams, TUNABLE_OPTIONS, TunableOptionError } from '../../../src/engine/search/tunable-options';
import { validateSearchSpace, type ParamSpec } from '../../../src/engine/search/search-space';
import type { TrainConfig } from '../../../src/engine/train/train-types';

const config: TrainConfig = { epochs: 5, batchSize: 32, learningRate: 0.01, optimizer: 'adam', seed: 1, optimizerOptions: { beta1: 0.8 } };
const mlp = { hiddenLayers: [32, 16], activation: 'relu' as const };

describe('applyTrialParams', () => {
  it('writes training, optimizer and augmentation values into a copy of the config', () => {
    const base = { model: mlp, config };
    const out = applyTrialParams(base, { learningRate: 0.003, batchSize: 64, optimizer: 'momentum', momentum: 0.8, clipNorm: 2, featureNoiseStd: 0.05, mixupAlpha: 0.2 });
    expect(out.config).toMatchObject({ learningRate: 0.003, batchSize: 64, optimizer: 'momentum', optimizerOptions: { momentum: 0.8 }, clipNorm: 2, augmentation: { featureNoiseStd: 0.05, mixupAlpha: 0.2 } });
    // Adam's beta1 does not leak into momentum's options; the base is unchanged.
    expect(out.config.optimizerOptions).toEqual({ momentum: 0.8 });
    expect(base.config).toEqual({ epochs: 5, batchSize: 32, learningRate: 0.01, optimizer: 'adam', seed: 1, optimizerOptions: { beta1: 0.8 } });
    expect(applyTrialParams(base, { optimizer: 'adam' }).config.optimizerOptions).toEqual({ beta1: 0.8 });
    // Momentum and weight decay reach only the optimizers that have them.
    expect(applyTrialParams(base, { momentum: 0.7, weightDecay: 0.01 }).config.optimizerOptions).toEqual({ beta1: 0.8 });
    expect(applyTrialParams(base, { optimizer: 'adamw', weightDecay: 0.02 }).config.optimizerOptions).toEqual({ weightDecay: 0.02 });
  });

  it('builds the MLP layers from layers, units and activation', () => {
    expect(applyTrialParams({ model: mlp, config }, { layers: 3, units: 12.4, activation: 'tanh' }).model).toEqual({ hiddenLayers: [12, 12, 12], activation: 'tanh' });
    expect(applyTrialParams({ model: mlp, config }, { layers: 1 }).model).toEqual({ hiddenLayers: [32], activation: 'relu' });
    expect(applyTrialParams({ model: mlp, config }, { units: 8 }).model).toEqual({ hiddenLayers: [8, 8], activation: 'relu' });
    expect(() => applyTrialParams({ model: { preset: 'tabular-mlp' }, config }, { units: 8 })).toThrow(/only for an MLP built by hand/);
  });

  it('refuses names it cannot apply, naming them', () => {
    expect(() => applyTrialParams({ model: mlp, config }, { warp: 1 })).toThrow(TunableOptionError);
    expect(() => applyTrialParams({ model: mlp, config }, { warp: 1 })).toThrow(/“warp”/);
    expect(() => applyTrialParams({ model: mlp, config }, { optimizer: 'lion' })).toThrow(/Unknown optimizer “lion”/);
  });

  it('suggests a valid space: every option alone, and all of them together with their conditions', () => {
    const params: ParamSpec[] = Object.values(TUNABLE_OPTIONS).map((o) => o.suggested);
    for (const p of params) expect(() => validateSearchSpace({ version: 1, params: [p.when ? { ...p, when: undefined } : p] })).not.toThrow();
    // The optimizer comes before the options conditioned on it.
    expect(() => validateSearchSpace({ version: 1, params })).not.toThrow();
    for (const [name, option] of Object.entries(TUNABLE_OPTIONS)) expect(option.suggested.name).toBe(name);
  });
});
