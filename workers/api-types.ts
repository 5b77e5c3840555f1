// Plain result shapes returned by the worker APIs. Failures the user must fix come back as data
// (a `problem`), because Comlink only carries an Error's message across threads.
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
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: DataInputProblem['code']; message: string; rows?: number[]; byteOffset?: number };
    return { code: e.code, message: e.message, rows: e.rows ?? [], byteOffset: e.byteOffset };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message, rows: [] };
}
