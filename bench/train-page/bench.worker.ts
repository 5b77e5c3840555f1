// Entry of the training benchmark's worker: runs the plan on { type: 'run', options } and posts log lines
// ({ type: 'log' }) and then { type: 'result' } or { type: 'error' }. Training never touches the page's thread.
import { runTrainBench, type BenchOptions } from './bench-run';

self.onmessage = async (event: MessageEvent<{ type: 'run'; options: BenchOptions }>) => {
  const post = (m: unknown) => (self as unknown as Worker).postMessage(m);
  try {
    const result = await runTrainBench(event.data.options, (text) => post({ type: 'log', text }));
    post({ type: 'result', result });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
