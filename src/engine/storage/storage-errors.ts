// Typed storage failures whose messages say what happened and what to do, plus the mapping
// of a browser QuotaExceededError (which arrives as a transaction abort) to StorageFullError.

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** Browser storage has no room: refused before writing (preflight) or by a transaction abort. */
export class StorageFullError extends Error {
  /** Matches DataInputErrorCode 'storage' so worker APIs pass it on as a problem. */
  readonly code = 'storage' as const;
  readonly usage?: number;
  readonly quota?: number;
  /** Bytes the refused write needed (the preflight asks for twice the checkpoint's size). */
  readonly neededBytes?: number;
  /** `what`: the thing that was not saved, e.g. "the checkpoint of epoch 4". Sizes in bytes. */
  constructor(what: string, details: { usage?: number; quota?: number; neededBytes?: number } = {}) {
    const { usage, quota, neededBytes } = details;
    const used = usage !== undefined && quota !== undefined ? ` (${megabytes(usage)} used of ${megabytes(quota)})` : '';
    const needed = neededBytes !== undefined ? `; it needs about ${megabytes(neededBytes)} free` : '';
    super(`Browser storage is full${used}: ${what} was not saved${needed}. Free space or delete old runs or datasets, then try again.`);
    this.name = 'StorageFullError';
    this.usage = usage;
    this.quota = quota;
    this.neededBytes = neededBytes;
  }
}

/** No stored checkpoint of a run could be verified; `reasons` lists each one tried. */
export class CheckpointCorruptError extends Error {
  readonly code = 'storage' as const;
  readonly reasons: string[];
  constructor(reasons: string[]) {
    super(`No usable checkpoint was found: ${reasons.join('; ')}. Start a new run from this run's settings.`);
    this.name = 'CheckpointCorruptError';
    this.reasons = reasons;
  }
}

/** A snapshot that must not be stored (NaN/Inf values, data not matching its shape). */
export class InvalidSnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSnapshotError';
  }
}

/** A dataset that is missing or not fully imported was asked for its rows. */
export class DatasetNotReadyError extends Error {
  readonly code = 'storage' as const;
  constructor(message: string) {
    super(message);
    this.name = 'DatasetNotReadyError';
  }
}

/** True for the browser's quota failure (a DOMException named QuotaExceededError). */
export function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'QuotaExceededError';
}

/** Replace a quota failure with a StorageFullError about `what`; other errors pass through. */
export function toStorageError(error: unknown, what: string): unknown {
  return isQuotaError(error) ? new StorageFullError(what) : error;
}
