// Converts a thrown DataInputError into the plain DataInputProblem that can cross a worker boundary
// (Comlink's structured clone keeps only an Error's message, not its code, rows or byte offset).
import { DataInputError } from './table-types';
import type { DataInputErrorCode, DataInputProblem } from './table-types';

/**
 * The cloneable form of `e` when it is a DataInputError (also one from another realm, recognised by
 * its name and string code), else undefined so the caller can handle unexpected errors itself. Pure.
 */
export function toDataInputProblem(e: unknown): DataInputProblem | undefined {
  let error: { code: DataInputErrorCode; message: string; rows?: unknown; byteOffset?: unknown } | undefined;
  if (e instanceof DataInputError) error = e;
  else if (e instanceof Error && e.name === 'DataInputError' && typeof (e as { code?: unknown }).code === 'string') {
    error = e as unknown as typeof error;
  }
  if (!error) return undefined;
  const problem: DataInputProblem = {
    code: error.code,
    message: error.message,
    rows: Array.isArray(error.rows) ? error.rows.filter((r): r is number => typeof r === 'number') : [],
  };
  if (typeof error.byteOffset === 'number') problem.byteOffset = error.byteOffset;
  return problem;
}
