// The dashboard's per-epoch validation insight: confusion counts, and images turned back into 0-255 pixels.
import { describe, expect, it } from 'vitest';
import { validationInsight } from '../../workers/epoch-insight';
import type { Trainer, TrainerData } from '../../src/engine/train/training-loop';

/** A trainer stand-in whose predictions are fixed probability rows. */
function fakeTrainer(probs: number[]): Trainer {
  return { predict: async (_x: Float32Array, n: number) => Float32Array.from(probs.slice(0, n * 2)) } as unknown as Trainer;
}

const split = (x: number[], y: number[], featureCount: number) => ({ x: Float32Array.from(x), y: Float32Array.from(y), n: y.length, featureCount });

describe('validationInsight', () => {
  it('counts the confusion of a classifier and leaves out images for tables', async () => {
    const data: TrainerData = { train: split([], [], 1), validation: split([0, 0, 0], [0, 1, 1], 1) };
    const insight = await validationInsight(fakeTrainer([0.9, 0.1, 0.8, 0.2, 0.3, 0.7]), data, 2);
    expect(insight?.confusion).toEqual([[1, 0], [1, 1]]);
    expect(insight?.predictions).toBeUndefined();
  });

  it('undoes the per-channel standardization of image pixels', async () => {
    // One 1×2 grayscale image: standardized with mean 0.5, std 0.25 -> raw 0.5 ± 0.25 -> 64 and 191.
    const data: TrainerData = {
      train: split([], [], 2), validation: split([-1, 1], [1], 2),
      image: { shape: [1, 2, 1], mean: [0.5], std: [0.25] },
    };
    const insight = await validationInsight(fakeTrainer([0.2, 0.8]), data, 2);
    const [p] = insight?.predictions ?? [];
    expect(Array.from(p.pixels)).toEqual([64, 191]);
    expect(p).toMatchObject({ label: 1, predicted: 1, width: 2, height: 1, channels: 1 });
    expect(p.probability).toBeCloseTo(0.8, 6);
  });

  it('says nothing for regression or an empty validation split', async () => {
    const empty: TrainerData = { train: split([], [], 1), validation: split([], [], 1) };
    expect(await validationInsight(fakeTrainer([]), empty, 2)).toBeUndefined();
    expect(await validationInsight(fakeTrainer([]), { ...empty, validation: split([1], [3], 1) }, 0)).toBeUndefined();
  });
});
