// The bench page's script: window.runTrainBench(options) starts the benchmark worker, records every long
// task (> 50 ms, PerformanceObserver 'longtask') of this main thread until the worker answers, and resolves
// with the worker's result plus the long-task summary. Log lines go to the console (the driver prints them).
import type { BenchOptions, BenchResult } from './bench-run';

export interface MainThreadReport {
  longTasks: number;
  longestTaskMs: number;
  observedSeconds: number;
}

declare global {
  interface Window {
    runTrainBench: (options: BenchOptions) => Promise<BenchResult & { mainThread: MainThreadReport }>;
  }
}

const statusLine = document.getElementById('status') as HTMLElement;

window.runTrainBench = (options) => new Promise((resolve, reject) => {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => durations.push(e.duration)));
  observer.observe({ type: 'longtask' });
  const started = performance.now();
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'webtrain-train-bench' });
  worker.onmessage = (event) => {
    const m = event.data;
    if (m.type === 'log') {
      console.log(m.text);
      statusLine.textContent = m.text;
      return;
    }
    observer.disconnect();
    worker.terminate();
    const mainThread = { longTasks: durations.length, longestTaskMs: Math.max(0, ...durations), observedSeconds: (performance.now() - started) / 1000 };
    if (m.type === 'result') resolve({ ...m.result, mainThread });
    else reject(new Error(m.message));
  };
  worker.onerror = (event) => reject(new Error(`The benchmark worker failed to start: ${event.message}`));
  worker.postMessage({ type: 'run', options });
});
statusLine.textContent = 'ready';
