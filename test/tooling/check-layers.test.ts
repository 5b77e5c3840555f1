// The layer checker must fail on each forbidden import and pass on a clean tree.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runScriptOnFiles, type ScriptResult } from './run-script';

const script = new URL('../../scripts/check-layers.mjs', import.meta.url).pathname;

function runChecker(files: Record<string, string>): ScriptResult {
  return runScriptOnFiles(script, files);
}

describe('check-layers', () => {
  it('passes on the real repository', () => {
    expect(execFileSync('node', [script], { encoding: 'utf8' })).toContain('follow the import rules');
  });

  it.each([
    ['engine imports svelte', 'src/engine/a.ts', "import { mount } from 'svelte';"],
    ['engine imports comlink', 'src/engine/a.ts', "import * as Comlink from 'comlink';"],
    ['engine imports main-thread glue', 'src/engine/a.ts', "import { x } from '../lib/x';"],
    ['component imports tfjs', 'src/components/A.svelte', "<script lang=\"ts\">\nimport * as tf from '@tensorflow/tfjs';\n</script>"],
    ['component imports idb', 'src/components/A.svelte', "<script lang=\"ts\">\nimport { openDB } from 'idb';\n</script>"],
    ['lib imports engine code at run time', 'src/lib/a.ts', "import { fitPipeline } from '../engine/data/prepare';"],
    ['engine touches document', 'src/engine/a.ts', 'export const t = document.title;'],
    ['engine touches window', 'src/engine/a.ts', 'export const w = window.innerWidth;'],
    ['worker imports svelte', 'workers/a.ts', "import { mount } from 'svelte';"],
  ])('fails when %s', (_name, path, text) => {
    const result = runChecker({ [path]: text });
    expect(result.code).toBe(1);
    expect(result.output).toContain(path);
  });

  it('allows type-only imports of the engine from src/lib', () => {
    expect(runChecker({ 'src/lib/a.ts': "import type { ColumnSummary } from '../engine/data/table-types';" }).code).toBe(0);
  });
});
