// check-bundle must fail when tfjs reaches the main-thread bundle or any script uses eval.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from './run-script';

const script = new URL('../../scripts/check-bundle.mjs', import.meta.url).pathname;

function checkFakeDist(mainScript: string, workerScript = 'self.onmessage = () => {};'): { code: number; output: string } {
  const dist = mkdtempSync(join(tmpdir(), 'bundle-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<script type="module" src="/assets/index-abc.js"></script>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), mainScript);
  writeFileSync(join(dist, 'assets', 'train.worker-abc.js'), workerScript);
  try {
    return runScript(script, [dist]);
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
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
