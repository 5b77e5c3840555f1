// Runs one of the repository's check scripts and captures its exit code and output, optionally
// against a throw-away folder of files written for the test.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ScriptResult {
  code: number;
  output: string;
}

/** Exit code plus stdout (on success) or stderr (on failure) of `node script ...args`. */
export function runScript(script: string, args: string[]): ScriptResult {
  try {
    return { code: 0, output: execFileSync('node', [script, ...args], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { code: e.status, output: e.stderr };
  }
}

/** Write `files` (relative path -> text) into a temporary folder, run `script <folder>`, then delete it. */
export function runScriptOnFiles(script: string, files: Record<string, string>): ScriptResult {
  const root = mkdtempSync(join(tmpdir(), 'webtrain-script-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return runScript(script, [root]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
