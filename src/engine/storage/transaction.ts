// One way to run a unit of IndexedDB work: resolve only after the transaction has committed,
// roll everything back on any failure, and report a quota abort as StorageFullError.
import { isQuotaError, toStorageError } from './storage-errors';

/** The part of an idb transaction this helper needs. */
export interface TransactionLike {
  done: Promise<void>;
  /** The abort reason once the transaction has failed (QuotaExceededError, AbortError...). */
  readonly error: DOMException | null;
  abort(): void;
}

/** `tx.error`, or undefined where reading it throws (older engines, while still active). */
function transactionError(tx: TransactionLike): unknown {
  try {
    return tx.error;
  } catch {
    return undefined;
  }
}

/**
 * Run `work` (which must await only requests of `tx`, never other promises, or the transaction
 * auto-commits early) and wait for `tx.done`: success of the requests alone is not a write,
 * because quota errors arrive later as an abort of the whole transaction.
 * On any failure the transaction is aborted (nothing it wrote is kept) and the error rethrown;
 * a QuotaExceededError becomes StorageFullError(`what`).
 */
export async function runInTransaction<T>(tx: TransactionLike, what: string, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    await tx.done;
    return result;
  } catch (error) {
    // A quota abort can also surface as an AbortError of a pending request: the transaction's
    // own error says what really happened.
    const cause = isQuotaError(transactionError(tx)) ? transactionError(tx) : error;
    // tx.done rejects after the abort below; the original error is the one worth reporting.
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already committed or aborted.
    }
    throw toStorageError(cause, what);
  }
}
