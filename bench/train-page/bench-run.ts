// The training benchmark's plan, run inside a dedicated worker: for each backend, the large-matmul FLOP/s,
// then every workload with WebTrain's loop (and its 1/2/4-worker table where asked) and the model.fit
// baseline; then the checkpoint throughput. Returns plain data; the Node driver prints and saves it.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { summarizeModel } from '../../src/engine/model/model-summary';
import type { TrainerData } from '../../src/engine/train/training-loop';
import { switchBackend } from '../../workers/placement';
import { measureCheckpoints, type CheckpointTiming } from './measure-checkpoint';
import { measureFitLm, measureFitRows, type StepTiming } from './measure-fit';
import { calibrationChoice, measureLoopLm, measureLoopRows, measureMatmul } from './measure-loop';
import { BACKENDS, SCALING_BACKENDS, createWorkloads, type Workload } from './workloads';

export interface BenchOptions {
  /** Subsets for a quick run (default: all). */
  backends?: string[];
  workloads?: string[];
  /** Also run a calibration of the app's default length and check its choice against the longer measurement. */
  calibration?: boolean;
}

export interface BackendResult { backend: string; available: boolean; device?: string; matmulSide?: number; matmulFlopsPerSecond?: number; problem?: string }
export interface LoopRow { workload: string; backend: string; webtrain?: StepTiming; fit?: StepTiming; problem?: string }
export interface ScalingRow { workload: string; backend: string; workers: number; stepsPerSecond: number; samplesPerSecond: number; maxDifference: number | null; problem?: string }
export interface CalibrationCheck { workload: string; backend: string; chosenWorkers?: number; problem?: string }
export interface WorkloadInfo { id: string; label: string; batchSize: number; parameters: number; trainingFlopsPerSample: number; counts: Workload['counts'] }

export interface BenchResult {
  userAgent: string;
  hardwareConcurrency: number;
  crossOriginIsolated: boolean;
  backends: BackendResult[];
  workloads: WorkloadInfo[];
  rows: LoopRow[];
  scaling: ScalingRow[];
  calibration: CalibrationCheck[];
  checkpoint?: CheckpointTiming;
  checkpointProblem?: string;
  seconds: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Adapter or renderer name of the active backend, for the report. */
async function describeDevice(backend: string): Promise<string> {
  if (backend === 'webgpu') {
    const adapter = await (self.navigator as Navigator & { gpu?: GPU }).gpu?.requestAdapter();
    const info = adapter?.info;
    return [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' ') || 'unnamed adapter';
  }
  if (backend === 'webgl') {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl: WebGL2RenderingContext } }).gpgpu?.gl;
    const debug = gl?.getExtension('WEBGL_debug_renderer_info');
    return String(gl?.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? 'unknown renderer');
  }
  return `${navigator.hardwareConcurrency} logical cores (JavaScript kernels)`;
}

/** Training FLOPs per sample (3 × forward, see summarizeModel) and parameters of each workload. */
function describeWorkload(w: Workload): WorkloadInfo {
  const summary = summarizeModel(w.spec, w.batchSize);
  return { id: w.id, label: w.label, batchSize: w.batchSize, parameters: summary.trainableParameters, trainingFlopsPerSample: summary.trainingFlopsPerSample, counts: w.counts };
}

/** Runs the whole plan; `log` receives one line per finished measurement. */
export async function runTrainBench(options: BenchOptions, print: (line: string) => void): Promise<BenchResult> {
  const started = performance.now();
  const log = (line: string) => print(`${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s  ${line}`);
  const workloads = createWorkloads().filter((w) => !options.workloads || options.workloads.includes(w.id));
  const data = new Map(workloads.map((w) => [w.id, w.id === 'gpt' ? w.makeIds() : w.makeData()]));
  const result: BenchResult = {
    userAgent: navigator.userAgent, hardwareConcurrency: navigator.hardwareConcurrency, crossOriginIsolated: self.crossOriginIsolated,
    backends: [], workloads: workloads.map(describeWorkload), rows: [], scaling: [], calibration: [], seconds: 0,
  };
  for (const backend of options.backends ?? BACKENDS) {
    if (!(await switchBackend(backend))) {
      result.backends.push({ backend, available: false, problem: `the ${backend} backend did not start` });
      log(`${backend}: not available`);
      continue;
    }
    const matmul = await measureMatmul(backend);
    result.backends.push({ backend, available: true, device: await describeDevice(backend), matmulSide: matmul.side, matmulFlopsPerSecond: matmul.flopsPerSecond });
    log(`${backend}: matmul ${matmul.side}² ${(matmul.flopsPerSecond / 1e9).toFixed(2)} GFLOP/s`);
    for (const w of workloads) {
      const counts = w.counts[backend];
      const row: LoopRow = { workload: w.id, backend };
      result.rows.push(row);
      try {
        if (w.id === 'gpt') {
          const ids = data.get(w.id) as Int32Array;
          row.webtrain = await measureLoopLm(w, ids, counts);
          row.fit = await measureFitLm(w, ids, counts);
        } else {
          const trainerData = data.get(w.id) as TrainerData;
          const workerCounts = SCALING_BACKENDS.has(backend) ? w.workerCounts : [1];
          const loopRows = await measureLoopRows(w, trainerData, backend, counts, workerCounts);
          loopRows.forEach((r) => result.scaling.push({ workload: w.id, ...r }));
          const one = loopRows[0];
          if (one.problem) throw new Error(one.problem);
          row.webtrain = { stepsPerSecond: one.stepsPerSecond, samplesPerSecond: one.samplesPerSecond, seconds: counts.steps / one.stepsPerSecond };
          row.fit = await measureFitRows(w, trainerData.train, counts);
          if (options.calibration && workerCounts.length > 1) {
            const chosen = await calibrationChoice(w, trainerData, backend);
            result.calibration.push({ workload: w.id, backend, chosenWorkers: chosen?.workers, problem: chosen ? undefined : 'no configuration ran' });
          }
        }
        log(`${backend} ${w.id}: WebTrain ${row.webtrain.stepsPerSecond.toFixed(2)} steps/s, model.fit ${row.fit.stepsPerSecond.toFixed(2)} steps/s`);
      } catch (error) {
        row.problem = message(error);
        log(`${backend} ${w.id}: failed: ${row.problem}`);
      }
    }
  }
  try {
    result.checkpoint = await measureCheckpoints();
    log(`checkpoint ${result.checkpoint.megabytes.toFixed(1)} MB: write ${result.checkpoint.writeMBps.toFixed(1)} MB/s, verified load ${result.checkpoint.loadMBps.toFixed(1)} MB/s`);
  } catch (error) {
    result.checkpointProblem = message(error);
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
