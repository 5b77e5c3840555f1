// Plain result shapes returned by the worker APIs. Failures the user must fix come back as data
// (a `problem`), because Comlink only carries an Error's message across threads.
import { toDataInputProblem } from '../src/engine/data/data-input-problem';
import type { DataInputProblem } from '../src/engine/data/table-types';

/** Either a value or a problem the UI shows as it is. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: DataInputProblem };

/** Progress of a file import, in bytes of the source file. */
export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
}

/** Turn any thrown value into a problem the UI can show; unexpected errors keep their message. */
export function problemFrom(error: unknown): DataInputProblem {
  const dataProblem = toDataInputProblem(error);
  if (dataProblem) return dataProblem;
  const message = error instanceof Error ? error.message : String(error);
  // Storage errors (StorageFullError, CheckpointCorruptError...) carry code 'storage'; a DOMException's
  // numeric `code` must not leak through as a problem code.
  const storage = (error as { code?: unknown } | null)?.code === 'storage';
  return { code: storage ? 'storage' : 'internal', message, rows: [] };
}

/** Run `work` and return its value, or the problem it threw as data (the worker APIs' way to answer). */
export async function outcomeOf<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, problem: problemFrom(error) };
  }
}
