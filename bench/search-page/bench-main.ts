// The search bench page's script: window.runSearchBench(options) starts the benchmark worker, relays its
// log lines to the console (the Node driver prints them) and resolves with the worker's result.
import type { SearchBenchOptions, SearchBenchResult } from './search-bench.worker';

declare global {
  interface Window {
    runSearchBench: (options: SearchBenchOptions) => Promise<SearchBenchResult>;
  }
}

const statusLine = document.getElementById('status') as HTMLElement;

window.runSearchBench = (options) => new Promise((resolve, reject) => {
  const worker = new Worker(new URL('./search-bench.worker.ts', import.meta.url), { type: 'module', name: 'webtrain-search-bench' });
  worker.onmessage = (event) => {
    const m = event.data;
    if (m.type === 'log') {
      console.log(m.text);
      statusLine.textContent = m.text;
      return;
    }
    worker.terminate();
    if (m.type === 'result') resolve(m.result);
    else reject(new Error(m.message));
  };
  worker.onerror = (event) => reject(new Error(`The search benchmark worker failed to start: ${event.message}`));
  worker.postMessage({ type: 'run', options });
});
statusLine.textContent = 'ready';
