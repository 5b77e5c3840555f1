// What the live monitor remembers of a run while it trains: per-step series (loss, learning rate,
// gradient norm, samples/s, memory) in typed arrays, learning-rate change and early-stopping marks,
// and generated samples. Fed the training worker's events; plain TypeScript so Node tests drive it.
import type { ValidationPrediction } from '../../workers/epoch-insight';
import type { TrainEvent } from '../../workers/train-api';
import type { MemoryReading } from '../../workers/memory-reading';
import { GrowableSeries, isLearningRateChange, samplesPerSecond, type StepReading } from './monitor-series';

/** A learning-rate jump between two readings: at optimizer `step` (in `epoch`) it went `from` → `to`. */
export interface LearningRateChange { step: number; epoch: number; from: number; to: number }

/** A language-model sample as the worker sent it after an epoch. */
export interface GeneratedSample { epoch: number; prompt: string; text: string }

/** A rate change by more than this factor between readings gets a marker (step decay, plateau cuts). */
export const LR_CHANGE_FACTOR = 1.5;

const EARLY_STOP_EPOCH = /early stopping ended training after epoch (\d+)/i;

export class MonitorRecorder {
  /** The run these series belong to (a new run id clears them; a resumed run continues them). */
  runId: string | null = null;
  /** Samples per optimizer step (the run's batch size). */
  batchSize = 0;
  readonly loss = new GrowableSeries();
  readonly learningRate = new GrowableSeries();
  readonly gradNorm = new GrowableSeries();
  /** Samples per second between successive batch readings. */
  readonly throughput = new GrowableSeries();
  readonly tensors = new GrowableSeries();
  /** Bytes of live tensors, and the GPU's share where the backend counts it (NaN when it does not). */
  readonly bytes = new GrowableSeries();
  readonly gpuBytes = new GrowableSeries();
  lrChanges: LearningRateChange[] = [];
  /** The epoch early stopping ended the run after, when a notice said so. */
  earlyStopEpoch: number | null = null;
  samples: GeneratedSample[] = [];
  memory: MemoryReading | null = null;
  /** The latest epoch's validation confusion matrix and image predictions (classifiers). */
  insight: { epoch: number; confusion?: number[][]; predictions?: ValidationPrediction[] } | null = null;
  private first: StepReading | null = null;
  private previous: StepReading | null = null;

  /** Take in one worker event; returns whether anything shown changed. */
  record(event: TrainEvent): boolean {
    switch (event.type) {
      case 'started':
        if (event.run.id !== this.runId) this.clear();
        this.runId = event.run.id;
        this.batchSize = event.run.trainConfig.batchSize;
        // A resumed session restarts the worker's clock: throughput must not span the gap.
        this.first = null;
        this.previous = null;
        this.earlyStopEpoch = null;
        return true;
      case 'batch': {
        const p = event.progress;
        // A reading older than the last one (a stale event after a restart) would break x order.
        if (this.loss.length && p.optimizerStep < (this.loss.x.at(-1) ?? 0)) return false;
        const step = p.optimizerStep;
        this.loss.push(step, p.loss);
        this.gradNorm.push(step, p.gradNorm ?? NaN);
        const lr = p.learningRate ?? NaN;
        const lastLr = this.learningRate.last();
        if (lastLr !== undefined && isLearningRateChange(lastLr, lr, LR_CHANGE_FACTOR)) this.lrChanges = [...this.lrChanges, { step, epoch: p.epoch, from: lastLr, to: lr }];
        this.learningRate.push(step, lr);
        const reading = { step, elapsedMs: event.elapsedMs };
        const rate = this.previous ? samplesPerSecond(this.previous, reading, this.batchSize) : undefined;
        if (rate !== undefined) this.throughput.push(step, rate);
        this.first ??= reading;
        this.previous = reading;
        if (event.memory) {
          this.memory = event.memory;
          this.tensors.push(step, event.memory.tensors);
          this.bytes.push(step, event.memory.bytes);
          this.gpuBytes.push(step, event.memory.gpuBytes ?? NaN);
        }
        return true;
      }
      case 'notice': {
        const match = EARLY_STOP_EPOCH.exec(event.message);
        if (!match) return false;
        this.earlyStopEpoch = Number(match[1]);
        return true;
      }
      case 'sample':
        this.samples = [...this.samples, { epoch: event.epoch, prompt: event.prompt, text: event.text }];
        return true;
      case 'epoch':
        if (!event.insight) return false;
        this.insight = { epoch: event.metrics.epoch, ...event.insight };
        return true;
      default:
        return false;
    }
  }

  /**
   * Follow `run` when this recorder was made after its 'started' event had passed (the dashboard opened
   * mid-run): later batch readings then count towards it. Does nothing once a run is known.
   */
  adopt(run: { id: string; trainConfig: { batchSize: number } } | null): void {
    if (this.runId !== null || !run) return;
    this.runId = run.id;
    this.batchSize = run.trainConfig.batchSize;
  }

  /**
   * Samples per second over this session so far (first to last batch reading), the figure to compare
   * with the dashboard open and closed. Undefined before two readings.
   */
  averageThroughput(): number | undefined {
    return this.first && this.previous ? samplesPerSecond(this.first, this.previous, this.batchSize) : undefined;
  }

  private clear(): void {
    for (const s of [this.loss, this.learningRate, this.gradNorm, this.throughput, this.tensors, this.bytes, this.gpuBytes]) s.clear();
    this.lrChanges = [];
    this.samples = [];
    this.insight = null;
    this.memory = null;
  }
}
