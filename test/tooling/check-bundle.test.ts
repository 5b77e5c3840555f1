// check-bundle must fail when tfjs reaches the main-thread bundle or any script uses eval.
import { describe, expect, it } from 'vitest';
import { runScriptOnFiles, type ScriptResult } from './run-script';

const script = new URL('../../scripts/check-bundle.mjs', import.meta.url).pathname;

function checkFakeDist(mainScript: string, workerScript = 'self.onmessage = () => {};'): ScriptResult {
  return runScriptOnFiles(script, {
    'index.html': '<script type="module" src="/assets/index-abc.js"></script>',
    'assets/index-abc.js': mainScript,
    'assets/train.worker-abc.js': workerScript,
  });
}

describe('check-bundle', () => {
  it('passes a main bundle without tfjs and reports its gzipped size', () => {
    const result = checkFakeDist('console.log("hello");', 'registerKernel({}); // tfjs is fine in a worker');
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/gzipped; no tfjs in it/);
  });

  it('fails when the main-thread bundle contains tfjs', () => {
    const result = checkFakeDist('function registerKernel(k) {}');
    expect(result.code).toBe(1);
    expect(result.output).toContain('contains tfjs');
  });

  it('fails when a script uses eval or new Function', () => {
    const result = checkFakeDist('const f = new Function("return 1");');
    expect(result.code).toBe(1);
    expect(result.output).toContain('eval or new Function');
  });
});
