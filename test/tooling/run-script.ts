// Runs one of the repository's check scripts with arguments and captures its exit code and output.
import { execFileSync } from 'node:child_process';

/** Exit code plus stdout (on success) or stderr (on failure) of `node script ...args`. */
export function runScript(script: string, args: string[]): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync('node', [script, ...args], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { code: e.status, output: e.stderr };
  }
}
