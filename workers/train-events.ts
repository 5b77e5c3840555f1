// Events the training worker streams to the page while a run is active (plain data).
import type { KindGradientCheck } from './backend-check';
import type { BatchProgress, EpochMetrics } from '../src/engine/train/train-types';
import type { RunRecord } from '../src/engine/storage/records';
import type { MemoryReading } from './memory-reading';
import type { EpochInsight } from './epoch-insight';

/** The tfjs backend in use and, in plain words, why it was chosen. */
export interface BackendChoice {
  name: 'webgpu' | 'webgl' | 'cpu';
  reason: string;
  /** Adapter description when WebGPU is used (vendor, architecture). */
  adapter?: string;
  /** WebGPU only: each model kind's worst gradient disagreement with the CPU backend at start-up. */
  gradientCheck?: KindGradientCheck[];
  /** Model kinds that train on WebGL instead, because their WebGPU gradients failed the check. */
  routedKinds?: KindGradientCheck['kind'][];
}

export type TrainEvent =
  /** `placement`: where the run trains and how that was decided (workers, backend), in words. */
  | { type: 'started'; run: RunRecord; backend: BackendChoice; resumedFromEpoch: number; optimizerStep: number; notice?: string; placement?: string }
  | { type: 'batch'; progress: BatchProgress; elapsedMs: number; etaMs: number | null; memory?: MemoryReading }
  /** `insight`: classifiers' validation confusion matrix and, for images, a grid of validation predictions. */
  | { type: 'epoch'; metrics: EpochMetrics; checkpointSaved: boolean; checkpointMessage?: string; insight?: EpochInsight }
  | { type: 'finished'; run: RunRecord }
  /** Something the user should know that is not an error (early stopping ended the run, …). */
  | { type: 'notice'; message: string }
  /** Language-model runs: text generated from `prompt` after an epoch (seeded, so repeatable). */
  | { type: 'sample'; epoch: number; prompt: string; text: string };
