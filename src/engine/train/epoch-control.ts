// What the loop decides between steps and epochs: each step's learning rate (schedule, reduce-on-plateau),
// early stopping, and the best epoch's weights kept for restoring; all of it goes into checkpoints.
import * as tf from '@tensorflow/tfjs';
import { learningRateAt, resolveLrSchedule, resolvePlateauSchedule, type LrScheduleSpec } from '../optim/lr-schedule';
import { createPlateauState, updatePlateau, type PlateauState } from '../optim/lr-plateau';
import { createEarlyStoppingState, shouldRestoreBestWeights, updateEarlyStopping, type EarlyStoppingState } from '../optim/early-stopping';
import { readMonitoredMetric } from '../optim/metric-monitor';
import type { EpochMetrics, NamedArray, TrainConfig, TrainerSnapshot } from './train-types';

export interface EpochDecision {
  /** Early stopping says stop after this epoch. */
  stop: boolean;
  /** Reduce-on-plateau lowered the learning rate after this epoch. */
  reducedLearningRate: boolean;
}

export class EpochControl {
  private readonly schedule: LrScheduleSpec;
  private plateau?: PlateauState;
  private early?: EarlyStoppingState;
  /** Copies of model.weights at the best epoch (restoreBestWeights only). */
  private best?: tf.Tensor[];

  constructor(private readonly config: TrainConfig, private readonly stepsPerEpoch: number, private readonly totalSteps: number,
    snapshot?: Pick<TrainerSnapshot, 'plateau' | 'earlyStopping' | 'bestWeights'>) {
    this.schedule = resolveLrSchedule(config.schedule ?? { kind: 'constant' }, config.learningRate, stepsPerEpoch, totalSteps);
    if (this.schedule.kind === 'reduce-on-plateau') this.plateau = snapshot?.plateau ?? createPlateauState(config.learningRate);
    if (config.earlyStopping) this.early = snapshot?.earlyStopping ?? createEarlyStoppingState();
    if (snapshot?.bestWeights) this.best = snapshot.bestWeights.map((w) => tf.tensor(w.data, w.shape, 'float32'));
  }

  /** Learning rate of the update after `step` updates have been applied. */
  learningRate(step: number): number {
    return learningRateAt(this.schedule, this.config.learningRate, step, this.stepsPerEpoch, this.totalSteps, this.plateau);
  }

  /** Feed an epoch's metrics: updates the plateau and early-stopping states and keeps the best weights. */
  afterEpoch(metrics: EpochMetrics, model: tf.LayersModel): EpochDecision {
    let reducedLearningRate = false;
    if (this.plateau && this.schedule.kind === 'reduce-on-plateau') {
      const spec = resolvePlateauSchedule(this.schedule);
      const next = updatePlateau(spec, this.plateau, readMonitoredMetric(metrics, spec.monitor));
      this.plateau = next.state;
      reducedLearningRate = next.reduced;
    }
    const config = this.config.earlyStopping;
    if (!config || !this.early) return { stop: false, reducedLearningRate };
    const next = updateEarlyStopping(config, this.early, metrics.epoch, readMonitoredMetric(metrics, config.monitor));
    this.early = next.state;
    if (next.improved && config.restoreBestWeights) {
      tf.dispose(this.best ?? []);
      this.best = model.getWeights().map((w) => tf.clone(w));
    }
    return { stop: next.stop, reducedLearningRate };
  }

  /** When training ended after `lastEpoch`: put back the best epoch's weights if configured. Returns that epoch, or undefined. */
  restoreBest(model: tf.LayersModel, lastEpoch: number): number | undefined {
    const config = this.config.earlyStopping;
    if (!config || !this.early || !this.best || !shouldRestoreBestWeights(config, this.early, lastEpoch)) return undefined;
    model.setWeights(this.best);
    return this.early.bestEpoch ?? undefined;
  }

  /** True once early stopping decided to stop (also after a resume). */
  get stopped(): boolean {
    return this.early?.stoppedEpoch != null;
  }

  /** The checkpointable part: plateau and early-stopping states, and the best weights on the CPU. */
  async snapshotParts(): Promise<Pick<TrainerSnapshot, 'plateau' | 'earlyStopping' | 'bestWeights'>> {
    const bestWeights: NamedArray[] | undefined = this.best
      ? await Promise.all(this.best.map(async (t, i) => ({ name: `best/${i}`, shape: t.shape.slice(), data: Float32Array.from(await t.data()) })))
      : undefined;
    return { plateau: this.plateau, earlyStopping: this.early, bestWeights };
  }

  dispose(): void {
    tf.dispose(this.best ?? []);
    this.best = undefined;
  }
}
